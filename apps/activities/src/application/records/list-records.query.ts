import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectConnection } from '@nestjs/mongoose';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Connection } from 'mongoose';
import { ID_MESSAGE, ID_PATTERN, ScopeFilterDto } from '../shared/common.dto';
import { Filter, strip } from '../shared/reads';
import { ListedKind, MAX_LISTED, RECORDS } from './records';

/** The records of one kind that match the filter, in that kind's order, at most MAX_LISTED. */
export class ListRecords {
  constructor(
    readonly kind: ListedKind,
    readonly filter: Filter,
  ) {}
}

@QueryHandler(ListRecords)
export class ListRecordsHandler implements IQueryHandler<ListRecords> {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async execute({ kind, filter }: ListRecords) {
    const { aggregate, order } = RECORDS[kind];
    const docs = await this.connection.model(aggregate.snapshotModel).find(filter).sort(order).limit(MAX_LISTED).lean().exec();
    return docs.map(strip);
  }
}

export class ClaimFilterDto extends ScopeFilterDto {
  @IsOptional() @IsIn(['PENDING', 'APPROVED', 'REJECTED'], { message: 'status 必须是 PENDING、APPROVED 或 REJECTED' }) status?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string;
}

export class PledgeFilterDto extends ScopeFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) memberId?: string;
  @IsOptional() @IsIn(['MADE', 'FULFILLED', 'LAPSED'], { message: 'status 必须是 MADE、FULFILLED 或 LAPSED' }) status?: string;
}

export class RoomFilterDto extends ScopeFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) centreId?: string;
}
