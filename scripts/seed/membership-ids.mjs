// The demo data set's jurisdictions, Party organizations and alliance (from the
// source article: 太白楼路商圈 in 阜桥街道, 仙营街道 with 海能电商园, 济宁软件园 in
// 高新区). Plain data with fixed ids, so other contexts' seeds can import it and
// point at the same records. Units and people are fictitious; credit codes are
// left empty rather than invented, except the four 海能电商园 enterprises the
// enterprise seed registers (两新 coverage).

import { hainengEnterprise } from './enterprise-ids.mjs';

export const CITY = 'jining';
export const DISTRICTS = { rencheng: 'rencheng', gaoxin: 'gaoxin' };
export const SUB_DISTRICTS = { fuqiao: 'fuqiao', xianying: 'xianying', guanghe: 'guanghe' };
export const ZONES = {
  taibailou: 'zone-taibailou',
  haineng: 'zone-haineng',
  shangdongli: 'zone-shangdongli',
  datang: 'zone-datang-gaohong',
  softwarePark: 'zone-software-park',
};

/** In registration order: every parent before its children. */
export const JURISDICTIONS = [
  { jurisdictionId: CITY, level: 'CITY', name: '济宁市' },
  { jurisdictionId: 'rencheng', level: 'DISTRICT', name: '任城区', parentId: CITY },
  { jurisdictionId: 'gaoxin', level: 'DISTRICT', name: '济宁高新区', parentId: CITY },
  { jurisdictionId: 'fuqiao', level: 'SUB_DISTRICT', name: '阜桥街道', parentId: 'rencheng' },
  { jurisdictionId: 'xianying', level: 'SUB_DISTRICT', name: '仙营街道', parentId: 'rencheng' },
  // 柳行街道: home of the 三角绿地 demonstration site (an honour names it).
  { jurisdictionId: 'liuhang', level: 'SUB_DISTRICT', name: '柳行街道', parentId: 'rencheng' },
  { jurisdictionId: 'guanghe', level: 'SUB_DISTRICT', name: '洸河街道', parentId: 'gaoxin' },
  { jurisdictionId: ZONES.taibailou, level: 'ZONE', name: '太白楼路商圈', parentId: 'fuqiao', zoneKind: 'BUSINESS_DISTRICT' },
  { jurisdictionId: ZONES.haineng, level: 'ZONE', name: '海能电商园', parentId: 'xianying', zoneKind: 'BUILDING' },
  { jurisdictionId: ZONES.shangdongli, level: 'ZONE', name: '商动力电商园', parentId: 'xianying', zoneKind: 'BUILDING' },
  { jurisdictionId: ZONES.datang, level: 'ZONE', name: '大唐高鸿大厦', parentId: 'xianying', zoneKind: 'BUILDING' },
  { jurisdictionId: ZONES.softwarePark, level: 'ZONE', name: '济宁软件园', parentId: 'guanghe', zoneKind: 'INDUSTRIAL_PARK' },
];

/** 摸排 / 试点 / 示范点 */
export const DESIGNATIONS = [
  { zoneId: ZONES.taibailou, surveyed: true, pilot: true, demonstration: true },
  { zoneId: ZONES.softwarePark, surveyed: true, pilot: false, demonstration: true },
  { zoneId: ZONES.haineng, surveyed: true, pilot: true, demonstration: false },
  { zoneId: ZONES.shangdongli, surveyed: true, pilot: false, demonstration: false },
];

export const FUQIAO_WORKING_COMMITTEE = 'org-fuqiao-working-committee';
export const XIANYING_WORKING_COMMITTEE = 'org-xianying-working-committee';
export const GUANGHE_WORKING_COMMITTEE = 'org-guanghe-working-committee';
export const TAIBAILOU_COMMITTEE = 'org-taibailou-committee';
export const TAIBAILOU_JOINT_COMMITTEE = 'org-taibailou-joint-committee';
export const HAINENG_JOINT_COMMITTEE = 'org-haineng-joint-committee';
export const SOFTWARE_PARK_JOINT_COMMITTEE = 'org-software-park-joint-committee';
export const TAIBAILOU_ALLIANCE = 'alliance-taibailou';

