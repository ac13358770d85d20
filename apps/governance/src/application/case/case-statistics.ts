import { Model, PipelineStage } from 'mongoose';
import { Case } from '../../domain/case/case';
import { sumOf } from '@pb/platform';

export const CLOSED_STATES = ['CLOSED', 'RATED'];

export interface LoopStatistics {
  /** Closed (and rated) cases. */
  closed: number;
  closedOnTime: number;
  /** closedOnTime / closed, null before the first closure. */
  onTimeRate: number | null;
  /** Times verification sent a handling back, summed over the cases. */
  reworkCount: number;
}

/**
 * Statistics from the case snapshots themselves (never from counters), so they
 * are right after any replay. FerretDB 1.x has $group with $sum but not $avg
 * or $cond, hence one accumulator per pipeline and counts by filter.
 */
export abstract class StatisticsBase {
  constructor(protected readonly cases: Model<Case & { _id: string }>) {}

  protected count(filter: Record<string, unknown>): Promise<number> {
    return this.cases.countDocuments(filter).exec();
  }

  protected sum(filter: Record<string, unknown>, field: string): Promise<number> {
    return sumOf(this.cases, filter, field);
  }

  protected async countBy(filter: Record<string, unknown>, key: string): Promise<Map<string, number>> {
    const pipeline: PipelineStage[] = [{ $match: filter }, { $group: { _id: `$${key}`, n: { $sum: 1 } } }];
    const rows = await this.cases.aggregate<{ _id: string | null; n: number }>(pipeline).exec();
    return new Map(rows.filter((r) => r._id !== null).map((r) => [r._id as string, r.n]));
  }

  protected async sumBy(filter: Record<string, unknown>, key: string, field: string): Promise<Map<string, number>> {
    const rows = await this.cases.aggregate<{ _id: string | null; n: number }>([{ $match: filter }, { $group: { _id: `$${key}`, n: { $sum: `$${field}` } } }]).exec();
    return new Map(rows.filter((r) => r._id !== null).map((r) => [r._id as string, r.n]));
  }

  protected async loop(filter: Record<string, unknown>): Promise<LoopStatistics> {
    const closed = await this.count({ ...filter, status: { $in: CLOSED_STATES } });
    const closedOnTime = await this.count({ ...filter, status: { $in: CLOSED_STATES }, onTime: true });
    return { closed, closedOnTime, onTimeRate: rate(closedOnTime, closed), reworkCount: await this.sum(filter, 'reworkCount') };
  }
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}
