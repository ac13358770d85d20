import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { sumOf } from '@pb/platform';
import type { Enterprise } from '../../domain/enterprise/enterprise';
import type { FinancingMatch } from '../../domain/financing/financing';
import { OPEN_STATUSES, ServiceRequest } from '../../domain/request/service-request';
import { Enterprises, FinancingMatches, ServiceRequests } from '../../infrastructure/aggregates';

export class GetZoneFigures {
  constructor(readonly zoneId: string) {}
}

export interface ZoneFigures {
  zoneId: string;
  enterprises: number;
  graduatesEmployed: number;
  employees: number;
  requestsOpen: number;
  requestsClosed: number;
  /** Share of closed requests closed by their deadline; null before any closure. */
  onTimeRate: number | null;
  ratings: number;
  /** Mean satisfaction (1–5) of rated requests; null before any rating. */
  averageSatisfaction: number | null;
  financingGranted: number;
  financingMatches: number;
}

/**
 * 片区指标, computed from the snapshots at the time of asking. Each $group has
 * a single accumulator (FerretDB 1.x mis-sums combined ones); counts use
 * countDocuments.
 */
@QueryHandler(GetZoneFigures)
export class GetZoneFiguresHandler implements IQueryHandler<GetZoneFigures, ZoneFigures> {
  constructor(
    @InjectSnapshots(Enterprises) private readonly enterprises: Model<Snapshot<Enterprise>>,
    @InjectSnapshots(ServiceRequests) private readonly requests: Model<Snapshot<ServiceRequest>>,
    @InjectSnapshots(FinancingMatches) private readonly matches: Model<Snapshot<FinancingMatch>>,
  ) {}

  async execute({ zoneId }: GetZoneFigures): Promise<ZoneFigures> {
    const closed = { zoneId, status: { $in: ['CLOSED', 'RATED'] } };
    const rated = { zoneId, status: 'RATED' };
    const [enterprises, graduatesEmployed, employees, requestsOpen, requestsClosed, onTime, ratings, satisfactionTotal, financingGranted, financingMatches] = await Promise.all([
      this.enterprises.countDocuments({ zoneId }).exec(),
      sumOf(this.enterprises, { zoneId }, 'youngGraduates'),
      sumOf(this.enterprises, { zoneId }, 'employees'),
      this.requests.countDocuments({ zoneId, status: { $in: OPEN_STATUSES } }).exec(),
      this.requests.countDocuments(closed).exec(),
      this.requests.countDocuments({ ...closed, closedOnTime: true }).exec(),
      this.requests.countDocuments(rated).exec(),
      sumOf(this.requests, rated, 'satisfaction'),
      sumOf(this.matches, { zoneId, status: 'GRANTED' }, 'grantedAmount'),
      this.matches.countDocuments({ zoneId }).exec(),
    ]);
    const round = (n: number) => Math.round(n * 1000) / 1000;
    return {
      zoneId,
      enterprises,
      graduatesEmployed,
      employees,
      requestsOpen,
      requestsClosed,
      onTimeRate: requestsClosed ? round(onTime / requestsClosed) : null,
      ratings,
      averageSatisfaction: ratings ? round(satisfactionTotal / ratings) : null,
      financingGranted,
      financingMatches,
    };
  }
}
