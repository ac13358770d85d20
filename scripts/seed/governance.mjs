// Demo data of the governance context (共治): 运河城共治委员会 in 太白楼路商圈 with its members and
// meetings, grids with dedicated grid workers, departments, and cases spread over every state of
// the loop. Fixed ids, so a second run creates nothing twice. Membership seeds the zone first;
// calls that need it are retried by the client until governance has learned of it.
import { seedGridBuildings } from './governance-buildings.mjs';

const ZONE = 'zone-taibailou';
const DISTRICT = 'rencheng';
const SUB_DISTRICT = 'fuqiao';

const DEPARTMENTS = [
  ['dept-rencheng-scjg', '任城区市场监督管理局', 'MARKET_REGULATION'],
  ['dept-rencheng-cg', '任城区城市管理局', 'URBAN_MANAGEMENT'],
  ['dept-rencheng-ga-fuqiao', '济宁市公安局任城分局阜桥派出所', 'PUBLIC_SECURITY'],
  ['dept-rencheng-sf-fuqiao', '任城区司法局阜桥司法所', 'JUSTICE'],
  ['dept-rencheng-zj', '任城区住房和城乡建设局', 'HOUSING'],
];

const GRIDS = [
  ['grid-taibailou-yunhecheng', '运河城网格', '运河城购物中心及周边商铺'],
  ['grid-taibailou-wanda', '万达网格', '万达广场及步行街'],
  ['grid-taibailou-suning', '苏宁网格', '苏宁广场、贵和购物中心'],
  ['grid-taibailou-guhuai', '古槐路网格', '古槐路沿街商户与居民楼'],
];

// 商圈专属网格员 (fictitious); the id is the user id they sign in with.
const WORKERS = [
  ['gw-taibailou-01', '李晓梅', ['grid-taibailou-yunhecheng']],
  ['gw-taibailou-02', '张志强', ['grid-taibailou-wanda']],
  ['gw-taibailou-03', '周婷', ['grid-taibailou-suning', 'grid-taibailou-guhuai']],
  ['gw-taibailou-04', '韩明', ['grid-taibailou-yunhecheng', 'grid-taibailou-guhuai']],
];

const COMMITTEE = 'committee-yunhecheng';
const MEMBERS = [
  ['cm-yhc-property-1', '王建国', 'PROPERTY', '运河城购物中心产权单位', '副总经理'],
  ['cm-yhc-property-2', '刘芳', 'PROPERTY', '运河城物业服务中心', '经理'],
  ['cm-yhc-merchant-1', '陈丽', 'MERCHANT', '运河城商户联谊会', '会长'],
  ['cm-yhc-merchant-2', '孙伟', 'MERCHANT', '运河城一楼餐饮商户', '商户代表'],
  ['cm-yhc-resident-1', '赵玉兰', 'RESIDENT', '古槐路社区居民', '居民代表'],
  ['cm-yhc-resident-2', '钱振东', 'RESIDENT', '运河城周边小区业主委员会', '主任'],
  ['cm-yhc-dept-1', '吴海', 'DEPARTMENT', '任城区城市管理局', '中队长'],
  ['cm-yhc-dept-2', '郑洁', 'DEPARTMENT', '任城区市场监督管理局', '所长'],
  ['cm-yhc-party-1', '冯军', 'PARTY_ORGANIZATION', '太白楼路商圈党委', '专职副书记'],
];

