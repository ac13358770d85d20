// Demo members (党员) for the article's zones: 804 in 太白楼路商圈, 382 of them
// floating members recorded with their local organization (流动党员登记; home
// organizations elsewhere in Shandong), and members in 海能电商园 and 济宁软件园.
// Local members come in through the bulk import; floating members are recorded
// directly with POST /members/floating (they are not local members, so they are
// never imported). A few people of 太白楼路商圈 go through the development pipeline
// with its steps (seedPipeline, below).
// Everyone here is fictitious: generated names, ID numbers with a valid GB 11643
// check character but a region code no county uses (37089x), and 170-prefixed
// phone numbers. Ids are fixed (mem-tbl-0001 …), so a second run creates nothing:
// the bulk import reports those rows as 已存在, floating registrations and every
// pipeline step answer 409.
//
// Called by scripts/seed/membership.mjs once zones and organizations exist:
//   await seedMembers(client, { zones: { taibailou, softwarePark, haineng },
//                               organizations: [{ organizationId, type, parentId, districtId, subDistrictId, zoneId }] })

import { hainengEnterprise } from './enterprise-ids.mjs';

const SURNAMES =
  '王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '晓东',
  '海燕',
  '志强',
  '文静',
  '思远',
  '雨桐',
  '子涵',
  '浩然',
  '欣怡',
  '俊杰',
  '婷婷',
  '宇航',
  '佳琪',
  '立新',
  '红梅',
  '国庆',
  '建国',
  '玉兰',
  '春燕',
  '晓明',
  '丹丹',
  '鹏飞',
  '雪梅',
  '振华',
  '翠花',
  '凤英',
  '德胜',
];
const HOME_ORGANIZATIONS = [
  '菏泽市牡丹区皇镇街道前程村党支部',
  '菏泽市郓城县张营街道刘庄村党支部',
  '临沂市兰山区柳青街道红埠寺社区党支部',
  '临沂市沂南县界湖街道北村党支部',
  '泰安市岱岳区满庄镇东南村党支部',
  '泰安市宁阳县华丰镇西村党支部',
  '枣庄市滕州市龙阳镇后村党支部',
  '聊城市东阿县铜城街道南关社区党支部',
  '德州市陵城区安德街道东关村党支部',
  '潍坊市寿光市圣城街道北关社区党支部',
  '淄博市张店区车站街道共青团路社区党支部',
  '日照市莒县城阳街道第二社区党支部',
  '滨州市惠民县孙武街道西关村党支部',
  '济南市历城区港沟街道神武村党支部',
  '青岛市即墨区通济街道泉东社区党支部',
];
const SHOPS = ['华隆服饰', '鲁味轩餐饮', '悦购超市', '星辰影城', '康宁药房', '金鼎珠宝', '乐享数码', '书香文具', '优家家居', '晨光咖啡', '美途旅行社', '安康眼镜'];
const COMPLEXES = ['万达广场', '苏宁广场', '运河城', '贵和购物中心', '太白楼商厦', '古槐路商场', '银座商城', '东方红商厦'];
const PARK_COMPANIES = ['海能', '云帆', '智汇', '鲁创', '微品', '优选', '速达', '汇通', '聚源', '新禾'];
const PARK_KINDS = ['电子商务有限公司', '网络科技有限公司', '供应链管理有限公司', '信息技术有限公司', '软件开发有限公司'];

