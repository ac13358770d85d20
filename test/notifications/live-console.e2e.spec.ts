import { INestApplication } from '@nestjs/common';
import { existsSync } from 'fs';
import * as path from 'path';
import { Page } from 'playwright-core';
import { CaseDispatched, CaseHandled, CaseReported, CONTEXT_TOPICS } from '@pb/contracts';
import { KafkaEventTransport } from '@pb/messaging';
import { createServiceApp, loadConfig } from '@pb/platform';
import { ConsoleBrowser, envelopeOf, freePort, infraEnv, openConsoleBrowser, publishEnvelopes, REPO_ROOT, serviceEnv, startServiceApp, TestApp, uniqueName, waitFor } from '@pb/testing';
import { OpenApiCatalogue } from '../../apps/gateway/src/application/queries/openapi-catalogue';
import { serveConsole } from '../../apps/gateway/src/console';
import { GATEWAY_DEFAULTS, GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { useSecurityHeaders } from '../../apps/gateway/src/security-headers';
import { MEMBERSHIP } from '../../apps/membership/test/membership-app';
import { LiveFeed } from '../../apps/notifications/src/application/live/live-feed';
import { NOTIFICATIONS } from '../../apps/notifications/test/notifications-app';

// Used inside page.evaluate() callbacks, which run in the browser (the test's tsconfig has no DOM types).
declare const window: { __notReloaded?: boolean };

const CONSOLE_INDEX = path.join(REPO_ROOT, 'dist/console/index.html');
const ADMIN = { username: 'live-console-admin', password: 'live console admin 01' };
const SECRETARY = { username: uniqueName('secretary'), password: 'secretary secret 0001' };

/**
 * 待办与通知 in the console, live: a secretary's console shows a to-do dispatched to their branch
 * without a reload, and moves it to done when the answering event arrives. Membership (for the
 * secretary's organization), notifications and the gateway (serving the built console, as
 * `main.ts` does) run in this process on the real broker and database; Debian's Chromium drives the page.
 */
describe('live to-dos in the web console (headless Chromium)', () => {
  let membership: TestApp;
  let notifications: TestApp;
  let gateway: INestApplication;
  let gatewayUrl = '';
  let page: Page;
  let pageErrors: string[] = [];
  let browser: ConsoleBrowser | undefined;
  const district = uniqueName('d');
  const subDistrict = uniqueName('sd');
  const zone = uniqueName('z');
  const organizationId = uniqueName('org');

  const call = async (method: string, p: string, token: string, body?: unknown) => {
    const res = await fetch(`${gatewayUrl}/api${p}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  };

  beforeAll(async () => {
    if (!existsSync(CONSOLE_INDEX)) throw new Error(`the web console is not built (${path.relative(REPO_ROOT, CONSOLE_INDEX)} is missing): run \`npm run console:build\``);

    membership = await startServiceApp(MEMBERSHIP);
    await membership.app.listen(0, '127.0.0.1');
    notifications = await startServiceApp(NOTIFICATIONS, { fromEnd: true });
    await notifications.app.listen(0, '127.0.0.1');
    const nobody = 'http://127.0.0.1:9';
    const env = serviceEnv('gateway', {
      config: GatewayConfig,
      env: {
        PORT: String(await freePort()),
        FIRST_ADMIN_USERNAME: ADMIN.username,
        FIRST_ADMIN_PASSWORD: ADMIN.password,
        MEMBERSHIP_URL: await membership.app.getUrl(),
        NOTIFICATIONS_URL: await notifications.app.getUrl(),
        ACTIVITIES_URL: nobody,
        GOVERNANCE_URL: nobody,
        ENTERPRISE_URL: nobody,
      },
    });
    const config = loadConfig(GatewayConfig, env, GATEWAY_DEFAULTS);
    // As the gateway's main.ts builds it: the console and security headers served ahead.
    gateway = await createServiceApp(GatewayModule.register(config), {
      title: 'gateway',
      consumer: (a) => a.get(KafkaEventTransport),
      openApiPatcher: (a) => a.get(OpenApiCatalogue),
      servedAhead: (a) => {
        useSecurityHeaders(a);
        serveConsole(a);
      },
    });
    await gateway.init();
    await gateway.startAllMicroservices();
    await gateway.listen(0, '127.0.0.1');
    gatewayUrl = await gateway.getUrl();

    const signIn = await fetch(`${gatewayUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(signIn.status).toBe(200);
    const admin = ((await signIn.json()) as { accessToken: string }).accessToken;
    for (const body of [
      { jurisdictionId: 'jining', level: 'CITY', name: '济宁市' },
      { jurisdictionId: district, level: 'DISTRICT', name: '通知测试区', parentId: 'jining' },
      { jurisdictionId: subDistrict, level: 'SUB_DISTRICT', name: '通知测试街道', parentId: district },
      { jurisdictionId: zone, level: 'ZONE', name: '通知测试商圈', parentId: subDistrict, zoneKind: 'BUSINESS_DISTRICT' },
    ]) {
      const res = await call('POST', '/membership/jurisdictions', admin, body);
      if (![201, 409].includes(res.status)) throw new Error(`registering ${body.jurisdictionId}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // Membership learns its jurisdictions from its own events: the organization is accepted once it has.
    let last: unknown;
    await waitFor(
      async () => {
        const res = await call('POST', '/membership/organizations', admin, {
          organizationId,
          name: '通知测试商圈党委',
          type: 'DISTRICT_COMMITTEE',
          districtId: district,
          subDistrictId: subDistrict,
          zoneId: zone,
        });
        last = res;
        return res.status === 201;
      },
      'the organization registered',
      30_000,
      500,
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(last)}`);
    });
    const secretary = await call('POST', '/users', admin, {
      ...SECRETARY,
      displayName: '支部书记',
      role: 'ORG_SECRETARY',
      organizationId,
      scope: { level: 'ZONE', districtId: district, subDistrictId: subDistrict, zoneId: zone },
    });
    expect(secretary).toMatchObject({ status: 201 });

    browser = await openConsoleBrowser('live-console');
    ({ page, pageErrors } = browser);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await notifications?.close();
    await membership?.close();
  });

  it("shows a to-do dispatched to the secretary's branch without a reload, and moves it to done when the case is handled", async () => {
    await page.goto(`${gatewayUrl}/console/`);
    await page.fill('[data-testid=sign-in-form] [name=username]', SECRETARY.username);
    await page.fill('[data-testid=sign-in-form] [name=password]', SECRETARY.password);
    await page.click('[data-testid=sign-in-form] button[type=submit]');
    await page.waitForSelector('[data-testid=current-user]');
    await page.click('[data-testid=notification-bell]');
    await page.waitForSelector('[data-testid=todo-list]');
    expect(await page.textContent('[data-testid=todo-list]')).toContain('暂无待办');
    // Set in the page now: a reload would lose it.
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    // The stream is open in the service before anything is published.
    await waitFor(async () => notifications.app.get(LiveFeed).size > 0, 'the console to open its stream', 15_000);

    const caseId = uniqueName('case');
    const place = { districtId: district, zoneId: zone };
    const assignee = { kind: 'ORGANIZATION' as const, id: organizationId };
    const now = () => new Date().toISOString();
    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, [
      envelopeOf(
        CaseReported,
        { ...CaseReported.example, caseId, districtId: district, subDistrictId: subDistrict, zoneId: zone, at: now(), dueAt: new Date(Date.now() + 86_400_000).toISOString() },
        { aggregateId: caseId, version: 1, ...place },
      ),
      envelopeOf(CaseDispatched, { ...CaseDispatched.example, caseId, assignee, at: now() }, { aggregateId: caseId, version: 2, ...place }),
    ]);
    const item = `[data-testid=todo-list] li:has-text("${caseId}")`;
    await page.waitForSelector(`${item}[data-state=OPEN]`);
    expect(await page.textContent(item)).toContain('待办理');
    await page.waitForSelector('[data-testid=bell-count]');
    expect(Number(await page.textContent('[data-testid=bell-count]'))).toBeGreaterThanOrEqual(1);

    await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.governance, [
      envelopeOf(CaseHandled, { ...CaseHandled.example, caseId, assignee, at: now() }, { aggregateId: caseId, version: 3, ...place }),
    ]);
    await page.waitForSelector(`${item}[data-state=DONE]`);
    expect(await page.textContent(item)).toContain('已办结');
    expect(await page.evaluate(() => window.__notReloaded === true)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