const MEETINGS = [
  {
    meetingId: 'meeting-yhc-2024-03',
    title: '三月共治议事会',
    agenda: '商圈停车秩序；夜间经营噪音',
    scheduledAt: '2024-03-15T01:00:00.000Z',
    present: ['cm-yhc-property-1', 'cm-yhc-property-2', 'cm-yhc-merchant-1', 'cm-yhc-merchant-2', 'cm-yhc-resident-1', 'cm-yhc-dept-1', 'cm-yhc-party-1'],
    minutes: '议定在运河城北侧增设临时停车位，商户夜间外放音响 22 时后停止。',
    resolutions: [
      {
        resolutionId: 'res-yhc-2024-03-parking',
        title: '运河城北侧增设临时停车位',
        votesFor: 6,
        votesAgainst: 0,
        abstentions: 1,
        actions: [
          { actionId: 'parking-1', description: '城管划定临时停车区域并设置标识', ownerId: 'dept-rencheng-cg', dueOn: '2024-04-01' },
          { actionId: 'parking-2', description: '物业安排高峰时段停车引导员', ownerId: 'cm-yhc-property-2', dueOn: '2024-03-25' },
        ],
        completed: [['parking-2', '已安排 2 名引导员，周末 10–21 时在岗']],
      },
      {
        resolutionId: 'res-yhc-2024-03-noise',
        title: '商户夜间外放音响 22 时后停止',
        votesFor: 5,
        votesAgainst: 1,
        abstentions: 1,
        actions: [{ actionId: 'noise-1', description: '商户联谊会向全体商户发出倡议书', ownerId: 'cm-yhc-merchant-1', dueOn: '2024-03-20' }],
        completed: [['noise-1', '倡议书已送达 86 家商户']],
      },
    ],
  },
  {
    meetingId: 'meeting-yhc-2024-06',
    title: '六月共治议事会',
    agenda: '汛期安全；商圈消防通道',
    scheduledAt: '2024-06-14T01:00:00.000Z',
    present: null,
    resolutions: [],
  },
];

