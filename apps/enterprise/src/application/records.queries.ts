import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import {
  FinancingMatches,
  FinancingNeeds,
  LoanProducts,
  MakerSpaces,
  MentoringMatches,
  Mentors,
  Policies,
  PolicyMatches,
  ServiceDays,
  Startups,
} from '../infrastructure/aggregates';

/** Snapshot collections read as plain lists (the others have queries of their own). */
const RECORDS = {
  serviceDay: ServiceDays,
  loanProduct: LoanProducts,
  financingNeed: FinancingNeeds,
  financingMatch: FinancingMatches,
  policy: Policies,
  policyMatch: PolicyMatches,
  mentor: Mentors,
  mentoringMatch: MentoringMatches,
  makerSpace: MakerSpaces,
  startup: Startups,
} as const;

export type RecordKind = keyof typeof RECORDS;

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