const place = {
  fuqiao: { districtId: 'rencheng', subDistrictId: 'fuqiao' },
  xianying: { districtId: 'rencheng', subDistrictId: 'xianying' },
  guanghe: { districtId: 'gaoxin', subDistrictId: 'guanghe' },
};
const host = (kind, name) => ({ kind, name, creditCode: null });
const enterprise = (name) => host('ENTERPRISE', name);
const resident = (name) => host('RESIDENT_UNIT', name);
const twoNew = (name) => host('TWO_NEW_ORGANIZATION', name);
/** A branch hosted by one of 海能电商园's seeded enterprises, named by its credit code (两新 coverage). */
const hostedBy = (i) => ({ kind: 'TWO_NEW_ORGANIZATION', name: hainengEnterprise(i).name, creditCode: hainengEnterprise(i).creditCode });

/** 太白楼路商圈's 25 organizations: the 商圈党委, the 8 complexes, resident units and "two new" organizations. */
const tbl = (organizationId, name, type, parentId, hostUnit = null) => ({
  organizationId,
  name,
  type,
  parentId,
  ...place.fuqiao,
  zoneId: ZONES.taibailou,
  host: hostUnit,
});
const TAIBAILOU_ORGANIZATIONS = [
  tbl(TAIBAILOU_COMMITTEE, '太白楼路商圈党委', 'DISTRICT_COMMITTEE', FUQIAO_WORKING_COMMITTEE),
  tbl('org-tbl-wanda', '万达广场党总支', 'GENERAL_BRANCH', TAIBAILOU_COMMITTEE, enterprise('济宁万达广场商业管理有限公司')),
  tbl('org-tbl-wanda-property', '万达广场物业党支部', 'BRANCH', 'org-tbl-wanda', enterprise('济宁万达物业服务有限公司')),
  tbl('org-tbl-wanda-merchants', '万达广场商户联合党支部', 'JOINT_BRANCH', 'org-tbl-wanda'),
  tbl('org-tbl-suning', '苏宁广场党支部', 'BRANCH', TAIBAILOU_COMMITTEE, enterprise('济宁苏宁广场商业管理有限公司')),
  tbl('org-tbl-yunhecheng', '运河城党总支', 'GENERAL_BRANCH', TAIBAILOU_COMMITTEE, enterprise('济宁运河城商业管理有限公司')),
  tbl('org-tbl-yunhecheng-property', '运河城物业党支部', 'BRANCH', 'org-tbl-yunhecheng', enterprise('济宁运河城物业管理有限公司')),
  tbl('org-tbl-yunhecheng-joint', '运河城商户联合党支部', 'JOINT_BRANCH', 'org-tbl-yunhecheng'),
  tbl('org-tbl-guihe', '贵和购物中心党支部', 'BRANCH', TAIBAILOU_COMMITTEE, enterprise('济宁贵和购物中心有限公司')),
  tbl('org-tbl-taibailou-mall', '太白楼商厦党支部', 'BRANCH', TAIBAILOU_COMMITTEE, enterprise('济宁太白楼商厦有限公司')),
  tbl('org-tbl-guhuai', '古槐路商场党支部', 'BRANCH', TAIBAILOU_COMMITTEE, enterprise('济宁古槐路商场有限公司')),
  tbl('org-tbl-yinzuo', '银座商城党支部', 'BRANCH', TAIBAILOU_COMMITTEE, enterprise('济宁银座商城有限公司')),
  tbl('org-tbl-dongfanghong', '东方红商厦党支部', 'BRANCH', TAIBAILOU_COMMITTEE, enterprise('济宁东方红商厦有限公司')),
  tbl('org-tbl-bank', '太白楼路金融网点联合党支部', 'JOINT_BRANCH', TAIBAILOU_COMMITTEE, resident('太白楼路沿线银行网点')),
  tbl('org-tbl-telecom', '太白楼路通信营业厅党支部', 'BRANCH', TAIBAILOU_COMMITTEE, resident('太白楼路通信营业厅')),
  tbl('org-tbl-health', '阜桥社区卫生服务中心党支部', 'BRANCH', TAIBAILOU_COMMITTEE, resident('阜桥街道社区卫生服务中心')),
  tbl(TAIBAILOU_JOINT_COMMITTEE, '太白楼路商圈两新组织联合党委', 'JOINT_COMMITTEE', TAIBAILOU_COMMITTEE),
  tbl('org-tbl-law', '商圈律师事务所联合党支部', 'JOINT_BRANCH', TAIBAILOU_JOINT_COMMITTEE, twoNew('太白楼路律师事务所')),
  tbl('org-tbl-accounting', '商圈会计服务机构联合党支部', 'JOINT_BRANCH', TAIBAILOU_JOINT_COMMITTEE, twoNew('太白楼路会计师事务所')),
  tbl('org-tbl-catering', '商圈餐饮企业联合党支部', 'JOINT_BRANCH', TAIBAILOU_JOINT_COMMITTEE, twoNew('太白楼路餐饮行业协会')),
  tbl('org-tbl-logistics', '商圈快递物流联合党支部', 'JOINT_BRANCH', TAIBAILOU_JOINT_COMMITTEE, twoNew('太白楼路快递服务站')),
  tbl('org-tbl-individual', '商圈个体工商户联合党支部', 'JOINT_BRANCH', TAIBAILOU_JOINT_COMMITTEE, twoNew('太白楼路个体劳动者协会')),
  tbl('org-tbl-education', '商圈教育培训机构联合党支部', 'JOINT_BRANCH', TAIBAILOU_JOINT_COMMITTEE, twoNew('太白楼路培训学校')),
  tbl('org-tbl-internet', '商圈互联网企业联合党支部', 'JOINT_BRANCH', TAIBAILOU_JOINT_COMMITTEE, twoNew('济宁网商科技有限公司')),
  tbl('org-tbl-social', '商圈社会组织联合党支部', 'JOINT_BRANCH', TAIBAILOU_JOINT_COMMITTEE, twoNew('太白楼路志愿服务协会')),
];

