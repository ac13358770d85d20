import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { PointsRules } from '../../domain/recognition/recognition';
import { MemberTotals } from './member-totals';

/** The points rules in force (the defaults until the city sets its own). */
export class GetPointsRules {}

@QueryHandler(GetPointsRules)
export class GetPointsRulesHandler implements IQueryHandler<GetPointsRules, PointsRules> {
  constructor(private readonly totals: MemberTotals) {}

  execute(): Promise<PointsRules> {
    return this.totals.pointsRules();
  }
}
