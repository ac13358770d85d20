import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MembershipReference } from '@pb/membership-reference';
import { Clock, PagePosition, pageOf, sumOf } from '@pb/platform';
import {
  ACTIVITY_VIEW,
  ActivityView,
  ORGANIZATION_LIFE_FINDING_VIEW,
  OrganizationLifeFindingView,
  POINTS_RULES_VIEW,
  PointsRulesView,
  VOLUNTEER_CLAIM_VIEW,
  VolunteerClaimView,
} from '../../infrastructure/read-models/activity-views';
import { MEMBER_POINTS_COUNTER, MemberPointsCounter, memberPointsIn, ORGANIZATION_POINTS_COUNTER, OrganizationPointsCounter, organizationPoints } from '@pb/messaging';
import { FINANCING_MATCH_VIEW, FinancingMatchView, SERVICE_REQUEST_VIEW, ServiceRequestView } from '../../infrastructure/read-models/enterprise-views';
import { CASE_VIEW, CaseView } from '../../infrastructure/read-models/governance-views';
import { periodKeysOfInstant, unitWithin } from './periods';
import { NO_POINTS } from '@pb/contracts';
import { branchFlagOf, byFlagRank, DEFAULT_POINTS_RULES, flagRankKey, parseFlagRankKey, PointsRules, pointsOf, RankedBranch, rate } from './ratings';

const TOP_MEMBERS = 10;
const TOP_BRANCHES = 20;
/** The organization types that owe 三会一课 and can earn a flag. */
const BRANCH_TYPES = ['BRANCH', 'JOINT_BRANCH', 'GENERAL_BRANCH'];

type Filter = Record<string, unknown>;

/**
 * The activities, governance and enterprise figures of a dashboard (看板),
 * counted from the gateway's own views (see docs/services/gateway.md).
 */
@Injectable()
export class DashboardFigures {
  constructor(
    @InjectModel(ACTIVITY_VIEW) private readonly activities: Model<ActivityView>,
    @InjectModel(VOLUNTEER_CLAIM_VIEW) private readonly claims: Model<VolunteerClaimView>,
    @InjectModel(MEMBER_POINTS_COUNTER) private readonly memberCounters: Model<MemberPointsCounter>,
    @InjectModel(ORGANIZATION_POINTS_COUNTER) private readonly organizationCounters: Model<OrganizationPointsCounter>,
    @InjectModel(ORGANIZATION_LIFE_FINDING_VIEW) private readonly findings: Model<OrganizationLifeFindingView>,
    @InjectModel(POINTS_RULES_VIEW) private readonly rules: Model<PointsRulesView>,
    @InjectModel(CASE_VIEW) private readonly cases: Model<CaseView>,
    @InjectModel(SERVICE_REQUEST_VIEW) private readonly requests: Model<ServiceRequestView>,
    @InjectModel(FINANCING_MATCH_VIEW) private readonly matches: Model<FinancingMatchView>,
    private readonly reference: MembershipReference,
    private readonly clock: Clock,
  ) {}

  /** The current month and the default rankings period (this year), in China time. */
  periods(): { month: string; year: string; now: Date } {
    const now = this.clock.now();
    const keys = periodKeysOfInstant(now);
    return { month: keys.month, year: keys.year, now };
  }

  async figures(filter: Filter, rankingPeriod?: string) {
    const { month, year, now } = this.periods();
    const [activities, volunteerHours, cases, enterpriseRequests, financing, rankings] = await Promise.all([
      this.activityFigures(filter, month, now),
      this.volunteerHours(filter, month, year),
      this.caseFigures(filter),
      this.requestFigures(filter),
      this.financingFigures(filter),
      this.rankings(filter, rankingPeriod ?? year),
    ]);
    return { activities, volunteerHours, cases, enterpriseRequests, financing, rankings };
  }

  /**
   * 本月活动与出勤: published activities starting this month; attendance over those already begun.
   * Counted by the database (no cap): `startsAt` is stored as UTC ISO text, so it orders as time.
   */
  private async activityFigures(filter: Filter, month: string, now: Date) {
    const thisMonth = { ...filter, status: 'PUBLISHED', month };
    const begun = { ...thisMonth, startsAt: { $lte: now.toISOString() } };
    const [count, held, expected, attended] = await Promise.all([
      this.activities.countDocuments(thisMonth).exec(),
      this.activities.countDocuments(begun).exec(),
      sum(this.activities, begun, 'expected'),
      sum(this.activities, begun, 'attended'),
    ]);
    return { month, thisMonth: count, held, attendance: { expected, attended, rate: rate(attended, expected) } };
  }