/** 仙营街道: 海能电商园 joint committee and more than ten "two new" organizations in its buildings. */
const xy = (organizationId, name, type, parentId, zoneId, hostUnit = null) => ({ organizationId, name, type, parentId, ...place.xianying, zoneId, host: hostUnit });
const XIANYING_ORGANIZATIONS = [
  xy(HAINENG_JOINT_COMMITTEE, '海能电商园联合党委', 'JOINT_COMMITTEE', XIANYING_WORKING_COMMITTEE, ZONES.haineng, enterprise('济宁海能投资有限公司')),
  xy('org-hn-yuncai', '云采电子商务党支部', 'BRANCH', HAINENG_JOINT_COMMITTEE, ZONES.haineng, hostedBy(1)),
  xy('org-hn-luhuo', '鲁货优选党支部', 'BRANCH', HAINENG_JOINT_COMMITTEE, ZONES.haineng, hostedBy(2)),
  xy('org-hn-supply', '电商供应链企业联合党支部', 'JOINT_BRANCH', HAINENG_JOINT_COMMITTEE, ZONES.haineng, hostedBy(3)),
  xy('org-hn-livestream', '直播电商企业联合党支部', 'JOINT_BRANCH', HAINENG_JOINT_COMMITTEE, ZONES.haineng, hostedBy(4)),
  xy('org-hn-graduates', '青年创业企业联合党支部', 'JOINT_BRANCH', HAINENG_JOINT_COMMITTEE, ZONES.haineng, twoNew('海能电商园青年创业协会')),
  xy('org-hn-property', '海能电商园物业党支部', 'BRANCH', HAINENG_JOINT_COMMITTEE, ZONES.haineng, enterprise('济宁海能物业服务有限公司')),
  xy('org-sdl-joint', '商动力电商园联合党支部', 'JOINT_BRANCH', XIANYING_WORKING_COMMITTEE, ZONES.shangdongli, twoNew('济宁商动力电子商务有限公司')),
  xy('org-sdl-design', '商动力电商园设计企业党支部', 'BRANCH', XIANYING_WORKING_COMMITTEE, ZONES.shangdongli, twoNew('济宁智汇设计有限公司')),
  xy('org-dt-joint', '大唐高鸿大厦联合党支部', 'JOINT_BRANCH', XIANYING_WORKING_COMMITTEE, ZONES.datang, twoNew('大唐高鸿大厦入驻企业')),
  xy('org-dt-software', '大唐高鸿软件企业党支部', 'BRANCH', XIANYING_WORKING_COMMITTEE, ZONES.datang, twoNew('济宁汇通信息技术有限公司')),
  xy('org-dt-media', '大唐高鸿文化传媒企业党支部', 'BRANCH', XIANYING_WORKING_COMMITTEE, ZONES.datang, twoNew('济宁新禾文化传媒有限公司')),
  xy('org-xy-social', '仙营街道社会组织联合党支部', 'JOINT_BRANCH', XIANYING_WORKING_COMMITTEE, null, twoNew('仙营街道社会组织服务中心')),
];

