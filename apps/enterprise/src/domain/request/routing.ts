import { CATEGORY_NAMES, DEPARTMENT_NAMES, type Department, type EventEnvelope, type RequestCategory, type RoutingRuleSetData } from '@pb/contracts';

export { CATEGORY_NAMES, DEPARTMENT_NAMES };
import { DomainError } from '@pb/platform/domain-error';

/** 默认分派规则: which department answers which kind of request until an admin changes it. */
export const DEFAULT_ROUTING: Record<RequestCategory, Department> = {
  FUNDING: 'DEVELOPMENT_REFORM', // 资金争取 → 发改
  PROCEDURES: 'MARKET_REGULATION', // 手续办理 → 工商/市场监管
  RND: 'SCIENCE_TECHNOLOGY', // 科技研发 → 科技
  TALENT: 'HUMAN_RESOURCES', // 人才引进 → 人社
  LEGAL_AID: 'JUSTICE', // 法律援助 → 司法
  FINANCING: 'FINANCE', // 银企对接 → 金融
  FINANCIAL_TRAINING: 'FINANCE', // 财务培训 → 金融
  TAX: 'TAX', // 税务 → 税务
};

/** 分派规则: one aggregate per category, id `routing-<category>`. */
export interface RoutingRule {
  category: RequestCategory;
  department: Department;
}

export const routingRuleId = (category: RequestCategory) => `routing-${category}`;

export function evolveRoutingRule(_state: RoutingRule | null, event: EventEnvelope): RoutingRule {
  if (event.type !== 'enterprise.RoutingRuleSet.v1') throw new Error(`RoutingRule cannot apply ${event.type}`);
  return { ...(event.data as RoutingRuleSetData) };
}

/** The department for a category: the admin's rule if there is one, else the default. */
export function routeRequest(category: RequestCategory, rule: RoutingRule | null): Department {
  return rule?.department ?? DEFAULT_ROUTING[category];
}

export function decideRoutingRule(current: RoutingRule | null, category: RequestCategory, department: Department): RoutingRuleSetData {
  if (routeRequest(category, current) === department) {
    throw new DomainError('conflict', 'ROUTING_UNCHANGED', `「${CATEGORY_NAMES[category]}」类诉求已由${DEPARTMENT_NAMES[department]}部门负责`, { category, department });
  }
  return { category, department };
}
