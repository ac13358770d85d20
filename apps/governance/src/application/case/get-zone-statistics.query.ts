import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Case } from '../../domain/case/case';
import { OPEN_STATES } from '../../domain/case/case-state-machine';
import { Cases } from '../../infrastructure/aggregates';
import { CLOSED_STATES, LoopStatistics, rate, StatisticsBase } from './case-statistics';

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
