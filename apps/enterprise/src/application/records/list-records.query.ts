import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectConnection } from '@nestjs/mongoose';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Connection } from 'mongoose';
import { DEPARTMENTS, FINANCING_OUTCOMES, SERVICE_DAY_KINDS, STARTUP_STATUSES } from '@pb/contracts';
import { DEPARTMENT_MESSAGE, ID_MESSAGE, ID_PATTERN, IsCreditCode, PageDto, ZoneFilterDto } from '../shared/common.dto';
import { Page, RecordKind, RECORDS, Row } from './records';

/** One bounded, id-ordered page; `after` is the last id of the previous page. */
export class ListRecords {
  constructor(
    readonly kind: RecordKind,
    readonly filter: Record<string, string | undefined>,
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

@QueryHandler(ListRecords)
export class ListRecordsHandler implements IQueryHandler<ListRecords, Page<Record<string, unknown>>> {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async execute({ kind, filter, limit, after }: ListRecords): Promise<Page<Record<string, unknown>>> {
    const query: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) query[k] = v;
    if (after !== undefined) query._id = { $gt: after };
    const rows = await this.connection
      .model(RECORDS[kind].snapshotModel)
      .find(query, { lastEventAt: 0 })
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<Row[]>()
      .exec();
    const page = rows.slice(0, limit);
    return { items: page.map(({ _id, ...rest }) => rest), next: rows.length > limit ? page[page.length - 1]._id : null };
  }
}

export class ServiceDayFilterDto extends ZoneFilterDto {
  @IsOptional() @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE }) department?: string;
  @IsOptional() @IsIn(SERVICE_DAY_KINDS, { message: `kind 必须是以下之一：${SERVICE_DAY_KINDS.join(', ')}` }) kind?: string;
}

/** 贷款产品 are offered in a whole district: its id is the one filter. */
export class LoanProductFilterDto extends PageDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) districtId?: string;
}

export class FinancingFilterDto extends ZoneFilterDto {
  @IsOptional() @IsCreditCode() creditCode?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) needId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) sessionId?: string;
  @IsOptional() @IsIn(['PROPOSED', ...FINANCING_OUTCOMES], { message: 'status 必须是 PROPOSED, GRANTED 或 DECLINED' }) status?: string;
}

export class PolicyMatchFilterDto extends ZoneFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) policyId?: string;
  @IsOptional() @IsCreditCode() creditCode?: string;
}

export class MentoringFilterDto extends ZoneFilterDto {
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) mentorId?: string;
  @IsOptional() @Matches(ID_PATTERN, { message: ID_MESSAGE }) makerSpaceId?: string;
  @IsOptional() @IsIn(STARTUP_STATUSES, { message: `status 必须是以下之一：${STARTUP_STATUSES.join(', ')}` }) status?: string;
}