/** 济宁软件园 (高新区) joint committee and its branches. */
const sp = (organizationId, name, type, parentId, hostUnit = null) => ({ organizationId, name, type, parentId, ...place.guanghe, zoneId: ZONES.softwarePark, host: hostUnit });
const SOFTWARE_PARK_ORGANIZATIONS = [
  sp(SOFTWARE_PARK_JOINT_COMMITTEE, '济宁软件园联合党委', 'JOINT_COMMITTEE', GUANGHE_WORKING_COMMITTEE),
  sp('org-sp-software', '软件开发企业联合党支部', 'JOINT_BRANCH', SOFTWARE_PARK_JOINT_COMMITTEE, twoNew('济宁云帆软件开发有限公司')),
  sp('org-sp-makers', '众创空间联合党支部', 'JOINT_BRANCH', SOFTWARE_PARK_JOINT_COMMITTEE, twoNew('UP咖啡众创空间')),
  sp('org-sp-lab', '止一创新实验室党支部', 'BRANCH', SOFTWARE_PARK_JOINT_COMMITTEE, twoNew('止一创新实验室')),
  sp('org-sp-college', '互联网应用学院党支部', 'BRANCH', SOFTWARE_PARK_JOINT_COMMITTEE, resident('互联网应用学院')),
];

const WORKING_COMMITTEES = [
  { organizationId: FUQIAO_WORKING_COMMITTEE, name: '阜桥街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE', parentId: null, ...place.fuqiao, zoneId: null, host: null },
  { organizationId: XIANYING_WORKING_COMMITTEE, name: '仙营街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE', parentId: null, ...place.xianying, zoneId: null, host: null },
  { organizationId: GUANGHE_WORKING_COMMITTEE, name: '洸河街道党工委', type: 'SUB_DISTRICT_WORKING_COMMITTEE', parentId: null, ...place.guanghe, zoneId: null, host: null },
];

/** In registration order: every parent before its children. */
export const ORGANIZATIONS = [...WORKING_COMMITTEES, ...TAIBAILOU_ORGANIZATIONS, ...XIANYING_ORGANIZATIONS, ...SOFTWARE_PARK_ORGANIZATIONS];

/** 换届: fixed term dates (branches 3 years, committees 5), a few ending soon enough for a 换届提醒. */
export const TERMS = [
  [TAIBAILOU_COMMITTEE, '2022-06-30', '2027-06-29'],
  ['org-tbl-wanda', '2024-03-01', '2027-02-28'],
  ['org-tbl-suning', '2023-12-20', '2026-12-19'],
  ['org-tbl-yunhecheng', '2024-01-10', '2027-01-09'],
  ['org-tbl-guihe', '2025-05-01', '2028-04-30'],
  [HAINENG_JOINT_COMMITTEE, '2023-07-01', '2028-06-30'],
  [SOFTWARE_PARK_JOINT_COMMITTEE, '2021-10-15', '2026-10-14'],
];

/**
 * 党建指导员 (fictitious people): registered with their sending unit 派出单位 and where they work,
 * then assigned to the organizations they guide.
 */
