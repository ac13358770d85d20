import { infraEnv, waitFor } from '@pb/testing';
import { Stack, SERVICES, ServiceName } from '../support/stack';
import { Area, buildArea } from '../support/world';

/** What the dashboard says of one source context. */
interface Source {
  lastEventAt: string | null;
  reachable: boolean;
  stale: boolean;
  staleAfterSeconds: number;
}

const STALE_AFTER_SECONDS = 3;

/**
 * The dashboards answer from the gateway's own read models while any one service is stopped,
 * at every scope, and name the stopped service's source as stale (#18, item 4). One set of
 * processes; each service is stopped and started again once.
 */
describe('dashboards with a service down', () => {
  const stack = new Stack('dash', infraEnv(), { gateway: { SOURCE_STALE_AFTER_SECONDS: String(STALE_AFTER_SECONDS) } });
  let area: Area;
  const scopes = () =>
    [
      ['city', undefined],
      ['district', area.districtId],
      ['subDistrict', area.subDistrictId],
      ['zone', area.zoneId],
    ] as const;
  const dashboard = (scope: string, id?: string) => stack.call('GET', `/dashboard?scope=${scope}${id ? `&id=${id}` : ''}`);
  /** buildArea's activity is best effort: without it, activities has published nothing yet. */
  const withEvents = (service: ServiceName) => service !== 'activities' || !!area.activityId;
  const sourcesNow = async (): Promise<Record<ServiceName, Source>> => (await dashboard('zone', area.zoneId)).body.sources;

  beforeAll(async () => {
    await stack.start();
    area = await buildArea(stack, 'A');
  }, 600_000);

  afterAll(async () => {
    await stack.stop();
  });

  it('answers 200 with figures at every scope while each service in turn is stopped, naming that source stale', async () => {
    // Every source has reached the gateway's read models and answers its probe.
    await waitFor(
      async () => {
        const res = await dashboard('zone', area.zoneId);
        if (res.status !== 200) return false;
        const s = res.body.sources as Record<ServiceName, Source>;
        return res.body.organizations >= 1 && res.body.cases.open >= 1 && SERVICES.every((c) => (s[c].lastEventAt || !withEvents(c)) && s[c].reachable && !s[c].stale);
      },
      'every source to be fresh on the zone dashboard',
      120_000,
      500,
    );
    const before = (await dashboard('zone', area.zoneId)).body;

    for (const service of SERVICES) {
      await stack.apps[service].stop('SIGKILL');
      await waitFor(async () => (await sourcesNow())[service]?.stale === true, `${service} to be reported stale`, 60_000, 500);
      for (const [scope, id] of scopes()) {
        const res = await dashboard(scope, id);
        const s = res.body.sources as Record<ServiceName, Source>;
        expect({ service, scope, status: res.status }).toEqual({ service, scope, status: 200 });
        expect({ service, scope, stopped: s[service] }).toMatchObject({ service, scope, stopped: { stale: true, reachable: false, staleAfterSeconds: STALE_AFTER_SECONDS } });
        expect({ service, scope, others: SERVICES.filter((c) => c !== service && s[c].stale) }).toEqual({ service, scope, others: [] });
        // The figures are there, from the read models: the stopped service's as they were.
        expect(res.body).toMatchObject({
          organizations: expect.any(Number),
          members: expect.any(Number),
          activities: expect.any(Object),
          cases: expect.any(Object),
          coverage: expect.any(Object),
        });
        expect(res.body.organizations).toBeGreaterThanOrEqual(1);
        expect(res.body.cases.open).toBeGreaterThanOrEqual(1);
        expect(res.body.enterpriseRequests.open).toBeGreaterThanOrEqual(1);
        if (withEvents(service)) expect(new Date(s[service].lastEventAt!).getTime()).toBeGreaterThan(0);
      }
      // Figures of the zone unchanged by the outage.
      const zone = (await dashboard('zone', area.zoneId)).body;
      expect({ service, organizations: zone.organizations, members: zone.members, cases: zone.cases, requests: zone.enterpriseRequests }).toEqual({
        service,
        organizations: before.organizations,
        members: before.members,
        cases: before.cases,
        requests: before.enterpriseRequests,
      });
      await stack.startApp(service);
      await waitFor(async () => (await sourcesNow())[service]?.stale === false, `${service} to be fresh again`, 60_000, 500);
    }
  }, 900_000);
});