/** Pseudo-random but fixed: the same member always gets the same data. */
function pick(list, n) {
  return list[((n * 2654435761) >>> 0) % list.length];
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(birthDate, zoneIndex, n) {
  // 37089x: inside 济宁's numbering but assigned to no county, so no real person's number.
  const first17 = `37089${zoneIndex}${birthDate.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** One demo member: what the import's CSV row and the floating registration need. */
function person(zoneIndex, prefix, n, organizationId, today, employer, employerCode = () => null) {
  const probationary = n % 17 === 0;
  const birthYear = 1965 + ((n * 7) % 37);
  const birthDate = `${birthYear}-${String(((n * 5) % 12) + 1).padStart(2, '0')}-${String(((n * 11) % 28) + 1).padStart(2, '0')}`;
  return {
    memberId: `mem-${prefix}-${String(n).padStart(4, '0')}`,
    name: pick(SURNAMES.split(''), n) + pick(GIVEN, n * 31 + 7),
    gender: n % 3 === 0 ? 'FEMALE' : 'MALE',
    birthDate,
    idNumber: idNumber(birthDate, zoneIndex, n),
    phone: `170${zoneIndex}${String(n).padStart(7, '0')}`,
    employerName: employer(n),
    employerCreditCode: employerCode(n),
    organizationId,
    status: probationary ? 'PROBATIONARY' : 'FULL',
    // Probationary members joined within the last year; the others years ago, after turning 18.
    joinedOn: probationary ? isoDay(new Date(today.getTime() - (30 + (n % 300)) * 86_400_000)) : `${Math.min(birthYear + 20 + (n % 15), today.getUTCFullYear() - 2)}-07-01`,
  };
}

function csvRow(p) {
  return [
    p.memberId,
    p.name,
    p.gender === 'FEMALE' ? '女' : '男',
    p.birthDate,
    p.idNumber,
    p.phone,
    p.employerName,
    p.employerCreditCode ?? '',
    p.organizationId,
    p.status === 'PROBATIONARY' ? '预备党员' : '正式党员',
    p.joinedOn,
  ]
    .map(csvField)
    .join(',');
}

function csvField(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const HEADER = '党员编号,姓名,性别,出生日期,身份证号,手机号,工作单位,统一社会信用代码,所在党组织,党员类型,入党日期';

async function importInChunks(client, people, label) {
  // Chunks keep each request under the gateway's JSON body limit and timeout.
  const CHUNK = 200;
  let imported = 0;
  let existing = 0;
  for (let i = 0; i < people.length; i += CHUNK) {
    const rows = people.slice(i, i + CHUNK).map(csvRow);
    const report = await client.call('POST', '/membership/members/imports', { csv: [HEADER, ...rows].join('\n') });
    imported += report.imported;
    existing += report.existing;
    if (report.failed > 0) {
      throw new Error(`${label}: ${report.failed} demo rows failed to import: ${JSON.stringify(report.problems.filter((p) => !p.reason.startsWith('已存在')).slice(0, 5))}`);
    }
  }
  client.log?.(`  ${label}: ${imported} members imported, ${existing} already there`);
}

async function inParallel(items, limit, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * 两新 coverage in 海能电商园: members of the park work for its enterprises (by their credit code), most
 * for the four that host a branch of their own; two others employ several members and have no
 * organization (flagged on the dashboard), six employ one or two.
 */
function hainengEmployerOf(n) {
  const r = n % 20;
  const i = r < 16 ? 1 + (r % 4) : r < 18 ? 5 + (r % 2) : 7 + (Math.floor(n / 20) % 6);
  return hainengEnterprise(i);
}

/** Organizations members belong to in a zone: branches first, the zone's committees when it has none. */
function memberOrganizationsOf(ids, zoneId) {
  const inZone = ids.organizations.filter((o) => o.zoneId === zoneId);
  const branches = inZone.filter((o) => ['BRANCH', 'JOINT_BRANCH', 'GENERAL_BRANCH'].includes(o.type));
  return (branches.length > 0 ? branches : inZone).map((o) => o.organizationId);
}

/**
 * `sizes` narrows the zones' member and floating counts (the seed's own test loads a few);
 * by default the article's numbers.
 */
export async function seedMembers(client, ids, { now = new Date(), sizes = {} } = {}) {
  const zones = [
    { zoneId: ids.zones.taibailou, prefix: 'tbl', count: 804, floating: 382, employer: (n) => `${pick(COMPLEXES, n)}${pick(SHOPS, n * 13)}店` },
    { zoneId: ids.zones.haineng, prefix: 'hn', count: 160, floating: 40, employer: (n) => hainengEmployerOf(n).name, employerCode: (n) => hainengEmployerOf(n).creditCode },
    { zoneId: ids.zones.softwarePark, prefix: 'sp', count: 120, floating: 20, employer: (n) => `济宁${pick(PARK_COMPANIES, n * 7)}${pick(PARK_KINDS, n * 5 + 1)}` },
  ].map((zone) => ({ ...zone, ...sizes[zone.prefix] }));
  for (const [zoneIndex, zone] of zones.entries()) {
    const organizations = memberOrganizationsOf(ids, zone.zoneId);
    if (organizations.length === 0) {
      client.log?.(`  no organizations in ${zone.zoneId}: its members are skipped`);
      continue;
    }
    const people = [];
    for (let n = 1; n <= zone.count; n++) people.push(person(zoneIndex, zone.prefix, n, organizations[(n - 1) % organizations.length], now, zone.employer, zone.employerCode));
    // Every other member of the first 2×floating is a floating member: spread over all organizations.
    const isFloating = (_, i) => i < zone.floating * 2 && i % 2 === 0;
    await importInChunks(
      client,
      people.filter((p, i) => !isFloating(p, i)),
      zone.zoneId,
    );

    // 流动党员登记: recorded directly, checked in with the local organization from the start.
    const floating = people.filter(isFloating);
    await inParallel(floating, 8, (p) => {
      const n = Number(p.memberId.slice(-4));
      return client.call('POST', '/membership/members/floating', {
        ...p,
        homeOrganizationName: pick(HOME_ORGANIZATIONS, n),
        checkedInOn: isoDay(new Date(now.getTime() - (10 + (n % 700)) * 86_400_000)),
      });
    });
    client.log?.(`  ${zone.zoneId}: ${floating.length} floating members recorded`);

    if (zone.prefix === 'tbl') await seedPipeline(client, ids, { zoneIndex, people: people.filter((p, i) => !isFloating(p, i)), employer: zone.employer, now });
  }
}

// ---- 发展党员: a few people of 太白楼路商圈 through the pipeline with its steps ----

/**
 * Three people of one branch: one who went all the way to 转正, one probationary member who took the
 * oath, one development target with training and political review done (the notice still to come).
 * Every step is a command of its own; on a second run each answers 409 (stage or step already there).
 */
async function seedPipeline(client, ids, { zoneIndex, people, employer, now }) {
  // 培养联系人 and 入党介绍人: full local (not floating) members of the same branch; the branch with most of them.
  const fullOf = (organizationId) => people.filter((p) => p.organizationId === organizationId && p.status === 'FULL').map((p) => p.memberId);
  const [branch] = ids.organizations
    .filter((o) => o.zoneId === ids.zones.taibailou && o.type === 'BRANCH' && o.parentId)
    .sort((a, b) => fullOf(b.organizationId).length - fullOf(a.organizationId).length);
  const introducers = branch ? fullOf(branch.organizationId).slice(0, 2) : [];
  if (introducers.length < 2) {
    client.log?.('  发展党员: no branch with two full members, the pipeline is skipped');
    return;
  }
  const { call } = client;
  const PEOPLE = [
    { n: 901, until: 'FULL' },
    { n: 902, until: 'OATH' },
    { n: 903, until: 'REVIEW' },
  ];
  for (const { n, until } of PEOPLE) {
    const { status: _s, joinedOn: _j, ...applicant } = person(zoneIndex, 'tbl-dev', n, branch.organizationId, now, employer);
    const memberId = `mem-tbl-dev-${n}`;
    const step = (path, body) => call('POST', `/membership/members/${memberId}/development${path}`, body);
    await call('POST', '/membership/members/applications', { ...applicant, memberId, employerCreditCode: null, appliedOn: '2023-03-01' });
    await step('', { toStage: 'ACTIVIST', on: '2023-06-01', introducerMemberIds: introducers.slice(0, 1) });
    await step('', { toStage: 'DEVELOPMENT_TARGET', on: '2024-06-10', introducerMemberIds: introducers });
    await step('/training', { completedOn: '2024-09-20', hours: 24 });
    await step('/political-review', { passedOn: '2024-10-15', reviewingOrganizationId: branch.parentId });
    if (until === 'REVIEW') continue;
    // 公示 Monday 21 to Friday 25 October 2024: five working days.
    await step('/public-notice', { startsOn: '2024-10-21', endsOn: '2024-10-25' });
    await step('/approval', { approvedOn: '2024-11-05', approvingOrganizationId: branch.parentId });
    await step('', { toStage: 'PROBATIONARY', on: '2024-11-12' });
    await step('/oath', { takenOn: '2024-11-12' });
    if (until === 'OATH') continue;
    await step('', { toStage: 'FULL', on: '2025-11-12' });
  }
  client.log?.(`  发展党员: ${PEOPLE.length} people through the pipeline in ${branch.organizationId}`);
}
