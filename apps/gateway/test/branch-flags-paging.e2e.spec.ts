import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import request from 'supertest';
import { CONTEXT_TOPICS, EventEnvelope, MemberRegistered, OrganizationRegistered, PledgeFulfilled, PledgeMade } from '@pb/contracts';
import { encodePageCursor } from '@pb/platform';
import { envelopeOf, infraEnv, jurisdictionRegistered, publishEnvelopes, startServiceApp, TEST_KEYS, uniqueName, waitFor } from '@pb/testing';
import { User } from '../src/domain/user/user';
import { signAccessToken } from '../src/infrastructure/user/user-tokens';
import { GATEWAY } from './gateway-app';

function tokenFor(user: Partial<User> & Pick<User, 'role' | 'scope'>): string {
  return `Bearer ${signAccessToken({ userId: `u-${randomUUID()}`, username: 'x', displayName: 'x', disabled: false, ...user }, TEST_KEYS.JWT_SECRET, 300)}`;
}

interface Branch {
  organizationId: string;
  averagePoints: number;
  flag: boolean;
}

/**
 * 一个支部一面旗 beyond the dashboard's top 20 (#18): `GET /api/dashboard/flags` pages every branch
 * of a scope in the dashboard's order with the shared cursor, its first page the dashboard's `top`.
 */
