// Chinese names for the codes the services answer with. An unknown code is shown
// as it is, so a new value on the server never breaks a page.

export type Labels = Record<string, string>;

export const ROLE_NAMES: Labels = {
  CITY_ADMIN: '市级管理员',
  DISTRICT_ADMIN: '区县管理员',
  SUB_DISTRICT_ADMIN: '街道管理员',
  ORG_SECRETARY: '党组织书记',
  GRID_WORKER: '网格员',
  ENTERPRISE_CONTACT: '企业联络人',
  ANALYST: '数据分析员',
  DEPARTMENT_STAFF: '职能部门工作人员',
  SYSTEM: '平台',
};

export const LEVEL_NAMES: Labels = { CITY: '市', DISTRICT: '区县', SUB_DISTRICT: '街道', ZONE: '片区' };

export const ZONE_KINDS: Labels = { BUSINESS_DISTRICT: '商圈', INDUSTRIAL_PARK: '园区', BUILDING: '楼宇' };

export const ORGANIZATION_TYPES: Labels = {
  SUB_DISTRICT_WORKING_COMMITTEE: '街道党工委',
  DISTRICT_COMMITTEE: '商圈党委',
  JOINT_COMMITTEE: '联合党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  JOINT_BRANCH: '联合党支部',
};

export const HOST_KINDS: Labels = { ENTERPRISE: '企业', RESIDENT_UNIT: '驻地单位', TWO_NEW_ORGANIZATION: '两新组织' };

export const MEMBER_STATUSES: Labels = { FULL: '正式党员', PROBATIONARY: '预备党员', ENDED: '党籍已终止' };

export const STAGES: Labels = {
  APPLICANT: '入党申请人',
  ACTIVIST: '入党积极分子',
  DEVELOPMENT_TARGET: '发展对象',
  PROBATIONARY: '预备党员',
  FULL: '正式党员',
};

export const GENDERS: Labels = { MALE: '男', FEMALE: '女' };

export const ACTIVITY_KINDS: Labels = {
  BRANCH_ASSEMBLY: '支部党员大会',
  COMMITTEE_MEETING: '支部委员会',
  GROUP_MEETING: '党小组会',
  PARTY_LECTURE: '党课',
  THEME_PARTY_DAY: '主题党日',
  ALLIANCE_ACTIVITY: '联盟共办活动',
  SPACE_EVENT: '阵地活动',
  VOLUNTEER_SERVICE: '志愿服务',
  TRAINING: '培训',
};

export const ACTIVITY_STATUSES: Labels = { SCHEDULED: '待发布', DRAFT: '草稿', PUBLISHED: '已发布', CANCELLED: '已取消', COMPLETED: '已结束' };

export const CASE_KINDS: Labels = { PUBLIC_OPINION: '社情民意', LIVELIHOOD_SERVICE: '民生服务', DISPUTE: '矛盾纠纷' };
export const CASE_PRIORITIES: Labels = { LOW: '一般', NORMAL: '普通', HIGH: '紧急' };
export const CASE_SOURCES: Labels = { GRID_WORKER: '网格员发现', RESIDENT: '居民反映', MERCHANT: '商户反映' };
export const CASE_STATES: Labels = {
  REPORTED: '已上报',
  ACCEPTED: '已受理',
  REJECTED: '不予受理',
  DUPLICATE: '重复案件',
  DISPATCHED: '已派遣',
  RETURNED: '已退回',
  HANDLED: '已处置',
  REWORK: '返工',
  VERIFIED: '已核查',
  CLOSED: '已结案',
  RATED: '已评价',
  ON_HOLD: '挂账',
};
export const ASSIGNEE_KINDS: Labels = { DEPARTMENT: '职能部门', ORGANIZATION: '党组织' };

export const REQUEST_CATEGORIES: Labels = {
  FUNDING: '资金争取',
  PROCEDURES: '手续办理',
  RND: '科技研发',
  TALENT: '人才引进',
  LEGAL_AID: '法律援助',
  FINANCING: '银企对接',
  FINANCIAL_TRAINING: '财务培训',
  TAX: '税务',
};
export const REQUEST_STATUSES: Labels = { SUBMITTED: '已提交', FIRST_CONTACTED: '已首次联系', INTERIM_REPLIED: '已阶段答复', CLOSED: '已办结', RATED: '已评价' };
export const DEPARTMENTS: Labels = {
  MARKET_REGULATION: '市场监管',
  FINANCE: '金融',
  TAX: '税务',
  JUSTICE: '司法',
  SCIENCE_TECHNOLOGY: '科技',
  HUMAN_RESOURCES: '人社',
  DEVELOPMENT_REFORM: '发改',
};

