import { IQuery, QueryBus } from '@nestjs/cqrs';
import { Actor, assertInScope, RecordJurisdiction } from '@pb/platform';
import { GetCase } from '../../application/case/get-case.query';
import { GetGridWorker } from '../../application/grid/get-grid-worker.query';
import { GetGrid } from '../../application/grid/get-grid.query';

/** The record filters a list may take, each with how to read it and its name in answers. */
const FILTER_RECORDS = {
  gridId: { read: (id: string) => new GetGrid(id), what: '网格' },
  workerId: { read: (id: string) => new GetGridWorker(id), what: '网格员' },
  caseId: { read: (id: string) => new GetCase(id), what: '案件' },
} as const;

/**
 * A list filtered by a record (a grid, a worker, a case) names that record: one in another
 * jurisdiction is a 403, as asking for another district is, not an answer about it. An
 * unknown id is no record to check: its list is empty, being narrowed to the caller's scope.
 */
export async function assertFilterInScope(queries: QueryBus, actor: Actor, filter: Partial<Record<keyof typeof FILTER_RECORDS, string>>): Promise<void> {
  for (const key of Object.keys(FILTER_RECORDS) as (keyof typeof FILTER_RECORDS)[]) {
    const id = filter[key];
    if (!id) continue;
    const { read, what } = FILTER_RECORDS[key];
    const found = await queries.execute<IQuery, RecordJurisdiction | null>(read(id));
    if (found) assertInScope(actor, found, `${what} ${id} `);
  }
}
