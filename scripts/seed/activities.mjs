// Demo data of the activities context (活动共办): the software park's 1500 m² Party-mass service
// centre with its rooms and a year of space events, 三会一课 for the 太白楼路 branches, and
// volunteer service with hours. Organizations and members are discovered through the gateway
// (membership's API and this service's local views), so the ids follow whatever membership seeded.
// Ids are derived from dates and organization ids: running the seed again creates nothing twice.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOFTWARE_PARK = { districtId: 'gaoxin', zoneId: 'zone-software-park', fallbackSubDistrictId: 'gaoxin-software-park' };
const TAIBAILOU = { districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou' };
const CENTRE_ID = 'centre-software-park';
const ROOMS = [
  { roomId: 'room-sp-activity', name: '党员活动室', kind: 'ACTIVITY_ROOM', capacity: 60 },
  { roomId: 'room-sp-checkup', name: '党性体检小屋', kind: 'PARTY_SPIRIT_CHECKUP', capacity: 8 },
  { roomId: 'room-sp-relief', name: '心理减压室', kind: 'STRESS_RELIEF', capacity: 6 },
  { roomId: 'room-sp-youth', name: '青春风采展', kind: 'EXHIBITION_HALL', capacity: 80 },
  { roomId: 'room-sp-hall', name: '多功能展厅', kind: 'EXHIBITION_HALL', capacity: 150 },
];
const SPACE_TOPICS = [
  ['青年党员读书会', 'room-sp-activity'],
  ['党性体检：对照党章找差距', 'room-sp-checkup'],
  ['职场减压沙龙', 'room-sp-relief'],
  ['软件园青春风采展导览', 'room-sp-youth'],
  ['“红帆领航”创业分享会', 'room-sp-hall'],
  ['新党员入党宣誓', 'room-sp-activity'],
  ['数字经济政策宣讲', 'room-sp-hall'],
];
const LIFE = [
  { kind: 'COMMITTEE_MEETING', every: 1, title: '支委会', day: 5 },
  { kind: 'GROUP_MEETING', every: 1, title: '党小组会', day: 12 },
  { kind: 'BRANCH_ASSEMBLY', every: 3, title: '支部党员大会', day: 20 },
  { kind: 'PARTY_LECTURE', every: 3, title: '书记讲党课', day: 25 },
];
const VOLUNTEER_TOPICS = ['商圈文明劝导', '运河城消防安全宣传', '学雷锋便民服务', '万达广场助老志愿服务', '夏季防溺水宣传', '垃圾分类进商户'];

const pad = (n) => String(n).padStart(2, '0');
/** Local (UTC+8) date parts of an instant. */
const local = (d) => new Date(d.getTime() + 8 * 3600_000);
const ymd = (d) => local(d).toISOString().slice(0, 10);
const at = (dateKey, hhmm) => `${dateKey}T${hhmm}:00+08:00`;
/** A deterministic pseudo-random number from a string, so reruns make the same choices. */
function hash(s) {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) / 2 ** 32;
}
/** Weekday dates (Mon–Fri) are what the rooms are open for; move a weekend date to the Monday after. */
function weekday(dateKey) {
  const d = new Date(`${dateKey}T12:00:00+08:00`);
  const wd = local(d).getUTCDay();
  if (wd === 6) d.setTime(d.getTime() + 2 * 86400_000);
  if (wd === 0) d.setTime(d.getTime() + 86400_000);
  return ymd(d);
}

function membershipIds() {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'membership-ids.mjs');
  return fs.existsSync(file) ? import(pathToFileURL(file).href) : Promise.resolve(null);
}

async function organizationsIn(call, zoneId) {
  const orgs = (await call('GET', `/membership/organizations?zoneId=${zoneId}`)) ?? [];
  return Array.isArray(orgs) ? orgs : (orgs.items ?? []);
}