  /** 志愿时长: hours credited at check-out of volunteer service plus approved self-reports. */
  private async volunteerHours(filter: Filter, month: string, year: string) {
    const credited = (more: Filter) =>
      Promise.all([sum(this.activities, { ...filter, status: 'PUBLISHED', ...more }, 'volunteerHours'), sum(this.claims, { ...filter, status: 'APPROVED', ...more }, 'hours')]).then(
        ([a, b]) => a + b,
      );
    const [thisMonth, thisYear, total] = await Promise.all([credited({ month }), credited({ year }), credited({})]);
    return { month, thisMonth, thisYear, total };
  }

  /** 案件: open and overdue now; on-time rate over all closed cases; satisfaction over rated ones. */
  private async caseFigures(filter: Filter) {
    const [open, overdue, closed, closedOnTime, rated, satisfactionSum] = await Promise.all([
      this.cases.countDocuments({ ...filter, open: true }).exec(),
      this.cases.countDocuments({ ...filter, open: true, overdue: true }).exec(),
      this.cases.countDocuments({ ...filter, closed: true }).exec(),
      this.cases.countDocuments({ ...filter, closed: true, onTime: true }).exec(),
      this.cases.countDocuments({ ...filter, satisfaction: { $gte: 1 } }).exec(),
      sum(this.cases, { ...filter, satisfaction: { $gte: 1 } }, 'satisfaction'),
    ]);
    return { open, overdue, closed, closedOnTime, onTimeRate: rate(closedOnTime, closed), rated, averageSatisfaction: average(satisfactionSum, rated) };
  }

  /** 企业诉求: open, resolved (办结), on time, escalated, and the enterprises' satisfaction. */
  private async requestFigures(filter: Filter) {
    const [open, resolved, resolvedOnTime, escalated, rated, satisfactionSum] = await Promise.all([
      this.requests.countDocuments({ ...filter, open: true }).exec(),
      this.requests.countDocuments({ ...filter, resolved: true }).exec(),
      this.requests.countDocuments({ ...filter, resolved: true, onTime: true }).exec(),
      this.requests.countDocuments({ ...filter, escalated: true }).exec(),
      this.requests.countDocuments({ ...filter, satisfaction: { $gte: 1 } }).exec(),
      sum(this.requests, { ...filter, satisfaction: { $gte: 1 } }, 'satisfaction'),
    ]);
    return { open, resolved, resolvedOnTime, onTimeRate: rate(resolvedOnTime, resolved), escalated, rated, averageSatisfaction: average(satisfactionSum, rated) };
  }

  /** 银企对接: matches, how many were granted, and the amount granted (yuan). */
  private async financingFigures(filter: Filter) {
    const [matches, granted, declined, grantedAmount] = await Promise.all([
      this.matches.countDocuments(filter).exec(),
      this.matches.countDocuments({ ...filter, outcome: 'GRANTED' }).exec(),
      this.matches.countDocuments({ ...filter, outcome: 'DECLINED' }).exec(),
      sum(this.matches, { ...filter, outcome: 'GRANTED' }, 'grantedAmount'),
    ]);
    return { matches, granted, declined, grantedAmount };
  }