// Each demo case and the steps that bring it to its state.
const DEPT = (id) => ({ kind: 'DEPARTMENT', id });
const CASES = [
  ['case-demo-reported', 'PUBLIC_OPINION', 'NORMAL', '建议增设休息座椅', '顾客反映运河城中庭缺少休息座椅', 'RESIDENT', 'grid-taibailou-yunhecheng', 'gw-taibailou-01', []],
  ['case-demo-accepted', 'LIVELIHOOD_SERVICE', 'NORMAL', '路灯不亮', '古槐路东段两盏路灯夜间不亮', 'RESIDENT', 'grid-taibailou-guhuai', 'gw-taibailou-03', [['accept']]],
  [
    'case-demo-rejected',
    'PUBLIC_OPINION',
    'LOW',
    '咨询公积金政策',
    '居民咨询个人住房公积金提取',
    'RESIDENT',
    'grid-taibailou-guhuai',
    'gw-taibailou-04',
    [['reject', { reason: '属政策咨询，已当场解答并告知 12329 热线' }]],
  ],
  [
    'case-demo-duplicate',
    'LIVELIHOOD_SERVICE',
    'NORMAL',
    '路灯不亮（重复反映）',
    '古槐路东段路灯不亮',
    'RESIDENT',
    'grid-taibailou-guhuai',
    'gw-taibailou-04',
    [['mark-duplicate', { duplicateOf: 'case-demo-accepted' }]],
  ],
  [
    'case-demo-dispatched',
    'LIVELIHOOD_SERVICE',
    'HIGH',
    '商铺门前井盖松动',
    '万达步行街 3 号门前井盖松动，有安全隐患',
    'MERCHANT',
    'grid-taibailou-wanda',
    'gw-taibailou-02',
    [['accept'], ['dispatch', { assignee: DEPT('dept-rencheng-cg'), instructions: '请 24 小时内处置' }]],
  ],
  [
    'case-demo-returned',
    'LIVELIHOOD_SERVICE',
    'NORMAL',
    '商场电梯异响',
    '苏宁广场 2 号扶梯运行异响',
    'MERCHANT',
    'grid-taibailou-suning',
    'gw-taibailou-03',
    [['accept'], ['dispatch', { assignee: DEPT('dept-rencheng-cg') }], ['return', { reason: '特种设备安全属市场监管部门职责' }]],
  ],
  [
    'case-demo-handled',
    'DISPUTE',
    'HIGH',
    '退换货纠纷',
    '顾客与运河城一楼服装店就退货发生争执',
    'MERCHANT',
    'grid-taibailou-yunhecheng',
    'gw-taibailou-01',
    [['accept'], ['dispatch', { assignee: DEPT('dept-rencheng-scjg') }], ['handle', { feedback: '已上门调解，店家同意七日内无理由退货' }]],
  ],
  [
    'case-demo-rework',
    'LIVELIHOOD_SERVICE',
    'NORMAL',
    '油烟扰民',
    '古槐路餐饮店油烟直排居民楼',
    'RESIDENT',
    'grid-taibailou-guhuai',
    'gw-taibailou-03',
    [['accept'], ['dispatch', { assignee: DEPT('dept-rencheng-cg') }], ['handle', { feedback: '已责令安装净化设备' }], ['rework', { reason: '回访发现净化设备未启用' }]],
  ],
  [
    'case-demo-verified',
    'LIVELIHOOD_SERVICE',
    'NORMAL',
    '消防通道堵塞',
    '万达广场西侧消防通道被货车占用',
    'MERCHANT',
    'grid-taibailou-wanda',
    'gw-taibailou-02',
    [['accept'], ['dispatch', { assignee: DEPT('dept-rencheng-ga-fuqiao') }], ['handle', { feedback: '已联系车主挪车并设置禁停标识' }], ['verify', { note: '现场核查通道畅通' }]],
  ],
  [
    'case-demo-closed',
    'DISPUTE',
    'NORMAL',
    '租金纠纷',
    '商户与运河城产权方就租金调整产生分歧',
    'MERCHANT',
    'grid-taibailou-yunhecheng',
    'gw-taibailou-04',
    [['accept'], ['dispatch', { assignee: DEPT('dept-rencheng-sf-fuqiao') }], ['handle', { feedback: '司法所调解，双方达成分期调整协议' }], ['verify'], ['close']],
  ],
  [
    'case-demo-rated',
    'LIVELIHOOD_SERVICE',
    'HIGH',
    '停水未通知',
    '古槐路 12 号楼突然停水',
    'RESIDENT',
    'grid-taibailou-guhuai',
    'gw-taibailou-03',
    [
      ['accept'],
      ['dispatch', { assignee: DEPT('dept-rencheng-zj') }],
      ['handle', { feedback: '已协调供水公司恢复供水并张贴停水公告' }],
      ['verify'],
      ['close'],
      ['rate', { satisfaction: 5, comment: '处理及时' }],
    ],
  ],
  [
    'case-demo-on-hold',
    'PUBLIC_OPINION',
    'LOW',
    '增设非机动车停放区',
    '商户建议在苏宁广场南侧增设非机动车停放区',
    'MERCHANT',
    'grid-taibailou-suning',
    'gw-taibailou-03',
    [['accept'], ['dispatch', { assignee: DEPT('dept-rencheng-cg') }], ['hold', { reason: '需待南侧道路改造工程完成后统一规划' }]],
  ],
];

// The reporter of a case may not verify or rate it (separation of duties): those steps are the reviewer's.
const REVIEW_STEPS = new Set(['verify', 'rate']);

