import { defineEvent } from '../event-definition';

/** 群团组织类型 */
export const MASS_ORGANIZATION_KINDS = [
  'UNION', // 工会
  'YOUTH_LEAGUE', // 团委
  'WOMENS_FEDERATION', // 妇联
  'VOLUNTEER_TEAM', // 志愿者服务队
  'INTEREST_GROUP', // 兴趣爱好小组
  'INDUSTRY_ASSOCIATION', // 行业协会
] as const;
export type MassOrganizationKind = (typeof MASS_ORGANIZATION_KINDS)[number];

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;

export interface MassOrganizationFormedData {
  massOrganizationId: string;
  name: string;
  kind: MassOrganizationKind;
  /** The joint committee 联合党委 / 商圈党委 that leads it. */
  jointCommitteeId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}

/** 群团组织成立 */
export const MassOrganizationFormed = defineEvent<MassOrganizationFormedData>({
  context: 'membership',
  name: 'MassOrganizationFormed',
  version: 1,
  aggregateType: 'MassOrganization',
  description: {
    zh: '联合党委领导下的群团组织（工会、团委、妇联、志愿者服务队、兴趣小组、行业协会）已成立。',
    en: "A mass organization (union, Youth League, women's federation, volunteer team, interest group, industry association) was formed under a joint committee.",
  },
  schema: {
    type: 'object',
    required: ['massOrganizationId', 'name', 'kind', 'jointCommitteeId', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: {
      massOrganizationId: id,
      name: { type: 'string', minLength: 1, maxLength: 100 },
      kind: { enum: [...MASS_ORGANIZATION_KINDS] },
      jointCommitteeId: id,
      districtId: id,
      subDistrictId: id,
      zoneId: { type: ['string', 'null'], maxLength: 64 },
    },
  },
  personalFields: [],
  example: {
    massOrganizationId: 'mass-taibailou-volunteers',
    name: '太白楼路商圈志愿者服务队',
    kind: 'VOLUNTEER_TEAM',
    jointCommitteeId: 'org-taibailou-committee',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
  },
});
