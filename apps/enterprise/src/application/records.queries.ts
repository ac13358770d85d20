import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { SNAPSHOTS } from '../infrastructure/snapshots';

/** Snapshot collections read as plain lists (the others have queries of their own). */
export type RecordKind = 'serviceDay' | 'loanProduct' | 'financingNeed' | 'financingMatch' | 'policy' | 'policyMatch' | 'mentor' | 'mentoringMatch' | 'makerSpace' | 'startup';

/** One bounded, id-ordered page; `after` is the last id of the previous page. */
export class ListRecords {
  constructor(
    readonly kind: RecordKind,
    readonly filter: Record<string, string | undefined>,
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

export class GetRecord {
  constructor(
    readonly kind: RecordKind,
    readonly id: string,
  ) {}
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

type Row = Record<string, unknown> & { _id: string };

@QueryHandler(ListRecords)
export class ListRecordsHandler implements IQueryHandler<ListRecords, Page<Record<string, unknown>>> {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async execute({ kind, filter, limit, after }: ListRecords): Promise<Page<Record<string, unknown>>> {
    const query: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) query[k] = v;
    if (after !== undefined) query._id = { $gt: after };
    const rows = await this.connection
      .model(SNAPSHOTS[kind].name)
      .find(query, { lastEventAt: 0 })
      .sort({ _id: 1 })
      .limit(limit + 1)
      .lean<Row[]>()
      .exec();
    const page = rows.slice(0, limit);
    return { items: page.map(({ _id, ...rest }) => rest), next: rows.length > limit ? page[page.length - 1]._id : null };
  }
}

@QueryHandler(GetRecord)
export class GetRecordHandler implements IQueryHandler<GetRecord, Record<string, unknown> | null> {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async execute({ kind, id }: GetRecord): Promise<Record<string, unknown> | null> {
    const found = await this.connection.model(SNAPSHOTS[kind].name).findById(id, { lastEventAt: 0 }).lean<Row>().exec();
    if (!found) return null;
    const { _id, ...rest } = found;
    return rest;
  }
}