export async function seed({ call, review, log }) {
  const gov = (method, path, body) => call(method, `/governance${path}`, body);

  for (const [departmentId, name, kind] of DEPARTMENTS) {
    await gov('POST', '/departments', { departmentId, name, kind, districtId: DISTRICT, subDistrictId: departmentId.endsWith('fuqiao') ? SUB_DISTRICT : null });
  }
  for (const [gridId, name, description] of GRIDS) await gov('POST', '/grids', { gridId, name, description, zoneId: ZONE });
  for (const [workerId, name, grids] of WORKERS) {
    await gov('POST', '/grid-workers', { workerId, name, zoneId: ZONE });
    for (const gridId of grids) await gov('POST', `/grid-workers/${workerId}/grids`, { gridId });
  }
  log(`governance: ${GRIDS.length} grids, ${WORKERS.length} grid workers, ${DEPARTMENTS.length} departments in 太白楼路商圈`);
  // The buildings the grids cover (governance-buildings.mjs).
  await seedGridBuildings({ call, log });

  await gov('POST', '/committees', { committeeId: COMMITTEE, name: '运河城共治委员会', zoneId: ZONE });
  for (const [memberId, name, party, affiliation, title] of MEMBERS) await gov('POST', `/committees/${COMMITTEE}/members`, { memberId, name, party, affiliation, title });
  for (const m of MEETINGS) {
    await gov('POST', `/committees/${COMMITTEE}/meetings`, { meetingId: m.meetingId, title: m.title, agenda: m.agenda, scheduledAt: m.scheduledAt });
    if (!m.present) continue;
    await gov('POST', `/meetings/${m.meetingId}/attendance`, { presentMemberIds: m.present, minutes: m.minutes });
    for (const r of m.resolutions) {
      const { completed, ...vote } = r;
      await gov('POST', `/meetings/${m.meetingId}/resolutions`, vote);
      for (const [actionId, outcome] of completed) await gov('POST', `/resolutions/${r.resolutionId}/actions/${actionId}/complete`, { outcome });
    }
  }
  log(`governance: 运河城共治委员会 with ${MEMBERS.length} members and ${MEETINGS.length} meetings`);

  for (const [caseId, kind, priority, title, description, source, gridId, workerId, steps] of CASES) {
    const requesterName = source === 'RESIDENT' ? '居民（匿名）' : source === 'MERCHANT' ? '商户代表' : null;
    const created = await gov('POST', '/cases', { caseId, kind, priority, title, description, source, requesterName, gridId, workerId });
    // Already there from an earlier run: its steps were taken then (a repeated step would only answer 409).
    if (!created) continue;
    for (const [path, body] of steps) await (REVIEW_STEPS.has(path) ? review : call)('POST', `/governance/cases/${caseId}/${path}`, body ?? {});
  }
  log(`governance: ${CASES.length} demo cases over every state of the loop`);

  const mediation = await gov('POST', '/mediations', {
    mediationId: 'med-demo-return',
    caseId: 'case-demo-handled',
    mediatorId: 'gw-taibailou-01',
    parties: [
      { side: 'APPLICANT', name: '顾客（匿名）' },
      { side: 'RESPONDENT', name: '运河城一楼服装店' },
    ],
  });
  if (mediation) {
    await gov('POST', '/mediations/med-demo-return/sessions', { summary: '双方陈述退货诉求，网格员释法说理' });
    await gov('POST', '/mediations/med-demo-return/agreement', { terms: '店家七日内办理无理由退货，顾客撤回投诉' });
  }

  const campaign = await gov('POST', '/outreach-campaigns', {
    campaignId: 'campaign-taibailou-civil-code',
    title: '民法典进商圈',
    topics: ['民法典', '优化营商环境条例', '消费者权益保护法'],
    startsOn: '2024-03-01',
    endsOn: '2024-12-31',
    zoneId: ZONE,
  });
  if (campaign) {
    const visits = [
      ['visit-demo-01', 'gw-taibailou-01', 'ENTERPRISE', '运河城购物中心', 35, '2024-03-05'],
      ['visit-demo-02', 'gw-taibailou-02', 'ENTERPRISE', '万达广场商业管理公司', 28, '2024-03-07'],
      ['visit-demo-03', 'gw-taibailou-03', 'MERCHANT', '苏宁广场沿街商户', 42, '2024-03-12'],
      ['visit-demo-04', 'gw-taibailou-04', 'RESIDENT', '古槐路社区居民', 60, '2024-03-16'],
    ];
    for (const [visitId, workerId, targetKind, targetName, reach, visitedOn] of visits) {
      await gov('POST', '/outreach-campaigns/campaign-taibailou-civil-code/visits', { visitId, workerId, targetKind, targetName, reach, visitedOn });
    }
  }
  log('governance: dispute mediation and policy outreach campaign');
}