export const INSTRUCTORS = [
  {
    instructorId: 'ins-fuqiao-01',
    name: '赵国梁',
    sendingUnit: '任城区委组织部',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    organizations: [TAIBAILOU_COMMITTEE, 'org-tbl-wanda', 'org-tbl-yunhecheng'],
  },
  {
    instructorId: 'ins-fuqiao-02',
    name: '孙晓红',
    sendingUnit: '阜桥街道党工委',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    organizations: [TAIBAILOU_JOINT_COMMITTEE, 'org-tbl-individual'],
  },
  {
    instructorId: 'ins-xianying-01',
    name: '钱立军',
    sendingUnit: '任城区委两新工委',
    districtId: 'rencheng',
    subDistrictId: 'xianying',
    organizations: [HAINENG_JOINT_COMMITTEE, 'org-sdl-joint'],
  },
  { instructorId: 'ins-gaoxin-01', name: '周慧敏', sendingUnit: '高新区党工委组织部', districtId: 'gaoxin', subDistrictId: null, organizations: [SOFTWARE_PARK_JOINT_COMMITTEE] },
];

/** 指导记录: a few visits of the instructors above (fixed ids, so a second run adds none). */
export const GUIDANCE_VISITS = [
  { visitId: 'visit-fuqiao-01-01', instructorId: 'ins-fuqiao-01', organizationId: TAIBAILOU_COMMITTEE, visitedOn: '2024-04-12', summary: '参加商圈党委会，指导制定年度党建工作计划。' },
  {
    visitId: 'visit-fuqiao-01-02',
    instructorId: 'ins-fuqiao-01',
    organizationId: 'org-tbl-wanda',
    visitedOn: '2024-05-20',
    summary: '指导万达广场党支部规范“三会一课”记录，\n督促商户党员亮身份。',
  },
  { visitId: 'visit-fuqiao-01-03', instructorId: 'ins-fuqiao-01', organizationId: 'org-tbl-wanda', visitedOn: '2025-03-18', summary: '指导支部开展党员志愿服务，对接商圈诉求。' },
  { visitId: 'visit-fuqiao-02-01', instructorId: 'ins-fuqiao-02', organizationId: 'org-tbl-individual', visitedOn: '2024-06-05', summary: '走访个体工商户党员，宣传流动党员报到。' },
  {
    visitId: 'visit-xianying-01-01',
    instructorId: 'ins-xianying-01',
    organizationId: HAINENG_JOINT_COMMITTEE,
    visitedOn: '2024-09-10',
    summary: '指导联合党委完善“三位一体”议事规则。',
  },
  { visitId: 'visit-gaoxin-01-01', instructorId: 'ins-gaoxin-01', organizationId: SOFTWARE_PARK_JOINT_COMMITTEE, visitedOn: '2025-01-08', summary: '指导园区企业党组织组建工作。' },
];

/** 三位一体 formations. */
export const THREE_IN_ONE = [
  {
    organizationId: HAINENG_JOINT_COMMITTEE,
    propertyOwner: { name: '济宁海能投资有限公司', creditCode: null },
    propertyManager: { name: '济宁海能物业服务有限公司', creditCode: null },
    residentEnterprises: ['济宁云采电子商务有限公司', '济宁鲁货优选网络科技有限公司', '济宁速达供应链管理有限公司', '济宁微品网络科技有限公司'].map((name) => ({
      name,
      creditCode: null,
    })),
  },
  {
    organizationId: 'org-tbl-yunhecheng-joint',
    propertyOwner: { name: '济宁运河城置业有限公司', creditCode: null },
    propertyManager: { name: '济宁运河城物业管理有限公司', creditCode: null },
    residentEnterprises: ['运河城华隆服饰店', '运河城星辰影城', '运河城鲁味轩餐饮'].map((name) => ({ name, creditCode: null })),
  },
];