  /**
   * 一个党员一颗星、一个支部一面旗 for the period, from the counters the projector keeps
   * (libs/messaging points-counters; no scan of records, no cap): a member's points from the
   * records in the scope; a branch's flag from what was credited to it (citywide) over the members
   * who count in it (countedPlaceOf) and its 三会一课 findings.
   */
  private async rankings(filter: Filter, period: string) {
    const rules = await this.pointsRules();
    const [totals, branches] = await Promise.all([memberPointsIn(this.memberCounters, filter, period), this.rankedBranches(filter, period, rules)]);

    const rated = [...totals.entries()]
      .filter(([, t]) => t.attended !== 0 || t.volunteerHours !== 0 || t.pledgesKept !== 0)
      .map(([memberId, t]) => ({ memberId, organizationId: t.organizationId, ...pointsOf(rules, t) }));
    rated.sort((a, b) => b.points - a.points || a.memberId.localeCompare(b.memberId));
    const distribution: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    for (const r of rated) if (r.stars > 0) distribution[String(r.stars)]++;
    const top = rated.slice(0, TOP_MEMBERS);
    const topOrganizations = await this.reference.organizationsById([...new Set(top.map((r) => r.organizationId))]);
    const names = new Map(topOrganizations.filter((o) => o).map((o) => [o!.organizationId, o!.name]));

    return {
      period,
      rules,
      stars: {
        rated: rated.length,
        distribution,
        top: top.map((r) => ({ memberId: r.memberId, organizationId: r.organizationId, organizationName: names.get(r.organizationId) ?? null, points: r.points, stars: r.stars })),
      },
      // `top` is the first page of `GET /api/dashboard/flags`; the rest are paged there.
      flags: { branches: branches.length, flagged: branches.filter((b) => b.flag).length, top: branches.slice(0, TOP_BRANCHES) },
    };
  }

  /**
   * The branch flags of a scope a page at a time, in the dashboard's order (flagged first, then by
   * average, then by id): the first page is the dashboard's `rankings.flags.top`. The cursor is the
   * shared one (key: flag and average, id: the organization), so a page never repeats or skips one.
   */
  async flagsPage(filter: Filter, period: string, limit: number, after: PagePosition | null) {
    const rank = after ? parseFlagRankKey(after.key) : null;
    if (after && !rank) throw new BadRequestException(['after 无效：须为上一页返回的游标']);
    const branches = await this.rankedBranches(filter, period, await this.pointsRules());
    const rest = after ? branches.filter((b) => byFlagRank(b, { ...rank!, organizationId: after.id, name: undefined, members: 0, overdueUnits: 0 }) > 0) : branches;
    return {
      period,
      branches: branches.length,
      flagged: branches.filter((b) => b.flag).length,
      ...pageOf(rest, limit, (b) => ({ key: flagRankKey(b), id: b.organizationId })),
    };
  }

  private async pointsRules(): Promise<PointsRules> {
    const rulesDoc = await this.rules.findOne().lean<PointsRulesView>().exec();
    return rulesDoc
      ? {
          attendancePoints: rulesDoc.attendancePoints,
          volunteerHourPoints: rulesDoc.volunteerHourPoints,
          pledgeKeptPoints: rulesDoc.pledgeKeptPoints,
          starThresholds: rulesDoc.starThresholds,
          flagAveragePoints: rulesDoc.flagAveragePoints,
        }
      : DEFAULT_POINTS_RULES;
  }

  /** Every branch of the scope with its flag, in the dashboard's order. */
  private async rankedBranches(filter: Filter, period: string, rules: PointsRules): Promise<RankedBranch[]> {
    const [branchOrgs, findings] = await Promise.all([
      // No limit: every branch of the scope is ranked (0 is "no limit").
      this.reference.organizationsOfTypes(BRANCH_TYPES, filter, 0),
      this.findings
        .find({ year: period.slice(0, 4) }, { organizationId: 1, period: 1 })
        .lean<OrganizationLifeFindingView[]>()
        .exec(),
    ]);
    const branchIds = branchOrgs.map((o) => o._id);
    const [counted, credited] = await Promise.all([this.reference.countedMembersPerOrganization(branchIds), organizationPoints(this.organizationCounters, branchIds, period)]);
    const overdueOf = new Map<string, number>();
    for (const f of findings) if (unitWithin(f.period, period)) overdueOf.set(f.organizationId, (overdueOf.get(f.organizationId) ?? 0) + 1);
    return branchOrgs
      .map((o) => {
        const members = counted.get(o._id) ?? 0;
        const overdueUnits = overdueOf.get(o._id) ?? 0;
        return { organizationId: o._id, name: o.name, members, overdueUnits, ...branchFlagOf(rules, credited.get(o._id) ?? NO_POINTS, members, overdueUnits) };
      })
      .sort(byFlagRank);
  }
}

/** One `$group` with one accumulator (FerretDB 1.x sums wrongly with more). */
async function sum<T>(model: Model<T>, match: Filter, field: string): Promise<number> {
  return Math.round((await sumOf(model, match, field)) * 100) / 100;
}

function average(total: number, count: number): number | null {
  return count === 0 ? null : Math.round((total / count) * 100) / 100;
}
