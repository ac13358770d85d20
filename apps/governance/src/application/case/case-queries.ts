import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { CaseKind, CaseState } from '@pb/contracts';
import { EventStore, InjectSnapshots } from '@pb/messaging';
import { Case } from '../../domain/case/case';
import { OPEN_STATES } from '../../domain/case/case-state-machine';
import { Cases } from '../../infrastructure/aggregates';

export type CaseView = Case & { version: number };

export interface CaseFilter {
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
  status?: CaseState;
  kind?: CaseKind;
  gridId?: string;
  workerId?: string;
  /** Only cases flagged overdue and still open (true) or only the others (false). */
  overdue?: boolean;
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** Newest first; the cursor is the last item's (reportedAt, caseId), opaque to callers. */
export class ListCases {
  constructor(
    readonly filter: CaseFilter,
    readonly limit: number,
    readonly after: string | undefined,
  ) {}
}

export function encodeCursor(reportedAt: string, caseId: string): string {
  return Buffer.from(JSON.stringify([reportedAt, caseId])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // fall through
  }
  return null;
}

@QueryHandler(ListCases)
export class ListCasesHandler implements IQueryHandler<ListCases, Page<CaseView>> {
  constructor(@InjectSnapshots(Cases) private readonly cases: Model<CaseView & { _id: string }>) {}

  async execute({ filter, limit, after }: ListCases): Promise<Page<CaseView>> {
    const { overdue, ...rest } = filter;
    const query: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) query[key] = value;
    if (overdue === true) {
      query.overdue = true;
      if (!filter.status) query.status = { $in: [...OPEN_STATES] };
    }
    if (overdue === false) query.overdue = false;
    const cursor = after ? decodeCursor(after) : null;
    if (cursor) {
      const [reportedAt, caseId] = cursor;
      query.$or = [{ reportedAt: { $lt: reportedAt } }, { reportedAt, _id: { $lt: caseId } }];
    }
    const items = await this.cases
      .find(query, { _id: 0, lastEventAt: 0 })
      .sort({ reportedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<CaseView[]>()
      .exec();
    const more = items.length > limit;
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: more && last ? encodeCursor(last.reportedAt, last.caseId) : null };
  }
}

export class GetCase {
  constructor(readonly caseId: string) {}
}

@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase, CaseView | null> {
  constructor(@InjectSnapshots(Cases) private readonly cases: Model<CaseView & { _id: string }>) {}

  execute({ caseId }: GetCase): Promise<CaseView | null> {
    return this.cases.findById(caseId, { _id: 0, lastEventAt: 0 }).lean<CaseView>().exec();
  }
}

export interface TimelineEntry {
  version: number;
  /** The event's short name, e.g. CaseDispatched. */
  step: string;
  /** Who did it (user id; `system` for the sweep). */
  actorId: string;
  /** When it happened, by the domain clock. */
  at: string;
  recordedAt: string;
  details: Record<string, unknown>;
}

/** A case's full history, straight from its event stream. */
export class GetCaseTimeline {
  constructor(readonly caseId: string) {}
}

const PERSONAL_IN_TIMELINE = new Set(['requesterName']);

@QueryHandler(GetCaseTimeline)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimeline, TimelineEntry[]> {
  constructor(private readonly store: EventStore) {}

  async execute({ caseId }: GetCaseTimeline): Promise<TimelineEntry[]> {
    const events = await this.store.load(caseId, 0);
    return events.map((e) => {
      const { caseId: _, at, ...details } = e.data as Record<string, unknown> & { at: string };
      for (const key of PERSONAL_IN_TIMELINE) delete details[key];
      return { version: e.aggregateversion, step: e.type.split('.')[1], actorId: e.actorid, at, recordedAt: e.time, details };
    });
  }
}
