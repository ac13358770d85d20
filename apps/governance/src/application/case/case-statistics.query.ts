import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model, PipelineStage } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Case } from '../../domain/case/case';
import { OPEN_STATES } from '../../domain/case/case-state-machine';
import { Cases } from '../../infrastructure/aggregates';

const CLOSED_STATES = ['CLOSED', 'RATED'];

export interface LoopStatistics {
  /** Closed (and rated) cases. */
  closed: number;
  closedOnTime: number;
  /** closedOnTime / closed, null before the first closure. */
  onTimeRate: number | null;
  /** Times verification sent a handling back, summed over the cases. */
  reworkCount: number;
}

export interface ZoneStatistics extends LoopStatistics {
  zoneId: string;
  total: number;
  open: number;
  onHold: number;
  overdue: number;
  rated: number;
  averageSatisfaction: number | null;
  byDepartment: (LoopStatistics & { assignee: { kind: string; id: string } })[];
}

/**
 * Statistics from the case snapshots themselves (never from counters), so they
 * are right after any replay. FerretDB 1.x has $group with $sum but not $avg
 * or $cond, hence one accumulator per pipeline and counts by filter.
 */
abstract class StatisticsBase {
  constructor(protected readonly cases: Model<Case & { _id: string }>) {}

  protected count(filter: Record<string, unknown>): Promise<number> {
    return this.cases.countDocuments(filter).exec();
  }

  protected async sum(filter: Record<string, unknown>, field: string): Promise<number> {
    const rows = await this.cases.aggregate<{ total: number }>([{ $match: filter }, { $group: { _id: null, total: { $sum: `$${field}` } } }]).exec();
    return rows[0]?.total ?? 0;
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

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

export class GetZoneStatistics {
  constructor(readonly zoneId: string) {}
}

@QueryHandler(GetZoneStatistics)
export class GetZoneStatisticsHandler extends StatisticsBase implements IQueryHandler<GetZoneStatistics, ZoneStatistics> {
  constructor(@InjectSnapshots(Cases) cases: Model<Case & { _id: string }>) {
    super(cases);
  }

  async execute({ zoneId }: GetZoneStatistics): Promise<ZoneStatistics> {
    const zone = { zoneId };
    const rated = await this.count({ ...zone, status: 'RATED' });
    const satisfaction = await this.sum({ ...zone, status: 'RATED' }, 'satisfaction');
    const handled = { ...zone, handledBy: { $ne: null } };
    const [closedBy, onTimeBy, reworkBy] = [
      await this.countBy({ ...handled, status: { $in: CLOSED_STATES } }, 'handledBy.id'),
      await this.countBy({ ...handled, status: { $in: CLOSED_STATES }, onTime: true }, 'handledBy.id'),
      await this.sumBy(handled, 'handledBy.id', 'reworkCount'),
    ];
    const kinds = await this.handlerKinds(handled);
    const byDepartment = [...new Set([...closedBy.keys(), ...reworkBy.keys()])].sort().map((id) => {
      const closed = closedBy.get(id) ?? 0;
      const closedOnTime = onTimeBy.get(id) ?? 0;
      return { assignee: { kind: kinds.get(id) ?? 'DEPARTMENT', id }, closed, closedOnTime, onTimeRate: rate(closedOnTime, closed), reworkCount: reworkBy.get(id) ?? 0 };
    });
    return {
      zoneId,
      total: await this.count(zone),
      open: await this.count({ ...zone, status: { $in: [...OPEN_STATES] } }),
      onHold: await this.count({ ...zone, status: 'ON_HOLD' }),
      overdue: await this.count({ ...zone, status: { $in: [...OPEN_STATES] }, overdue: true }),
      ...(await this.loop(zone)),
      rated,
      averageSatisfaction: rated === 0 ? null : Math.round((satisfaction / rated) * 100) / 100,
      byDepartment,
    };
  }

  private async handlerKinds(filter: Record<string, unknown>): Promise<Map<string, string>> {
    const organizations = await this.countBy({ ...filter, 'handledBy.kind': 'ORGANIZATION' }, 'handledBy.id');
    return new Map([...organizations.keys()].map((id) => [id, 'ORGANIZATION']));
  }
}

export class GetDepartmentStatistics {
  constructor(
    readonly departmentId: string,
    readonly scope: Record<string, string>,
  ) {}
}

@QueryHandler(GetDepartmentStatistics)
export class GetDepartmentStatisticsHandler extends StatisticsBase implements IQueryHandler<GetDepartmentStatistics> {
  constructor(@InjectSnapshots(Cases) cases: Model<Case & { _id: string }>) {
    super(cases);
  }

  async execute({ departmentId, scope }: GetDepartmentStatistics) {
    const handled = { ...scope, 'handledBy.kind': 'DEPARTMENT', 'handledBy.id': departmentId };
    return {
      departmentId,
      inHand: await this.count({ ...scope, 'assignee.kind': 'DEPARTMENT', 'assignee.id': departmentId, status: { $in: ['DISPATCHED', 'REWORK'] } }),
      ...(await this.loop(handled)),
      byZone: [...(await this.countBy({ ...handled, status: { $in: CLOSED_STATES } }, 'zoneId'))].map(([zoneId, closed]) => ({ zoneId, closed })),
    };
  }
}
