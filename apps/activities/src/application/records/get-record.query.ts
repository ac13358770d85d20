import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { RecordKind, RECORDS } from './records';

/** One record as its snapshot has it, or null. */
export class GetRecord {
  constructor(
    readonly kind: RecordKind,
    readonly id: string,
  ) {}
}

@QueryHandler(GetRecord)
export class GetRecordHandler implements IQueryHandler<GetRecord> {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  execute({ kind, id }: GetRecord) {
    return this.connection.model(RECORDS[kind].aggregate.snapshotModel).findById(id).lean().exec();
  }
}
