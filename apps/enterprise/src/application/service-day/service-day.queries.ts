import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { FinancingMatch } from '../../domain/financing/financing';
import type { ServiceRequest } from '../../domain/request/service-request';
import type { ServiceDay } from '../../domain/service-day/service-day';
import { Snapshot, SNAPSHOTS } from '../../infrastructure/snapshots';

export class GetServiceDay {
  constructor(readonly serviceDayId: string) {}
}

/** A service day with the requests its issues became and, for a matchmaking session, its matches. */
@QueryHandler(GetServiceDay)
export class GetServiceDayHandler implements IQueryHandler<GetServiceDay> {
  constructor(
    @InjectModel(SNAPSHOTS.serviceDay.name) private readonly days: Model<Snapshot<ServiceDay>>,
    @InjectModel(SNAPSHOTS.request.name) private readonly requests: Model<Snapshot<ServiceRequest>>,
    @InjectModel(SNAPSHOTS.financingMatch.name) private readonly matches: Model<Snapshot<FinancingMatch>>,
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