/** 群团组织 under the joint committees. */
export const MASS_ORGANIZATIONS = [
  { massOrganizationId: 'mass-tbl-union', name: '太白楼路商圈联合工会', kind: 'UNION', jointCommitteeId: TAIBAILOU_JOINT_COMMITTEE },
  { massOrganizationId: 'mass-tbl-volunteers', name: '太白楼路商圈志愿者服务队', kind: 'VOLUNTEER_TEAM', jointCommitteeId: TAIBAILOU_COMMITTEE },
  { massOrganizationId: 'mass-hn-union', name: '海能电商园工会', kind: 'UNION', jointCommitteeId: HAINENG_JOINT_COMMITTEE },
  { massOrganizationId: 'mass-hn-youth', name: '海能电商园团委', kind: 'YOUTH_LEAGUE', jointCommitteeId: HAINENG_JOINT_COMMITTEE },
  { massOrganizationId: 'mass-hn-women', name: '海能电商园妇联', kind: 'WOMENS_FEDERATION', jointCommitteeId: HAINENG_JOINT_COMMITTEE },
  { massOrganizationId: 'mass-hn-volunteers', name: '海能电商园青年志愿者服务队', kind: 'VOLUNTEER_TEAM', jointCommitteeId: HAINENG_JOINT_COMMITTEE },
  { massOrganizationId: 'mass-hn-readers', name: '海能电商园青年读书会', kind: 'INTEREST_GROUP', jointCommitteeId: HAINENG_JOINT_COMMITTEE },
  { massOrganizationId: 'mass-hn-association', name: '仙营街道电子商务行业协会', kind: 'INDUSTRY_ASSOCIATION', jointCommitteeId: HAINENG_JOINT_COMMITTEE },
  { massOrganizationId: 'mass-sp-youth', name: '济宁软件园团委', kind: 'YOUTH_LEAGUE', jointCommitteeId: SOFTWARE_PARK_JOINT_COMMITTEE },
  { massOrganizationId: 'mass-sp-volunteers', name: '济宁软件园志愿者服务队', kind: 'VOLUNTEER_TEAM', jointCommitteeId: SOFTWARE_PARK_JOINT_COMMITTEE },
];

/** 太白楼路商圈党建联盟: its member organizations and the council's five departments. */
export const ALLIANCE = {
  allianceId: TAIBAILOU_ALLIANCE,
  name: '太白楼路商圈党建联盟',
  foundingCommitteeId: FUQIAO_WORKING_COMMITTEE,
  zoneId: ZONES.taibailou,
  formedOn: '2018-06-28',
  members: [
    TAIBAILOU_COMMITTEE,
    TAIBAILOU_JOINT_COMMITTEE,
    'org-tbl-wanda',
    'org-tbl-suning',
    'org-tbl-yunhecheng',
    'org-tbl-guihe',
    'org-tbl-taibailou-mall',
    'org-tbl-guhuai',
    'org-tbl-yinzuo',
    'org-tbl-dongfanghong',
    'org-tbl-bank',
    'org-tbl-telecom',
    'org-tbl-health',
    'org-tbl-law',
  ],
  departments: [
    { departmentId: 'office', name: '办公室', headOrganizationId: TAIBAILOU_COMMITTEE },
    { departmentId: 'party-mass', name: '党建群团工作部', headOrganizationId: 'org-tbl-wanda' },
    { departmentId: 'volunteers', name: '志愿者工作部', headOrganizationId: 'org-tbl-yunhecheng' },
    { departmentId: 'legal-mediation', name: '法律与调解服务部', headOrganizationId: 'org-tbl-law' },
    { departmentId: 'enterprise-services', name: '企业服务部', headOrganizationId: 'org-tbl-suning' },
  ],
};

/** What member seeding (and other contexts) need to spread records over the demo zones. */
export const ids = {
  city: CITY,
  districts: DISTRICTS,
  subDistricts: SUB_DISTRICTS,
  zones: ZONES,
  organizations: ORGANIZATIONS.map(({ organizationId, name, type, parentId, districtId, subDistrictId, zoneId }) => ({
    organizationId,
    name,
    type,
    parentId,
    districtId,
    subDistrictId,
    zoneId,
  })),
  alliance: TAIBAILOU_ALLIANCE,
  jointCommittees: { taibailou: TAIBAILOU_JOINT_COMMITTEE, haineng: HAINENG_JOINT_COMMITTEE, softwarePark: SOFTWARE_PARK_JOINT_COMMITTEE },
};
