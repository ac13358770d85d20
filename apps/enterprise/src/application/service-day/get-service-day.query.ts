import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import type { FinancingMatch } from '../../domain/financing/financing';
import type { ServiceRequest } from '../../domain/request/service-request';
import type { ServiceDay } from '../../domain/service-day/service-day';
import { FinancingMatches, ServiceDays, ServiceRequests } from '../../infrastructure/aggregates';

export class GetServiceDay {
  constructor(readonly serviceDayId: string) {}
}

/** A service day with the requests its issues became and, for a matchmaking session, its matches. */
@QueryHandler(GetServiceDay)
export class GetServiceDayHandler implements IQueryHandler<GetServiceDay> {
  constructor(
    @InjectSnapshots(ServiceDays) private readonly days: Model<Snapshot<ServiceDay>>,
    @InjectSnapshots(ServiceRequests) private readonly requests: Model<Snapshot<ServiceRequest>>,
    @InjectSnapshots(FinancingMatches) private readonly matches: Model<Snapshot<FinancingMatch>>,
  ) {}

  async execute({ serviceDayId }: GetServiceDay) {
    const day = await this.days.findById(serviceDayId, { lastEventAt: 0 }).lean<Snapshot<ServiceDay>>().exec();
    if (!day) return null;
    const { _id, ...rest } = day;
    const requests = await this.requests
      .find({ 'origin.serviceDayId': serviceDayId }, { _id: 1, origin: 1, status: 1 })
      .limit(1000)
      .lean<{ _id: string; origin: { issueId: string }; status: string }[]>()
      .exec();
    const byIssue = new Map(requests.map((r) => [r.origin.issueId, { requestId: r._id, status: r.status }]));
    const matches =
      day.kind === 'MATCHMAKING'
        ? (await this.matches.find({ sessionId: serviceDayId }, { lastEventAt: 0 }).limit(1000).lean<Snapshot<FinancingMatch>[]>().exec()).map(({ _id: _m, ...m }) => m)
        : [];
    return { ...rest, issues: day.issues.map((i) => ({ ...i, request: byIssue.get(i.issueId) ?? null })), matches };
  }
}
