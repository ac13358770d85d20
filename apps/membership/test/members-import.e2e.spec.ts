import { ManualClock } from '@pb/platform';
import { bearer, idNumberFor, infraEnv, phoneFor, startServiceApp, TestApp, uniqueName } from '@pb/testing';
import { createOrganization, memberCounts, registerPlaces } from './fixtures';
import { MEMBERSHIP } from './membership-app';

const ROWS = Number(process.env.MEMBER_IMPORT_ROWS ?? 10_000);
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚'];

describe('bulk import of 10,000 members (real database and Kafka)', () => {
  let t: TestApp;
  const district = uniqueName('d');
  const zone = uniqueName('zone');
  const organizations: string[] = [];

  beforeAll(async () => {
    t = await startServiceApp(MEMBERSHIP, { clock: new ManualClock(new Date('2026-06-01T02:00:00Z')) });
    await registerPlaces(t, district, 'fuqiao', [zone]);
    for (const name of ['万达广场党支部', '苏宁广场党支部', '运河城党支部', '贵和购物中心党支部']) {
      organizations.push(await createOrganization(t, { districtId: district, subDistrictId: 'fuqiao', zoneId: zone, name, type: 'BRANCH' }));
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  }, 120_000);

  function csv(): string {
    const lines = ['姓名,性别,出生日期,身份证号,手机号,工作单位,统一社会信用代码,所在党组织,党员类型,入党日期'];
    for (let i = 0; i < ROWS; i++) {
      const year = 1960 + (i % 40);
      const birthDate = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      const region = String(370811 + (Math.floor(i / 1000) % 9));
      const name = SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!;
      lines.push(
        [
          name,
          i % 2 ? '女' : '男',
          birthDate,
          idNumberFor(birthDate, i, region),
          phoneFor(i),
          `"济宁某商贸有限公司,第${i % 50}门店"`,
          '',
          organizations[i % organizations.length],
          i % 10 ? '正式党员' : '预备党员',
          `${year + 25}-07-01`,
        ].join(','),
      );
    }
    return lines.join('\n');
  }

  it('imports 10,000 rows, then imports none of them again', async () => {
    const file = csv();
    if (ROWS === 10_000) expect(Buffer.byteLength(file)).toBeGreaterThan(256 * 1024); // beyond the JSON limit of every other route
    const first = await t.http().post('/members/imports').set('authorization', bearer()).set('content-type', 'text/csv').send(file).expect(200);
    expect(first.body).toMatchObject({ total: ROWS, imported: ROWS, existing: 0, failed: 0, problems: [] });
    console.log(`bulk import: ${ROWS} rows in ${first.body.durationMs} ms = ${first.body.rowsPerSecond} rows/s (KAFKA_BROKERS=${infraEnv().KAFKA_BROKERS})`);
    console.log(
      `stored after import: ${await t.db.collection('members').countDocuments()} snapshots, ${await t.db.collection('events').countDocuments({ type: 'membership.MemberRegistered.v1' })} MemberRegistered events`,
    );
    expect((await memberCounts(t.db)).members).toBe(ROWS);
    const log = await t.db.collection('member_imports').findOne({ _id: first.body.importId } as never);
    expect(log).toMatchObject({ total: ROWS, imported: ROWS, rowsPerSecond: first.body.rowsPerSecond });

    const again = await t.http().post('/members/imports').set('authorization', bearer()).set('content-type', 'text/csv').send(file).expect(200);
    expect(again.body).toMatchObject({ total: ROWS, imported: 0, existing: ROWS, failed: 0, problemsTruncated: true });
    expect(again.body.problems[0]).toMatchObject({ row: 2, field: '身份证号', reason: expect.stringMatching(/^已存在（党员 mem-/) });
    console.log(`bulk re-import: ${ROWS} rows in ${again.body.durationMs} ms = ${again.body.rowsPerSecond} rows/s, all reported 已存在`);
    expect((await memberCounts(t.db)).members).toBe(ROWS);

    const page = await t.http().get(`/members?organizationId=${organizations[0]}&limit=200`).set('authorization', bearer()).expect(200);
    expect(page.body.items).toHaveLength(200);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const counts = await t.http().get(`/zones/${zone}/member-counts`).set('authorization', bearer()).expect(200);
    expect(counts.body).toMatchObject({ members: ROWS, probationaryMembers: ROWS / 10 });
  }, 1_800_000);
});
