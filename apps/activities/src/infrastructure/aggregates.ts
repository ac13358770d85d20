import type { EventEnvelope, OrganizationLifeOverdueData } from '@pb/contracts';
import { cityWide, defineAggregate, ownJurisdiction } from '@pb/messaging';
import { Activity, evolveActivity } from '../domain/activity/activity';
import { evolvePledge, evolvePost, Pledge, VanguardPost } from '../domain/pledge/pledge';
import { Assessment, evolveAssessment, evolveHonour, evolvePointsRules, evolveRecommendation, Honour, PointsRules, Recommendation } from '../domain/recognition/recognition';
import { evolveBooking, evolveRoom, evolveServiceCentre, Room, RoomBooking, ServiceCentre } from '../domain/room/room';
import { evolveHoursClaim, HoursClaim } from '../domain/volunteer/hours-claim';

const PLACE = { districtId: 1, subDistrictId: 1, zoneId: 1 } as const;

/** 组织生活 and other activities. */
export const Activities = defineAggregate<Activity>({
  type: 'Activity',
  evolve: evolveActivity,
  collection: 'activities',
  indexes: [PLACE, { startsAt: 1 }, { organizerIds: 1, startsAt: 1 }, { 'participants.memberId': 1 }, { roomId: 1, startsAt: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 党群服务中心 */
export const ServiceCentres = defineAggregate<ServiceCentre>({
  type: 'ServiceCentre',
  evolve: evolveServiceCentre,
  collection: 'service_centres',
  indexes: [PLACE],
  jurisdiction: ownJurisdiction,
});

/** 功能室 */
export const Rooms = defineAggregate<Room>({
  type: 'Room',
  evolve: evolveRoom,
  collection: 'rooms',
  indexes: [{ centreId: 1 }, PLACE],
  jurisdiction: ownJurisdiction,
});

/** 功能室预约 */
export const RoomBookings = defineAggregate<RoomBooking>({
  type: 'RoomBooking',
  evolve: evolveBooking,
  collection: 'room_bookings',
  indexes: [{ roomId: 1, startsAt: 1 }, PLACE],
  jurisdiction: ownJurisdiction,
});

/** 志愿时长申报 */
export const HoursClaims = defineAggregate<HoursClaim>({
  type: 'VolunteerHoursClaim',
  evolve: evolveHoursClaim,
  collection: 'volunteer_hour_claims',
  indexes: [{ memberId: 1 }, { organizationId: 1, status: 1 }, PLACE],
  jurisdiction: ownJurisdiction,
});

/** 组织生活逾期 finding: one per branch, kind and period; its events name the branch's jurisdiction. */
export type Finding = OrganizationLifeOverdueData & { raisedAt: string };

export const Findings = defineAggregate<Finding>({
  type: 'OrganizationLifeFinding',
  evolve: (_: Finding | null, event: EventEnvelope): Finding => ({ ...(event.data as unknown as OrganizationLifeOverdueData), raisedAt: event.time }),
  collection: 'organization_life_findings',
  indexes: [{ organizationId: 1 }],
});

/** 承诺 */
export const Pledges = defineAggregate<Pledge>({
  type: 'Pledge',
  evolve: evolvePledge,
  collection: 'pledges',
  indexes: [{ memberId: 1 }, { organizationId: 1 }, PLACE],
  jurisdiction: ownJurisdiction,
});

/** 先锋岗 / 责任区 */
export const VanguardPosts = defineAggregate<VanguardPost>({
  type: 'VanguardPost',
  evolve: evolvePost,
  collection: 'vanguard_posts',
  indexes: [{ organizationId: 1 }, { memberId: 1 }, PLACE],
  jurisdiction: ownJurisdiction,
});

/** 积分规则: one city-wide rule set, in no district. */
export const PointsRulesSets = defineAggregate<PointsRules>({
  type: 'PointsRules',
  evolve: evolvePointsRules,
  collection: 'points_rules',
  jurisdiction: cityWide,
});

/** 党建品牌 / 示范点 */
export const Honours = defineAggregate<Honour>({
  type: 'Honour',
  evolve: evolveHonour,
  collection: 'honours',
  indexes: [PLACE],
  jurisdiction: ownJurisdiction,
});

/** 五规范五提升考评: its events name the assessed organization's jurisdiction. */
export const Assessments = defineAggregate<Assessment>({
  type: 'Assessment',
  evolve: evolveAssessment,
  collection: 'assessments',
  indexes: [{ organizationId: 1, period: 1 }],
});

/** 三优三推推荐: its events name the recommending organization's jurisdiction. */
export const Recommendations = defineAggregate<Recommendation>({
  type: 'Recommendation',
  evolve: evolveRecommendation,
  collection: 'recommendations',
  indexes: [{ organizationId: 1 }],
});

export const ACTIVITIES_AGGREGATES = [
  Activities,
  ServiceCentres,
  Rooms,
  RoomBookings,
  HoursClaims,
  Findings,
  Pledges,
  VanguardPosts,
  PointsRulesSets,
  Honours,
  Assessments,
  Recommendations,
];