/** Members of an organization as activities has learned them; waits a little for the events to arrive. */
async function membersOf(call, organizationId, { wait = 15000 } = {}) {
  const deadline = Date.now() + wait;
  for (;;) {
    const members = (await call('GET', `/activities/members?organizationId=${organizationId}`)) ?? [];
    if (members.length > 0 || Date.now() > deadline) return members;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Schedules and publishes an activity; records minutes and attendance when it lies in the past. */
async function holdActivity(call, body, { now, minutes, attendees = [], checkOutAfterMinutes = null }) {
  await call('POST', '/activities/activities', body);
  await call('POST', `/activities/activities/${body.activityId}/publish`, {});
  if (Date.parse(body.startsAt) > now.getTime()) return;
  if (attendees.length > 0) {
    const code = await call('GET', `/activities/activities/${body.activityId}/check-in-code`);
    for (const [i, memberId] of attendees.entries()) {
      const checkIn = new Date(Date.parse(body.startsAt) - 10 * 60_000 + i * 60_000).toISOString();
      await call('POST', `/activities/activities/${body.activityId}/check-ins`, { memberId, code: code.code, at: checkIn });
      if (checkOutAfterMinutes !== null) {
        const out = new Date(Date.parse(checkIn) + (checkOutAfterMinutes + Math.round(hash(memberId + body.activityId) * 50)) * 60_000);
        await call('POST', `/activities/activities/${body.activityId}/check-outs`, { memberId, at: new Date(Math.min(out.getTime(), now.getTime())).toISOString() });
      }
    }
  }
  if (minutes) await call('POST', `/activities/activities/${body.activityId}/minutes`, { minutes });
}

export async function seed({ call, log }) {
  const now = new Date();
  const ids = await membershipIds();
  if (ids) log('activities: using scripts/seed/membership-ids.mjs');

  // --- 济宁软件园党群服务中心 and its rooms --------------------------------------------------
  const parkOrgs = await organizationsIn(call, SOFTWARE_PARK.zoneId);
  const parkHost = parkOrgs.find((o) => o.organizationId === ids?.SOFTWARE_PARK_JOINT_COMMITTEE) ?? parkOrgs.find((o) => o.type === 'JOINT_COMMITTEE') ?? parkOrgs[0];
  const parkSubDistrict = parkHost?.subDistrictId ?? SOFTWARE_PARK.fallbackSubDistrictId;
  await call('POST', '/activities/service-centres', {
    centreId: CENTRE_ID,
    name: '济宁软件园党群服务中心',
    areaM2: 1500,
    address: '济宁高新区软件园',
    districtId: SOFTWARE_PARK.districtId,
    subDistrictId: parkSubDistrict,
    zoneId: SOFTWARE_PARK.zoneId,
  });
  for (const room of ROOMS) {
    await call('POST', '/activities/rooms', { ...room, centreId: CENTRE_ID, opensAt: '08:30', closesAt: '21:00', openDays: [1, 2, 3, 4, 5, 6] });
  }

  // --- a year of space events 阵地活动: one a week, 40 weeks back and 12 ahead ---------------
  if (!parkHost) {
    log('activities: no organization in zone-software-park yet, skipping its space events');
  } else {
    let count = 0;
    for (let week = -40; week < 12; week++) {
      const dateKey = weekday(ymd(new Date(now.getTime() + week * 7 * 86400_000)));
      const [title, roomId] = SPACE_TOPICS[(week + 40) % SPACE_TOPICS.length];
      const activityId = `act-sp-space-${dateKey}`;
      const body = {
        activityId,
        kind: 'SPACE_EVENT',
        title,
        organizerIds: [parkHost.organizationId],
        venue: `济宁软件园党群服务中心 · ${ROOMS.find((r) => r.roomId === roomId).name}`,
        roomId,
        startsAt: at(dateKey, '14:30'),
        endsAt: at(dateKey, '16:30'),
        capacity: ROOMS.find((r) => r.roomId === roomId).capacity,
        agenda: ['签到', title, '交流分享'],
      };
      await holdActivity(call, body, { now, minutes: `${title}顺利开展，园区企业党员和青年职工参加。` });
      if (Date.parse(body.startsAt) > now.getTime()) {
        await call('POST', `/activities/rooms/${roomId}/bookings`, {
          bookingId: `bk-${activityId}`,
          startsAt: body.startsAt,
          endsAt: body.endsAt,
          purpose: title,
          organizationId: parkHost.organizationId,
          activityId,
        });
      }
      count++;
    }
    log(`activities: ${count} space events at the software park service centre`);
  }

  // --- 三会一课 of the 太白楼路 branches, last six months -------------------------------------
  const taibailou = await organizationsIn(call, TAIBAILOU.zoneId);
  const branches = taibailou.filter((o) => ['BRANCH', 'JOINT_BRANCH', 'GENERAL_BRANCH'].includes(o.type)).slice(0, 25);
  const thisMonth = local(now);
  for (const [b, branch] of branches.entries()) {
    const members = (await membersOf(call, branch.organizationId, { wait: b === 0 ? 20000 : 2000 })).map((m) => m.memberId);
    for (let back = 6; back >= 0; back--) {
      const month = new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - back, 1));
      for (const life of LIFE) {
        if (life.every === 3 && month.getUTCMonth() % 3 !== 1) continue; // quarterly, in the quarter's middle month
        // One branch in five lets its group meeting slip last month: the compliance sweep flags it.
        if (life.kind === 'GROUP_MEETING' && back === 1 && b % 5 === 4) continue;
        const dateKey = weekday(`${month.getUTCFullYear()}-${pad(month.getUTCMonth() + 1)}-${pad(life.day)}`);
        const activityId = `act-${branch.organizationId}-${life.kind.toLowerCase()}-${dateKey}`.slice(0, 64);
        await holdActivity(
          call,
          {
            activityId,
            kind: life.kind,
            title: `${branch.name}${month.getUTCMonth() + 1}月${life.title}`,
            organizerIds: [branch.organizationId],
            venue: '太白楼路商圈党群服务站',
            roomId: null,
            startsAt: at(dateKey, '19:00'),
            endsAt: at(dateKey, '20:30'),
            capacity: null,
            agenda: life.kind === 'PARTY_LECTURE' ? ['书记讲党课', '交流研讨'] : ['传达学习上级精神', '研究本月工作'],
          },
          {
            now,
            minutes: `${branch.name}按期召开${life.title}，传达学习上级精神，研究部署本月工作。`,
            attendees: life.kind === 'BRANCH_ASSEMBLY' ? members.slice(0, 12) : [],
          },
        );
      }
    }
  }
  log(`activities: organization life for ${branches.length} 太白楼路 branches`);

  // --- volunteer service with hours, monthly for a year --------------------------------------
  const volunteerHost = taibailou.find((o) => o.type === 'DISTRICT_COMMITTEE') ?? branches[0];
  if (volunteerHost) {
    const pool = [];
    for (const branch of branches.slice(0, 8)) pool.push(...(await membersOf(call, branch.organizationId, { wait: 0 })).map((m) => m.memberId));
    for (let back = 11; back >= 0; back--) {
      const month = new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - back, 1));
      const dateKey = weekday(`${month.getUTCFullYear()}-${pad(month.getUTCMonth() + 1)}-15`);
      const title = VOLUNTEER_TOPICS[(11 - back) % VOLUNTEER_TOPICS.length];
      const volunteers = pool.filter((m) => hash(m + dateKey) < 0.35).slice(0, 15);
      await holdActivity(
        call,
        {
          activityId: `act-tbl-volunteer-${dateKey}`,
          kind: 'VOLUNTEER_SERVICE',
          title,
          organizerIds: [volunteerHost.organizationId],
          venue: '太白楼路商圈',
          roomId: null,
          startsAt: at(dateKey, '09:00'),
          endsAt: at(dateKey, '12:00'),
          capacity: 30,
          agenda: ['集合分组', title, '总结'],
        },
        { now, minutes: `${title}志愿服务完成，${volunteers.length} 名党员参加。`, attendees: volunteers, checkOutAfterMinutes: 130 },
      );
    }
    // Self-reported hours, approved by the secretary.
    for (const [i, memberId] of pool.slice(0, 6).entries()) {
      const servedOn = ymd(new Date(now.getTime() - (20 + i * 9) * 86400_000));
      const claimId = `vh-seed-${memberId}`.slice(0, 64);
      await call('POST', '/activities/volunteer-hours/claims', { claimId, memberId, servedOn, hours: 2 + (i % 3), description: '社区疫苗接种点秩序引导' });
      await call('POST', `/activities/volunteer-hours/claims/${claimId}/approve`, {});
    }
    // 作承诺 and 先锋岗 / 责任区
    for (const [i, memberId] of pool.slice(0, 10).entries()) {
      await call('POST', '/activities/pledges', {
        pledgeId: `pl-seed-${memberId}`.slice(0, 64),
        memberId,
        content: ['每月参加一次商圈志愿服务', '帮助两名青年职工提升业务技能', '带头落实门前三包'][i % 3],
        dueOn: `${thisMonth.getUTCFullYear()}-12-31`,
      });
    }
    for (const [i, memberId] of pool.slice(0, 4).entries()) {
      await call('POST', '/activities/posts', {
        postId: `post-seed-${memberId}`.slice(0, 64),
        kind: i % 2 ? 'RESPONSIBILITY_ZONE' : 'VANGUARD_POST',
        title: i % 2 ? '商户诚信经营党员责任区' : '客户服务党员先锋岗',
        memberId,
        enterpriseName: ['济宁万达广场', '苏宁广场', '运河城购物中心', '贵和购物中心'][i],
        area: i % 2 ? `${i + 1} 楼东区商户` : null,
      });
    }
  }
  log('activities: volunteer service, hours, pledges and posts');

  // --- recognition: rules, brands and demonstration sites ------------------------------------
  await call('PUT', '/activities/points-rules', { attendancePoints: 2, volunteerHourPoints: 1, pledgeKeptPoints: 5, starThresholds: [5, 15, 30, 50, 80], flagAveragePoints: 20 });
  const honours = [
    ['honour-liuhang-sanjiao', 'DEMONSTRATION_SITE', '柳行街道三角绿地商圈党建', 'rencheng', 'liuhang', null],
    ['honour-xiehualiang-studio', 'PARTY_BUILDING_BRAND', '谢华亮党建工作室', 'rencheng', 'fuqiao', TAIBAILOU.zoneId],
    ['honour-ruyi-1234', 'PARTY_BUILDING_BRAND', '如意集团“一二三四”工作法', 'rencheng', 'fuqiao', null],
    ['honour-chenxin-vitality', 'PARTY_BUILDING_BRAND', '辰欣药业“活力党建、和谐企业”', 'gaoxin', parkSubDistrict, null],
  ];
  for (const [honourId, kind, name, districtId, subDistrictId, zoneId] of honours) {
    await call('POST', '/activities/honours', {
      honourId,
      kind,
      name,
      organizationId: null,
      description: `${name}：全市城市基层党建示范`,
      awardedOn: '2019-06-30',
      districtId,
      subDistrictId,
      zoneId,
    });
  }
  log('activities: recognition rules, brands and demonstration sites');
}
