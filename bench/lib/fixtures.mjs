// What the measured commands and imports send: fictitious members with valid
// GB 11643 ID numbers whose region code (37089x) no county uses, and one
// command of each other service for the mix.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '明', '超', '建华', '晓东', '海燕', '志强'];

/** The n-th fictitious person of a series (`series` 5-9 keeps the bench apart from the demo data). */
export function person(series, n) {
  const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86400000);
  const birthDate = day.toISOString().slice(0, 10);
  const first17 = `37089${series}${birthDate.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  const idNumber = first17 + '10X98765432'[sum % 11];
  const male = Number(first17[16]) % 2 === 1;
  return {
    name: SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length],
    gender: male ? 'MALE' : 'FEMALE',
    birthDate,
    idNumber,
    phone: `17${series}${String(n).padStart(8, '0')}`,
    status: n % 10 === 0 ? 'PROBATIONARY' : 'FULL',
    // Probationary members joined within the last year.
    joinedOn: n % 10 === 0 ? new Date(Date.now() - 60 * 86400000).toISOString().slice(0, 10) : '2000-07-01',
  };
}

export function registration(series, n, organizationId, runId) {
  return { memberId: `mem-b${runId}-${series}-${n}`, ...person(series, n), organizationId };
}

export const IMPORT_HEADER = '党员编号,姓名,性别,出生日期,身份证号,手机号,工作单位,统一社会信用代码,所在党组织,党员类型,入党日期';

export function importRow(series, n, organizationId, runId) {
  const p = person(series, n);
  return [
    `mem-b${runId}-${series}-${n}`,
    p.name,
    p.gender === 'MALE' ? '男' : '女',
    p.birthDate,
    p.idNumber,
    p.phone,
    '济宁某商贸有限公司',
    '',
    organizationId,
    p.status === 'FULL' ? '正式党员' : '预备党员',
    p.joinedOn,
  ].join(',');
}

/** The zone and organizations the measured commands use, created at set-up. */
export const BENCH_ZONE = { jurisdictionId: 'zone-bench', level: 'ZONE', name: '压测商圈', parentId: 'fuqiao', zoneKind: 'BUSINESS_DISTRICT' };
export const LAG_ZONE = { jurisdictionId: 'zone-bench-lag', level: 'ZONE', name: '压测楼宇', parentId: 'fuqiao', zoneKind: 'BUILDING' };
export const IMPORT_ZONE = { jurisdictionId: 'zone-bench-import', level: 'ZONE', name: '压测园区', parentId: 'guanghe', zoneKind: 'INDUSTRIAL_PARK' };
const org = (organizationId, name, zone, districtId, subDistrictId) => ({
  organizationId,
  name,
  type: 'JOINT_BRANCH',
  parentId: `org-${subDistrictId}-working-committee`,
  districtId,
  subDistrictId,
  zoneId: zone.jurisdictionId,
  host: null,
});
export const BENCH_ORG = org('org-bench', '压测商圈联合党支部', BENCH_ZONE, 'rencheng', 'fuqiao');
export const LAG_ORG = org('org-bench-lag', '压测楼宇联合党支部', LAG_ZONE, 'rencheng', 'fuqiao');
export const IMPORT_ORG = org('org-bench-import', '压测园区联合党支部', IMPORT_ZONE, 'gaoxin', 'guanghe');

/** One command of each of the four services, in turn: [context, path, body]. */
export function mixCommand(i, runId) {
  const n = Math.floor(i / 4);
  const zoneId = BENCH_ZONE.jurisdictionId;
  switch (i % 4) {
    case 0: {
      const { organizationId: _o, ...person } = registration(6, n, BENCH_ORG.organizationId, runId);
      return ['membership', '/membership/members', { ...person, organizationId: BENCH_ORG.organizationId }];
    }
    case 1:
      return [
        'activities',
        '/activities/honours',
        {
          honourId: `honour-b${runId}-${n}`,
          kind: 'DEMONSTRATION_SITE',
          name: `压测示范点${n}`,
          organizationId: null,
          description: '压测数据',
          awardedOn: '2024-06-30',
          districtId: 'rencheng',
          subDistrictId: 'fuqiao',
          zoneId,
        },
      ];
    case 2:
      return ['governance', '/governance/grids', { gridId: `grid-b${runId}-${n}`, name: `压测网格${n}`, description: '压测数据', zoneId }];
    default:
      return [
        'enterprise',
        '/enterprise/mentors',
        { mentorId: `mentor-b${runId}-${n}`, name: `导师${n}`, title: '工程师', affiliation: '济宁某软件公司', expertise: ['企业管理'], zoneId },
      ];
  }
}