export const CONTEXT_NAMES: Labels = { membership: '组织党员', activities: '活动共办', governance: '共治', enterprise: '企业服务', gateway: '网关' };

/**
 * Dashboard figures by field name. The dashboard grows as services add figures;
 * a name missing here is still shown (see `figureLabel`).
 */
export const FIGURE_LABELS: Labels = {
  organizations: '党组织',
  members: '党员',
  floatingMembers: '流动党员',
  probationaryMembers: '预备党员',
  fullMembers: '正式党员',
  activities: '活动',
  activitiesThisMonth: '本月活动',
  thisMonth: '本月',
  scheduled: '已安排',
  published: '已发布',
  held: '已开展',
  participants: '参与人次',
  attendance: '出勤',
  attended: '实到人次',
  expected: '应到人次',
  attendanceRate: '出勤率',
  volunteerHours: '志愿服务时长（小时）',
  hours: '时长（小时）',
  cases: '案件',
  total: '总数',
  open: '未办结',
  openCases: '未办结案件',
  overdue: '超期',
  overdueCases: '超期案件',
  closed: '已办结',
  closedCases: '已办结案件',
  onTime: '按时办结',
  onTimeRate: '按时办结率',
  reported: '已上报',
  enterprise: '企业服务',
  enterprises: '企业',
  requests: '企业诉求',
  serviceRequests: '企业诉求',
  openRequests: '未办结诉求',
  overdueRequests: '超期诉求',
  closedRequests: '已办结诉求',
  rated: '已评价',
  satisfaction: '满意度',
  averageSatisfaction: '平均满意度',
  satisfactionAverage: '平均满意度',
  financing: '融资对接',
  financingGranted: '已获融资',
  granted: '已放款',
  grantedAmount: '放款金额（元）',
  declined: '未获批',
  thisYear: '本年',
  resolved: '已办结',
  resolvedOnTime: '按时办结',
  closedOnTime: '按时办结',
  escalated: '已升级督办',
  enterpriseRequests: '企业诉求',
  distribution: '星级分布',
  'stars.rated': '参评党员',
  'stars.top': '星级党员排行',
  'flags.branches': '参评支部',
  'flags.flagged': '红旗支部',
  'flags.top': '红旗支部排行',
  'cases.rated': '已评价案件',
  'enterpriseRequests.rated': '已评价诉求',
  'volunteerHours.total': '累计',
  'activities.held': '已开展',
  averagePoints: '平均积分',
  overdueUnits: '三会一课欠账',
  amount: '金额（万元）',
  amountWan: '金额（万元）',
  matches: '对接次数',
  rankings: '排行',
  ranking: '排行',
  stars: '星级党员',
  flags: '红旗支部',
  starMembers: '星级党员',
  flagBranches: '红旗支部',
  branches: '支部',
  count: '数量',
  score: '得分',
  points: '积分',
  rate: '比率',
  name: '名称',
  freshness: '数据更新时间',
  coverage: '两新党建覆盖',
  'coverage.rate': '两新党建覆盖率',
  enterprisesWithMembers: '有党员的企业',
  'coverage.covered': '已建党组织',
  'coverage.flagged': '应建未建',
};

const WORDS: Array<[RegExp, string]> = [
  [/Rate$/, '率'],
  [/Count$/, '数'],
  [/Hours$/, '时长'],
];

/** The Chinese label of a dashboard figure, or the field name made readable. */
export function figureLabel(key: string): string {
  if (FIGURE_LABELS[key]) return FIGURE_LABELS[key];
  for (const [pattern, suffix] of WORDS) {
    const stem = key.replace(pattern, '');
    if (stem !== key && FIGURE_LABELS[stem]) return `${FIGURE_LABELS[stem]}${suffix}`;
  }
  return key;
}

export function label(map: Labels, code: unknown): string {
  if (code === null || code === undefined || code === '') return '';
  const text = String(code);
  return map[text] ?? text;
}

export function options(map: Labels): Array<{ value: string; label: string }> {
  return Object.entries(map).map(([value, text]) => ({ value, label: text }));
}

export function formatTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