describe('the dashboard’s branch flags, paged (real Kafka and database)', () => {
  const district = uniqueName('d');
  const subDistrict = uniqueName('sd');
  const zone = uniqueName('z');
  const city = tokenFor({ role: 'CITY_ADMIN', scope: { level: 'CITY' } });
  const otherDistrictAdmin = tokenFor({ role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: uniqueName('d') } });
  const where = { districtId: district, subDistrictId: subDistrict, zoneId: zone };
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const year = today.slice(0, 4);
  /** 25 branches, more than the dashboard's top 20; one member each. */
  const branches = Array.from({ length: 25 }, (_, i) => `org-${String(i).padStart(2, '0')}-${randomUUID()}`);
  let app: INestApplication;

  const get = (path: string, token = city) => request(app.getHttpServer()).get(path).set('authorization', token);
  const flagsPage = (more = '') => get(`/api/dashboard/flags?scope=zone&id=${zone}&period=${year}${more}`);

  beforeAll(async () => {
    app = (await startServiceApp(GATEWAY)).app;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('pages every branch once, flagged first then by average, the first page being the dashboard’s top 20', async () => {
    const juris = (id: string, level: 'DISTRICT' | 'SUB_DISTRICT' | 'ZONE', parentId: string | null) =>
      jurisdictionRegistered(id, level, `${level} ${id}`, { parentId, districtId: district, subDistrictId: level === 'DISTRICT' ? null : subDistrict });
    const events: EventEnvelope[] = [juris(district, 'DISTRICT', null), juris(subDistrict, 'SUB_DISTRICT', district), juris(zone, 'ZONE', subDistrict)];
    const pledges: EventEnvelope[] = [];
    for (const [i, organizationId] of branches.entries()) {
      const memberId = `mem-${randomUUID()}`;
      events.push(
        envelopeOf(
          OrganizationRegistered,
          { organizationId, name: `支部${i}`, type: 'BRANCH', parentId: null, ...where, host: null },
          { aggregateId: organizationId, version: 1, ...where },
        ),
        envelopeOf(
          MemberRegistered,
          { memberId, name: '王芳', gender: 'FEMALE', birthYear: 1990, status: 'FULL', joinedOn: '2015-07-01', organizationId, employerName: null, employerCreditCode: null, ...where },
          { aggregateId: memberId, version: 1, ...where },
        ),
      );
      // Kept pledges (5 points each): 0–4 by branch, so averages tie in fives and the flag (20) goes to those with 4.
      for (let p = 0; p < i % 5; p++) {
        const pledgeId = `pl-${randomUUID()}`;
        pledges.push(
          envelopeOf(PledgeMade, { pledgeId, memberId, organizationId, content: '亮身份', dueOn: `${year}-12-31`, ...where }, { aggregateId: pledgeId, version: 1, ...where }),
          envelopeOf(PledgeFulfilled, { pledgeId, memberId, fulfilledOn: today, note: '已兑现' }, { aggregateId: pledgeId, version: 2, ...where }),
        );
      }
    }
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, events);
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.activities, pledges);

    const dashboard = await waitFor(
      async () => {
        const res = await get(`/api/dashboard?scope=zone&id=${zone}&period=${year}`);
        const flags = res.body.rankings?.flags;
        // Every pledge counted, not only the flagged branches': the top 20 average 20, 15, 10 and 5 points, five each.
        const counted = (flags?.top ?? []).reduce((sum: number, b: Branch) => sum + b.averagePoints, 0) === 250;
        return res.status === 200 && flags?.branches === 25 && flags.flagged === 5 && counted && res.body.members === 25 ? res.body : undefined;
      },
      'the dashboard to rank the 25 branches with their pledges',
      60_000,
    );
    expect(dashboard.rankings.flags.top).toHaveLength(20);

    const first = await flagsPage().expect(200);
    expect(first.body).toMatchObject({ period: year, branches: 25, flagged: 5 });
    expect(first.body.items).toEqual(dashboard.rankings.flags.top);

    const seen: Branch[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await flagsPage(`&limit=7${after ? `&after=${after}` : ''}`).expect(200);
      seen.push(...res.body.items);
      after = res.body.next;
      pages += 1;
    } while (after);
    expect(pages).toBe(4);
    expect(seen.map((b) => b.organizationId).sort()).toEqual([...branches].sort());
    const expectedOrder = [...branches].sort((a, b) => (branches.indexOf(b) % 5) - (branches.indexOf(a) % 5) || a.localeCompare(b));
    expect(seen.map((b) => b.organizationId)).toEqual(expectedOrder);
    expect(seen.slice(0, 5).every((b) => b.flag && b.averagePoints === 20)).toBe(true);
    expect(seen.slice(0, 20)).toEqual(dashboard.rankings.flags.top);

    // A malformed cursor, or another list's (a ranking's bare points), is a 400 naming `after`; another district is a 403.
    for (const bad of ['not-a-cursor', encodePageCursor('12.5', branches[0])]) {
      const res = await flagsPage(`&after=${bad}`).expect(400);
      expect(JSON.stringify(res.body)).toContain('after');
    }
    await get(`/api/dashboard/flags?scope=zone&id=${zone}`, otherDistrictAdmin).expect(403);
  });
  it('pages the scope’s organizations by name, each once, two of one name ordered by id', async () => {
    const twins = [`org-twin-b-${randomUUID()}`, `org-twin-a-${randomUUID()}`];
    await publishEnvelopes(
      infraEnv().KAFKA_BROKERS,
      CONTEXT_TOPICS.membership,
      twins.map((organizationId) =>
        envelopeOf(
          OrganizationRegistered,
          { organizationId, name: '同名党支部', type: 'BRANCH', parentId: null, ...where, host: null },
          { aggregateId: organizationId, version: 1, ...where },
        ),
      ),
    );
    const page = (more: string) => get(`/api/dashboard/organizations?scope=zone&id=${zone}${more}`);
    await waitFor(async () => (await page('&limit=500')).body.items?.length === 27, 'the gateway to know the 27 organizations', 30_000);
    const seen: Array<{ _id: string; name: string }> = [];
    let after: string | null = null;
    do {
      const res: request.Response = await page(`&limit=4${after ? `&after=${after}` : ''}`).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(4);
      seen.push(...res.body.items);
      after = res.body.next;
    } while (after);
    const expected = [...branches.map((id, i) => ({ _id: id, name: `支部${i}` })), ...twins.map((id) => ({ _id: id, name: '同名党支部' }))].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a._id < b._id ? -1 : 1,
    );
    expect(seen.map((o) => o._id)).toEqual(expected.map((o) => o._id));
    await page('&after=not-a-cursor').expect(400);
    await get(`/api/dashboard/organizations?scope=zone&id=${zone}`, otherDistrictAdmin).expect(403);
  });
});
