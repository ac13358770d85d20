import { ModelDefinition } from '@nestjs/mongoose';
import {
  ACTIVITY_VIEW,
  ActivityViewSchema,
  ORGANIZATION_LIFE_FINDING_VIEW,
  OrganizationLifeFindingViewSchema,
  PARTICIPATION_VIEW,
  ParticipationViewSchema,
  PLEDGE_VIEW,
  PledgeViewSchema,
  POINTS_RULES_VIEW,
  PointsRulesViewSchema,
  VOLUNTEER_CLAIM_VIEW,
  VolunteerClaimViewSchema,
} from './activity-views';
import { FINANCING_MATCH_VIEW, FinancingMatchViewSchema, SERVICE_REQUEST_VIEW, ServiceRequestViewSchema } from './enterprise-views';
import { BUILDING_PLACE_VIEW, BuildingPlaceViewSchema } from './building-views';
import { CASE_VIEW, CaseViewSchema } from './governance-views';
import { POINTS_COUNTER_MODELS } from '@pb/messaging';
import { ENTERPRISE_COVERAGE_VIEW, EnterpriseCoverageViewSchema, TWO_NEW_EMPLOYMENT_VIEW, TwoNewEmploymentViewSchema, TWO_NEW_HOST_VIEW, TwoNewHostViewSchema } from './coverage-views';

/** The views built from activities', governance's and enterprise's topics (and 两新 coverage, from membership's and enterprise's). */
export const CROSS_SERVICE_VIEWS: ModelDefinition[] = [
  { name: ACTIVITY_VIEW, schema: ActivityViewSchema },
  { name: PARTICIPATION_VIEW, schema: ParticipationViewSchema },
  { name: VOLUNTEER_CLAIM_VIEW, schema: VolunteerClaimViewSchema },
  { name: PLEDGE_VIEW, schema: PledgeViewSchema },
  { name: ORGANIZATION_LIFE_FINDING_VIEW, schema: OrganizationLifeFindingViewSchema },
  { name: POINTS_RULES_VIEW, schema: PointsRulesViewSchema },
  { name: CASE_VIEW, schema: CaseViewSchema },
  { name: SERVICE_REQUEST_VIEW, schema: ServiceRequestViewSchema },
  { name: FINANCING_MATCH_VIEW, schema: FinancingMatchViewSchema },
  // 积分计数: the counters rankings, stars and flags read (libs/messaging points-counters).
  ...POINTS_COUNTER_MODELS,
  { name: TWO_NEW_EMPLOYMENT_VIEW, schema: TwoNewEmploymentViewSchema },
  { name: TWO_NEW_HOST_VIEW, schema: TwoNewHostViewSchema },
  { name: ENTERPRISE_COVERAGE_VIEW, schema: EnterpriseCoverageViewSchema },
  // 楼宇里的企业和网格 (GET /api/buildings/:id).
  { name: BUILDING_PLACE_VIEW, schema: BuildingPlaceViewSchema },
];
