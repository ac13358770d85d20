import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { RecordKind, RECORDS, Row } from './records';

export class GetRecord {
  constructor(
    readonly kind: RecordKind,
    readonly id: string,
  ) {}
}

@QueryHandler(GetRecord)
export class GetRecordHandler implements IQueryHandler<GetRecord, Record<string, unknown> | null> {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async execute({ kind, id }: GetRecord): Promise<Record<string, unknown> | null> {
    const found = await this.connection.model(RECORDS[kind].snapshotModel).findById(id, { lastEventAt: 0 }).lean<Row>().exec();
    if (!found) return null;
    const { _id, ...rest } = found;
    return rest;
  }
}
