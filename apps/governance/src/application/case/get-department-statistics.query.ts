import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Case } from '../../domain/case/case';
import { Cases } from '../../infrastructure/aggregates';
import { CLOSED_STATES, StatisticsBase } from './case-statistics';

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
