// Demo data of the enterprise context (资源共享、互利共赢), from the source article:
// 海能电商园 (仙营街道) with ~200 enterprises employing 2000+ young graduates, the
// departments' service days (工商, 金融, 税务, 司法) including a bank-enterprise
// matching session, and 济宁软件园's mentor pool and maker spaces (UP咖啡,
// 止一创新实验室, 互联网应用学院). Every id is fixed, so a second run creates
// nothing twice. Enterprises, people and credit codes are fictitious; the codes
// carry a correct GB 32100 check character.
// Membership seeds the zones first; until enterprise has learned them the client
// retries the 422 answers.
import { seedEnterprisesInBuildings } from './enterprise-buildings.mjs';
import { ENTERPRISE_COUNT, HAINENG, hainengEnterprise, SOFTWARE_PARK } from './enterprise-ids.mjs';

const code = (i) => hainengEnterprise(i).creditCode;

export async function seed({ call, log }) {
  let graduates = 0;
  for (let i = 1; i <= ENTERPRISE_COUNT; i++) {
    const enterprise = hainengEnterprise(i);
    graduates += enterprise.youngGraduates;
    await call('POST', '/enterprise/enterprises', enterprise);
  }
  log(`海能电商园: ${ENTERPRISE_COUNT} enterprises, ${graduates} young graduates employed`);
  // 太白楼路商圈's enterprises in its buildings (enterprise-buildings.mjs).
  await seedEnterprisesInBuildings({ call, log });

  // Department service days 上门服务 in 海能电商园, with issues raised and outcomes.
  const days = [
    {
      serviceDayId: 'sd-haineng-market-2026-04',
      department: 'MARKET_REGULATION',
      kind: 'ON_SITE',
      title: '市场监管局走进海能电商园：证照办理与网店合规',
      date: '2026-04-08',
      issues: [
        [3, 'PROCEDURES', '网店经营者营业执照经营范围变更如何办理？'],
        [17, 'PROCEDURES', '食品经营许可证网上申请材料咨询。'],
      ],
      served: [3, 17, 25, 41, 58],
    },
    {
      serviceDayId: 'sd-haineng-tax-2026-04',
      department: 'TAX',
      kind: 'ON_SITE',
      title: '税务局上门服务：小规模纳税人优惠政策辅导',
      date: '2026-04-15',
      issues: [
        [8, 'TAX', '小规模纳税人增值税减免如何申报？'],
        [22, 'FINANCIAL_TRAINING', '希望组织电商企业财务人员培训。'],
      ],
      served: [8, 22, 36, 64, 90, 120],
    },
    {
      serviceDayId: 'sd-haineng-justice-2026-04',
      department: 'JUSTICE',
      kind: 'ON_SITE',
      title: '司法局法律服务进园区：合同与劳动用工',
      date: '2026-04-22',
      issues: [
        [31, 'LEGAL_AID', '与供货商的货款纠纷，希望得到法律援助。'],
        [47, 'LEGAL_AID', '主播劳动合同条款审查。'],
      ],
      served: [31, 47, 77],
    },
    {
      serviceDayId: 'sd-haineng-finance-2026-05',
      department: 'FINANCE',
      kind: 'MATCHMAKING',
      title: '金融服务进园区：海能电商园银企对接会',
      date: '2026-05-10',
      issues: [[5, 'FINANCING', '旺季备货需要 300 万元流动资金。']],
      served: [5, 10, 15, 20, 30],
    },
  ];
  for (const day of days) {
    const { issues, served, ...schedule } = day;
    await call('POST', '/enterprise/service-days', { ...schedule, zoneId: HAINENG });
    for (const [n, [i, category, description]] of issues.entries()) {
      await call('POST', `/enterprise/service-days/${day.serviceDayId}/issues`, { issueId: `issue-${n + 1}`, creditCode: code(i), category, description });
    }
  }
  // Issues become requests 问题转诉求, routed to the responsible department.
  await call('POST', '/enterprise/service-days/sd-haineng-justice-2026-04/issues/issue-1/request', { title: '货款纠纷法律援助' });
  await call('POST', '/enterprise/service-days/sd-haineng-tax-2026-04/issues/issue-2/request', { title: '电商企业财务人员培训' });

  // Bank-enterprise matching 银企对接 at the session.
  const products = [
    { productId: 'lp-rcb-kejidai', bank: '济宁农商银行', name: '科技贷', minAmount: 100000, maxAmount: 5000000, annualRatePercent: 3.85, termMonths: 12 },
    { productId: 'lp-ccb-shandai', bank: '建设银行济宁分行', name: '善担贷', minAmount: 50000, maxAmount: 3000000, annualRatePercent: 3.6, termMonths: 12 },
    { productId: 'lp-qlb-dianshangdai', bank: '齐鲁银行济宁分行', name: '电商贷', minAmount: 100000, maxAmount: 2000000, annualRatePercent: 4.1, termMonths: 24 },
  ];
  for (const p of products) await call('POST', '/enterprise/loan-products', { ...p, districtId: 'rencheng' });
  const needs = [
    [5, 3000000, '旺季备货流动资金', 'lp-rcb-kejidai', 2000000, { outcome: 'GRANTED', grantedAmount: 2000000 }],
    [10, 1000000, '直播间设备与场地升级', 'lp-ccb-shandai', 800000, { outcome: 'GRANTED', grantedAmount: 800000 }],
    [15, 500000, '仓储物流周转', 'lp-qlb-dianshangdai', 500000, { outcome: 'GRANTED', grantedAmount: 500000 }],
    [20, 2000000, '跨境电商海外仓建设', 'lp-rcb-kejidai', 1500000, { outcome: 'DECLINED', declineReason: '抵押担保不足，建议申请政府性融资担保后再行对接' }],
    [30, 300000, '农产品冷链包装', 'lp-ccb-shandai', 300000, null],
  ];
  for (const [i, amount, purpose, productId, intendedAmount, outcome] of needs) {
    const needId = `fn-haineng-${String(i).padStart(3, '0')}`;
    const matchId = `fm-haineng-${String(i).padStart(3, '0')}`;
    await call('POST', '/enterprise/financing-needs', { needId, creditCode: code(i), amount, purpose, termMonths: 12 });
    await call('POST', '/enterprise/financing-matches', { matchId, needId, productId, sessionId: 'sd-haineng-finance-2026-05', intendedAmount });
    if (outcome) await call('POST', `/enterprise/financing-matches/${matchId}/outcome`, { ...outcome, concludedOn: '2026-05-28' });
  }

  for (const day of days) {
    await call('POST', `/enterprise/service-days/${day.serviceDayId}/conclusion`, {
      enterprisesServed: day.served.map(code),
      outcome: `${day.title.split('：')[0]}：服务企业 ${day.served.length} 家，现场解答问题 ${day.issues.length * 4} 个。`,
    });
  }

  // A few requests filed by the enterprises, at different stages.
  const requests = [
    ['req-haineng-0001', 12, 'TALENT', '电商运营人才引进补贴咨询', ['FIRST_CONTACT', 'INTERIM_REPLY', 'CLOSE', 'RATE']],
    ['req-haineng-0002', 44, 'PROCEDURES', '分支机构设立登记', ['FIRST_CONTACT', 'CLOSE', 'RATE']],
    ['req-haineng-0003', 63, 'RND', '申报市级科技型中小企业', ['FIRST_CONTACT', 'INTERIM_REPLY']],
    ['req-haineng-0004', 88, 'FUNDING', '争取电商发展专项资金', ['FIRST_CONTACT']],
    ['req-haineng-0005', 101, 'TAX', '出口退税办理进度', []],
  ];
  for (const [requestId, i, category, title, steps] of requests) {
    await call('POST', '/enterprise/service-requests', { requestId, creditCode: code(i), category, title, description: `${title}，请相关部门协助办理。` });
    const bodies = {
      FIRST_CONTACT: ['first-contact', { note: '已电话联系企业负责人，了解具体诉求。' }],
      INTERIM_REPLY: ['interim-reply', { reply: '已会同相关部门研究，正在办理中。' }],
      CLOSE: ['closure', { result: '已按政策办结，企业诉求得到解决。' }],
      RATE: ['rating', { satisfaction: 5, comment: '服务热情，办理高效。' }],
    };
    for (const s of steps) await call('POST', `/enterprise/service-requests/${requestId}/${bodies[s][0]}`, bodies[s][1]);
  }

  // Policies 惠企政策, pushed to the eligible enterprises (re-running pushes nothing twice).
  await call('POST', '/enterprise/policies', {
    policyId: 'policy-rencheng-graduate-subsidy',
    title: '小微企业吸纳高校毕业生社会保险补贴',
    department: 'HUMAN_RESOURCES',
    summary: '小微企业招用毕业年度高校毕业生，签订 1 年以上劳动合同并缴纳社会保险的，给予 1 年社会保险补贴。',
    eligibilityTags: ['小微企业', '高校毕业生就业'],
    districtId: 'rencheng',
    zoneId: null,
  });
  await call('POST', '/enterprise/policies', {
    policyId: 'policy-haineng-hitech',
    title: '高新技术企业研发费用加计扣除辅导',
    department: 'TAX',
    summary: '对园区高新技术企业开展研发费用加计扣除政策一对一辅导。',
    eligibilityTags: ['高新技术企业'],
    districtId: 'rencheng',
    zoneId: HAINENG,
  });
  for (const policyId of ['policy-rencheng-graduate-subsidy', 'policy-haineng-hitech']) {
    const result = await call('POST', `/enterprise/policies/${policyId}/matching`, {});
    if (result) log(`${policyId}: ${result.newlyMatched.length} enterprises newly matched, ${result.alreadyMatched} already`);
  }

  // 济宁软件园: maker spaces 众创空间 and the start-ups they host.
  const spaces = [
    ['ms-up-cafe', 'UP咖啡', '创业咖啡：开放工位、项目路演与创业沙龙。'],
    ['ms-zhiyi-lab', '止一创新实验室', '面向软件与智能硬件团队的创新实验室。'],
    ['ms-internet-academy', '互联网应用学院', '互联网应用人才实训与创业孵化。'],
  ];
  for (const [makerSpaceId, name, description] of spaces) {
    await call('POST', '/enterprise/maker-spaces', { makerSpaceId, name, operator: '济宁软件园', description, zoneId: SOFTWARE_PARK });
  }
  const startups = [
    ['startup-up-01', 'ms-up-cafe', '极客云工作室', '云计算', 6],
    ['startup-up-02', 'ms-up-cafe', '小鹿文创', '文化创意', 4],
    ['startup-zhiyi-01', 'ms-zhiyi-lab', '智控物联', '物联网', 8],
    ['startup-zhiyi-02', 'ms-zhiyi-lab', '视界 AI', '计算机视觉', 5],
    ['startup-academy-01', 'ms-internet-academy', '运河数据', '大数据', 7],
    ['startup-academy-02', 'ms-internet-academy', '儒乡小程序工作室', '移动应用', 3],
  ];
  for (const [startupId, space, name, field, teamSize] of startups) {
    await call('POST', `/enterprise/maker-spaces/${space}/startups`, { startupId, name, field, teamSize, admittedOn: '2026-03-01' });
  }
  await call('POST', '/enterprise/startups/startup-academy-01/status', { status: 'GRADUATED', changedOn: '2026-10-15', note: '已注册公司并入驻软件园' });

  // The mentor pool 导师库 and its pairings.
  const mentors = [
    ['mentor-sp-01', '周立新', '高级工程师', '济宁软件园', ['软件开发', '技术架构']],
    ['mentor-sp-02', '韩雪梅', '注册会计师', '济宁某会计师事务所', ['财务管理', '融资路演']],
    ['mentor-sp-03', '孔德明', '副教授', '济宁学院', ['市场营销', '品牌策划']],
    ['mentor-sp-04', '刘建国', '律师', '山东某律师事务所', ['知识产权', '合同法务']],
    ['mentor-sp-05', '郑晓燕', '投资经理', '济宁高新区产业基金', ['股权融资', '商业计划']],
    ['mentor-sp-06', '宋海涛', '总经理', '济宁某软件公司', ['企业管理', '团队建设']],
  ];
  for (const [mentorId, name, title, affiliation, expertise] of mentors) {
    await call('POST', '/enterprise/mentors', { mentorId, name, title, affiliation, expertise, zoneId: SOFTWARE_PARK });
  }
  const pairings = [
    ['mentor-sp-01', 'STARTUP', 'startup-up-01', '云平台架构评审'],
    ['mentor-sp-05', 'STARTUP', 'startup-zhiyi-01', '天使轮融资路演辅导'],
    ['mentor-sp-04', 'STARTUP', 'startup-zhiyi-02', '算法专利申请'],
    ['mentor-sp-03', 'STARTUP', 'startup-up-02', '文创品牌定位'],
    ['mentor-sp-02', 'ENTERPRISE', code(5), '财务规范与银行授信准备'],
  ];
  for (const [mentorId, menteeKind, menteeId, topic] of pairings) {
    await call('POST', '/enterprise/mentoring-matches', { mentorId, menteeKind, menteeId, topic });
  }
  log('济宁软件园: 3 maker spaces, 6 start-ups, 6 mentors');
}
