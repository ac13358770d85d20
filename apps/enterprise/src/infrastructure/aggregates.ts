import { cityWide, defineAggregate, ownJurisdiction } from '@pb/messaging';
import { Enterprise, evolveEnterprise } from '../domain/enterprise/enterprise';
import { evolveFinancingMatch, evolveFinancingNeed, evolveLoanProduct, FinancingMatch, FinancingNeed, LoanProduct } from '../domain/financing/financing';
import { evolveMakerSpace, evolveMentor, evolveMentoringMatch, evolveStartup, MakerSpace, Mentor, MentoringMatch, Startup } from '../domain/mentoring/mentoring';
import { evolvePolicy, evolvePolicyMatch, Policy, PolicyMatch } from '../domain/policy/policy';
import { evolveRoutingRule, RoutingRule } from '../domain/request/routing';
import { evolveServiceRequest, ServiceRequest } from '../domain/request/service-request';
import { evolveServiceTargets, ServiceTargets } from '../domain/request/service-targets';
import { evolveServiceDay, ServiceDay } from '../domain/service-day/service-day';

const PLACE = { districtId: 1, subDistrictId: 1, zoneId: 1 } as const;

/** 企业 */
export const Enterprises = defineAggregate<Enterprise>({
  type: 'Enterprise',
  evolve: evolveEnterprise,
  collection: 'enterprises',
  indexes: [PLACE, { zoneId: 1, name: 1 }, { tags: 1 }, { buildingId: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 企业诉求 */
export const ServiceRequests = defineAggregate<ServiceRequest>({
  type: 'ServiceRequest',
  evolve: evolveServiceRequest,
  collection: 'service_requests',
  indexes: [
    { districtId: 1, zoneId: 1, submittedAt: -1 },
    { creditCode: 1, submittedAt: -1 },
    { status: 1, submittedAt: -1 },
    { department: 1, submittedAt: -1 },
    { category: 1, submittedAt: -1 },
    { status: 1, closureDue: 1 },
    { status: 1, firstContactDue: 1 },
    // 督办到本级: equality on the level and jurisdiction first, as FerretDB serves it from an index.
    { escalationLevel: 1, escalatedTo: 1, submittedAt: -1 },
  ],
  jurisdiction: ownJurisdiction,
});

/** 诉求分派规则: one per category, city-wide. */
export const RoutingRules = defineAggregate<RoutingRule>({ type: 'RoutingRule', evolve: evolveRoutingRule, collection: 'routing_rules', jurisdiction: cityWide });

/** 办理时限目标, city-wide. */
export const ServiceTargetsSettings = defineAggregate<ServiceTargets>({
  type: 'ServiceTargets',
  evolve: evolveServiceTargets,
  collection: 'service_targets',
  jurisdiction: cityWide,
});

/** 部门上门服务日 */
export const ServiceDays = defineAggregate<ServiceDay>({
  type: 'ServiceDay',
  evolve: evolveServiceDay,
  collection: 'service_days',
  indexes: [PLACE, { date: -1 }],
  jurisdiction: ownJurisdiction,
});

/** 银行贷款产品, offered in a whole district. */
export const LoanProducts = defineAggregate<LoanProduct>({
  type: 'LoanProduct',
  evolve: evolveLoanProduct,
  collection: 'loan_products',
  indexes: [{ districtId: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 企业融资需求 */
export const FinancingNeeds = defineAggregate<FinancingNeed>({
  type: 'FinancingNeed',
  evolve: evolveFinancingNeed,
  collection: 'financing_needs',
  indexes: [PLACE, { creditCode: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 银企对接 */
export const FinancingMatches = defineAggregate<FinancingMatch>({
  type: 'FinancingMatch',
  evolve: evolveFinancingMatch,
  collection: 'financing_matches',
  indexes: [PLACE, { needId: 1 }, { sessionId: 1 }, { zoneId: 1, status: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 惠企政策 */
export const Policies = defineAggregate<Policy>({
  type: 'Policy',
  evolve: evolvePolicy,
  collection: 'policies',
  indexes: [{ districtId: 1, zoneId: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 政策精准推送 */
export const PolicyMatches = defineAggregate<PolicyMatch>({
  type: 'PolicyMatch',
  evolve: evolvePolicyMatch,
  collection: 'policy_matches',
  indexes: [PLACE, { policyId: 1 }, { creditCode: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 导师库 */
export const Mentors = defineAggregate<Mentor>({ type: 'Mentor', evolve: evolveMentor, collection: 'mentors', indexes: [PLACE], jurisdiction: ownJurisdiction });

/** 导师结对 */
export const MentoringMatches = defineAggregate<MentoringMatch>({
  type: 'MentoringMatch',
  evolve: evolveMentoringMatch,
  collection: 'mentoring_matches',
  indexes: [PLACE, { mentorId: 1 }],
  jurisdiction: ownJurisdiction,
});

/** 众创空间 */
export const MakerSpaces = defineAggregate<MakerSpace>({
  type: 'MakerSpace',
  evolve: evolveMakerSpace,
  collection: 'maker_spaces',
  indexes: [PLACE],
  jurisdiction: ownJurisdiction,
});

/** 入驻创业团队 */
export const Startups = defineAggregate<Startup>({
  type: 'Startup',
  evolve: evolveStartup,
  collection: 'startups',
  indexes: [PLACE, { makerSpaceId: 1, status: 1 }],
  jurisdiction: ownJurisdiction,
});

export const ENTERPRISE_AGGREGATES = [
  Enterprises,
  ServiceRequests,
  RoutingRules,
  ServiceTargetsSettings,
  ServiceDays,
  LoanProducts,
  FinancingNeeds,
  FinancingMatches,
  Policies,
  PolicyMatches,
  Mentors,
  MentoringMatches,
  MakerSpaces,
  Startups,
];
