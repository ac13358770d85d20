import { existsSync, mkdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { BrowserContext, Page, Route } from 'playwright-core';
import { AppProcess, ConsoleBrowser, freePort, idNumberFor, REPO_ROOT, openConsoleBrowser, serviceEnv, startAppProcess, uniqueName, waitFor } from '@pb/testing';

// Used inside page.evaluate() callbacks, which run in the browser (the test's tsconfig has no DOM types).
declare const localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
declare const location: { hash: string };
declare const document: { documentElement: { scrollWidth: number } };
declare function getComputedStyle(element: unknown, pseudo: string): { content: string };

const CONSOLE_INDEX = path.join(REPO_ROOT, 'dist/console/index.html');
const SCREENSHOT = path.join(REPO_ROOT, 'test-artifacts/console-dashboard.png');
const ADMIN = { username: 'console-admin', password: 'console admin secret 1' };
const ZONE_USER = { username: 'console-grid-a', password: 'grid worker secret 01' };
const LOCKED_USER = { username: 'console-locked', password: 'locked user secret 01' };
/** Five apps start at once against a shared database: give a busy machine time. */
const READY_MS = 180_000;

/**
 * The web console as a user meets it: the five apps as real processes on the
 * real broker and database, the built console served by the gateway, and
 * Debian's Chromium driven by playwright-core.
 */
describe('web console (headless Chromium)', () => {
  const apps: AppProcess[] = [];
  let gateway: AppProcess;
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  let pageErrors: string[] = [];
  let browser: ConsoleBrowser | undefined;
  const district = uniqueName('d');
  const subDistrict = uniqueName('sd');
  const zoneA = uniqueName('za');
  const zoneB = uniqueName('zb');
  const otherDistrict = uniqueName('d2');
  const names = { district: '控制台测试区', subDistrict: '控制台街道', zoneA: '甲片区商圈', zoneB: '乙片区园区', otherDistrict: '其他区县' };
  const memberId = uniqueName('mem');
  const fullId = idNumberFor('1988-03-15', 2, '370802');
  let adminToken = '';

  const call = async (method: string, p: string, body?: unknown, token = adminToken) => {
    const res = await fetch(`${gateway.url}/api${p}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  };

  const signInThroughPage = async (user: { username: string; password: string }) => {
    await page.fill('[data-testid=sign-in-form] [name=username]', user.username);
    await page.fill('[data-testid=sign-in-form] [name=password]', user.password);
    await page.click('[data-testid=sign-in-form] button[type=submit]');
  };

  /** Submits a form and waits for its answer; a refusal fails with the message the page shows. */
  const submit = async (testId: string) => {
    await page.click(`[data-testid=${testId}] button[type=submit]`);
    await page.waitForSelector(`[data-testid=${testId}-success], [data-testid=${testId}-error]`);
    if (await page.isVisible(`[data-testid=${testId}-error]`)) throw new Error(`${testId} was refused: ${await page.textContent(`[data-testid=${testId}-error]`)}`);
  };

  const go = async (route: string) => {
    await page.click(`[data-testid=nav-${route}]`);
  };

  beforeAll(async () => {
    if (!existsSync(CONSOLE_INDEX)) {
      throw new Error(`the web console is not built (${path.relative(REPO_ROOT, CONSOLE_INDEX)} is missing): run \`npm run console:build\` (npm test builds it)`);
    }

    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    // Each app is kept as soon as it is up, so afterAll stops it even when another failed to start.
    const started = (app: Promise<AppProcess>) => app.then((a) => (apps.push(a), a));
    const [membership, activities, governance, enterprise] = await Promise.all([
      started(startAppProcess('membership', ports[0], serviceEnv('membership'), READY_MS)),
      started(startAppProcess('activities', ports[1], serviceEnv('activities'), READY_MS)),
      started(startAppProcess('governance', ports[2], serviceEnv('governance'), READY_MS)),
      started(startAppProcess('enterprise', ports[3], serviceEnv('enterprise'), READY_MS)),
    ]);
    const env = {
      // The gateway's default grace window (30 s) for a spent refresh token, as deployed: the Web Lock alone cannot
      // guarantee that a tab sees the token another tab stored (localStorage reaches other tabs' renderers a moment
      // later), so the window is what keeps two tabs refreshing at once signed in; the lock saves most second refreshes.
      FIRST_ADMIN_USERNAME: ADMIN.username,
      FIRST_ADMIN_PASSWORD: ADMIN.password,
      MEMBERSHIP_URL: membership.url,
      ACTIVITIES_URL: activities.url,
      GOVERNANCE_URL: governance.url,
      ENTERPRISE_URL: enterprise.url,
    };
    gateway = await started(startAppProcess('gateway', ports[4], serviceEnv('gateway', { env }), READY_MS));

    const signIn = await fetch(`${gateway.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(signIn.status).toBe(200);
    adminToken = ((await signIn.json()) as { accessToken: string }).accessToken;
    for (const [body, expected] of [
      [{ jurisdictionId: 'jining', level: 'CITY', name: '济宁市' }, [201, 409]],
      [{ jurisdictionId: district, level: 'DISTRICT', name: names.district, parentId: 'jining' }, [201]],
      [{ jurisdictionId: otherDistrict, level: 'DISTRICT', name: names.otherDistrict, parentId: 'jining' }, [201]],
      [{ jurisdictionId: subDistrict, level: 'SUB_DISTRICT', name: names.subDistrict, parentId: district }, [201]],
      [{ jurisdictionId: zoneA, level: 'ZONE', name: names.zoneA, parentId: subDistrict, zoneKind: 'BUSINESS_DISTRICT' }, [201]],
      [{ jurisdictionId: zoneB, level: 'ZONE', name: names.zoneB, parentId: subDistrict, zoneKind: 'INDUSTRIAL_PARK' }, [201]],
    ] as const) {
      const res = await call('POST', '/membership/jurisdictions', body);
      if (!(expected as readonly number[]).includes(res.status)) throw new Error(`registering ${body.jurisdictionId}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const user of [
      { ...ZONE_USER, displayName: '甲片区网格员', role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: district, subDistrictId: subDistrict, zoneId: zoneA } },
      { ...LOCKED_USER, displayName: '锁定测试', role: 'ANALYST', scope: { level: 'DISTRICT', districtId: district } },
    ]) {
      expect((await call('POST', '/users', user)).status).toBe(201);
    }

    browser = await openConsoleBrowser('console-chromium', { acceptDownloads: true });
    ({ context, page, profile, pageErrors } = browser);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(apps.map((a) => a.stop()));
  });

  afterEach(() => {
    // A script error in the page fails the test that caused it.
    expect(pageErrors).toEqual([]);
  });

  it('is served by the gateway without shadowing /api, /docs, /health or /metrics', async () => {
    const root = await fetch(`${gateway.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const index = await fetch(`${gateway.url}/console/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    expect((await fetch(`${gateway.url}/console/members`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/console/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/api/dashboard`)).status).toBe(401);
    expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/docs`)).status).toBe(200);
  });

  it('shows clear sign-in errors, including the lockout after repeated failures', async () => {
    await page.goto(`${gateway.url}/`);
    await page.waitForSelector('[data-testid=sign-in-form]');
    await page.click('[data-testid=sign-in-form] button[type=submit]');
    expect(await page.textContent('[data-testid=sign-in-error]')).toContain('请输入用户名和密码');

    await signInThroughPage({ username: ADMIN.username, password: 'not the password' });
    await page.waitForSelector('[data-testid=sign-in-error][data-status="401"]');
    expect(await page.textContent('[data-testid=sign-in-error]')).toContain('用户名或密码错误');

    for (let i = 0; i < 5; i++) {
      await signInThroughPage({ username: LOCKED_USER.username, password: `wrong password ${i}` });
      await page.waitForSelector('[data-testid=sign-in-error][data-status="401"]');
    }
    await signInThroughPage(LOCKED_USER);
    await page.waitForSelector('[data-testid=sign-in-error][data-status="429"]');
    expect(await page.textContent('[data-testid=sign-in-error]')).toMatch(/登录失败次数过多，请 \d+ 分钟后再试/);
  });

  it('signs in, registers an organization through the form and lists it for the selected zone', async () => {
    await signInThroughPage(ADMIN);
    await page.waitForSelector('[data-testid=current-user]');
    expect(await page.textContent('[data-testid=current-user]')).toContain('市级管理员');

    // The switcher narrows city → district → sub-district → zone.
    await page.waitForSelector(`[data-testid=switch-district] option[value="${district}"]`, { state: 'attached' });
    await page.selectOption('[data-testid=switch-district]', district);
    await page.waitForSelector(`[data-testid=switch-sub-district] option[value="${subDistrict}"]`, { state: 'attached' });
    await page.selectOption('[data-testid=switch-sub-district]', subDistrict);
    await page.waitForSelector(`[data-testid=switch-zone] option[value="${zoneA}"]`, { state: 'attached' });
    await page.selectOption('[data-testid=switch-zone]', zoneA);

    await go('organizations');
    await page.click('[data-testid=open-organization-form]');
    const form = '[data-testid=form-organization]';
    // The jurisdiction fields come from the switcher.
    expect(await page.inputValue(`${form} [name=zoneId]`)).toBe(zoneA);
    expect(await page.inputValue(`${form} [name=districtId]`)).toBe(district);
    await page.fill(`${form} [name=name]`, '甲片区联合党委');
    await page.selectOption(`${form} [name=type]`, 'JOINT_COMMITTEE');
    await page.fill(`${form} [name=organizationId]`, `org-${zoneA}`);
    await submit('form-organization');
    await page.waitForSelector(`[data-testid=list-organizations] td:text-is("org-${zoneA}")`);
    expect(await page.textContent('[data-testid=list-organizations] tbody')).toContain('联合党委');
  });

  it('shows the API validation errors next to the member form and creates nothing', async () => {
    await go('members');
    await page.click('[data-testid=open-member-form]');
    const form = '[data-testid=form-member]';
    await page.fill(`${form} [name=name]`, '张明');
    await page.fill(`${form} [name=birthDate]`, '1988-03-15');
    await page.fill(`${form} [name=idNumber]`, '12345');
    await page.fill(`${form} [name=phone]`, '13800001234');
    await page.fill(`${form} [name=joinedOn]`, '2012-07-01');
    await page.fill(`${form} [name=organizationId]`, `org-${zoneA}`);
    await page.fill(`${form} [name=memberId]`, memberId);
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector('[data-testid=form-member-error][data-status="400"]');
    expect(await page.textContent('[data-testid=form-member-error]')).toContain('提交的内容有误');
    expect(await page.textContent('[data-testid=field-error-idNumber]')).toContain('idNumber 须为 18 位居民身份证号码');
    expect((await call('GET', `/membership/members?zoneId=${zoneA}`)).body.items).toEqual([]);
  });

  it('registers a member and lists them with the ID number masked', async () => {
    const form = '[data-testid=form-member]';
    await page.fill(`${form} [name=idNumber]`, fullId);
    await submit('form-member');
    const row = page.locator('[data-testid=list-members] tbody tr', { hasText: memberId });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('张明');
    expect(text).toContain(`${fullId.slice(0, 4)}**********${fullId.slice(-4)}`);
    expect(text).toContain('138****1234');
    expect(text).not.toContain(fullId);
  });

  it('exports the member list as a CSV file Excel reads: UTF-8 BOM, Chinese headers, masked numbers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=list-members-export]')]);
    expect(download.suggestedFilename()).toMatch(/^党员_.*\.csv$/);
    const file = path.join(profile, 'members.csv');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const [header, ...rows] = text.split('\r\n').filter(Boolean);
    expect(header.split(',')).toEqual(expect.arrayContaining(['党员编号', '姓名', '身份证号', '手机号', '所在党组织']));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(memberId);
    expect(rows[0]).toContain('张明');
    expect(rows[0]).toContain(`${fullId.slice(0, 4)}**********${fullId.slice(-4)}`);
    expect(text).not.toContain(fullId);
  });

  it('finds a member by part of the name or the exact ID number, and says when nobody matches', async () => {
    const list = '[data-testid=list-members]';
    const search = async (field: string, value: string) => {
      for (const name of ['name', 'idNumber', 'phone']) await page.fill(`${list} .filters [name=${name}]`, name === field ? value : '');
      await page.click(`${list} .filters button[type=submit]`);
    };
    await search('idNumber', fullId);
    await page.locator(`${list} tbody tr`, { hasText: memberId }).waitFor();
    expect(await page.locator(`${list} tbody tr`).count()).toBe(1);
    await search('name', '明');
    await page.locator(`${list} tbody tr`, { hasText: memberId }).waitFor();
    await search('name', '不存在的人');
    await page.locator(`${list} td.empty`).waitFor();
    // A partial ID number is not a search: the service says what it needs.
    await search('idNumber', fullId.slice(0, 10));
    await page.waitForSelector(`[data-testid=list-members-error]`);
    expect(await page.textContent('[data-testid=list-members-error]')).toContain('18 位');
    await search('name', '');
  });

  it('creates an activity through the form once the activities service knows the organization', async () => {
    await go('activities');
    await page.click('[data-testid=open-activity-form]');
    const form = '[data-testid=form-activity]';
    await page.fill(`${form} [name=title]`, '“亮身份、作承诺”主题党日');
    await page.selectOption(`${form} [name=kind]`, 'THEME_PARTY_DAY');
    await page.fill(`${form} [name=organizerIds]`, `org-${zoneA}`);
    await page.fill(`${form} [name=venue]`, '万达广场党群服务站');
    await page.fill(`${form} [name=startsAt]`, '2030-07-01T09:00');
    await page.fill(`${form} [name=endsAt]`, '2030-07-01T11:00');
    // The organization reaches the activities service through its event a moment later: until then a 4xx says so.
    await waitFor(
      async () => {
        await page.click(`${form} button[type=submit]`);
        await page.waitForSelector(`[data-testid=form-activity-success], [data-testid=form-activity-error]`);
        if (await page.isVisible('[data-testid=form-activity-success]')) return true;
        const status = await page.getAttribute('[data-testid=form-activity-error]', 'data-status');
        expect(['404', '422']).toContain(status);
        await page.waitForTimeout(500);
        return false;
      },
      'the activity to be created',
      60_000,
      0,
    );
    await page.locator('[data-testid=list-activities] tbody tr', { hasText: '主题党日' }).waitFor();
  }, 120_000);

  it('renders the case and enterprise request lists and the event catalogue (or says it is not there yet)', async () => {
    for (const [route, list] of [
      ['cases', 'list-cases'],
      ['requests', 'list-requests'],
    ]) {
      await go(route);
      await page.waitForSelector(`[data-testid=${list}] table`);
      await page.waitForSelector(`[data-testid=${list}] .pager span:not(:has-text("加载中"))`);
      expect(await page.isVisible(`[data-testid=${list}-error]`)).toBe(false);
    }
    // A bad case report shows the service's messages next to the form.
    await go('cases');
    await page.click('[data-testid=open-case-form]');
    await page.click('[data-testid=form-case] button[type=submit]');
    await page.waitForSelector('[data-testid=form-case-error][data-status="400"]');
    expect(await page.textContent('[data-testid=form-case-error]')).toMatch(/title|description|gridId/);

    await go('events');
    await page.waitForSelector('[data-testid=events-missing], details.event');
  });

  it('reports a case through the form and moves it through its loop, refusing a step out of order', async () => {
    const gridId = uniqueName('grid');
    // Governance learns of the zone from membership's event a moment after it was registered.
    await waitFor(
      async () => (await call('POST', '/governance/grids', { gridId, name: '甲片区第一网格', zoneId: zoneA })).status === 201,
      'governance to accept a grid in the zone',
      60_000,
      500,
    );
    await go('cases');
    await page.click('[data-testid=open-case-form]');
    const form = '[data-testid=form-case]';
    await page.fill(`${form} [name=title]`, '商户噪音纠纷');
    await page.selectOption(`${form} [name=kind]`, 'DISPUTE');
    await page.fill(`${form} [name=description]`, '夜间装修噪音影响周边商户营业');
    await page.fill(`${form} [name=gridId]`, gridId);
    await submit('form-case');
    const row = page.locator('[data-testid=list-cases] tbody tr', { hasText: '商户噪音纠纷' });
    await row.waitFor();
    expect(await row.textContent()).toContain('已上报');

    // 流转 on the row fills the step form with the case and its version.
    await row.locator('button', { hasText: '流转' }).click();
    const move = '[data-testid=form-case-move]';
    await page.waitForSelector(move);
    expect(await page.inputValue(`${move} [name=caseId]`)).toMatch(/^case-/);
    await submit('form-case-move');
    expect(await page.textContent('[data-testid=form-case-move-success]')).toContain('已受理');
    await page.locator('[data-testid=list-cases] tbody tr', { hasText: '已受理' }).waitFor();

    // Closing an accepted case skips the loop: the 409 names the state and the allowed steps.
    await page.selectOption(`${move} [name=action]`, 'close');
    await page.fill(`${move} [name=expectedVersion]`, '');
    await page.click(`${move} button[type=submit]`);
    await page.waitForSelector('[data-testid=form-case-move-error][data-status="409"]');
    expect(await page.textContent('[data-testid=form-case-move-error]')).toContain('与当前状态冲突');
  }, 120_000);

  it('shows the dashboard with charts for the zone and keeps a screenshot', async () => {
    await go('dashboard');
    // The gateway learns of the records from the events: refresh until the figures arrive.
    await waitFor(
      async () => {
        await page.click('[data-testid=dashboard] .list-toolbar button');
        await page.waitForSelector('[data-testid=dashboard-cards]');
        const orgs = await page.textContent('[data-testid=dashboard-cards] [data-figure=organizations] .card-value');
        const members = await page.textContent('[data-testid=dashboard-cards] [data-figure=members] .card-value');
        return orgs === '1' && members === '1';
      },
      'the dashboard to count the organization and the member',
      60_000,
      500,
    );
    expect(await page.textContent('[data-testid=dashboard] h2')).toContain(names.zoneA);
    // 两新 coverage as a card of its own, and each of the four sources with its state beside its time.
    expect(await page.textContent('[data-testid=dashboard-cards] [data-figure="coverage.rate"] .card-label')).toBe('两新党建覆盖率');
    expect(await page.locator('[data-testid=dashboard-freshness] tr[data-source]').count()).toBe(4);
    await page.waitForSelector('[data-testid=chart-overview] canvas');
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);

  it('refreshes an expired access token without asking the user to sign in again', async () => {
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('pb.console.session')!) as { accessToken: string; refreshToken: string });
    // An access token the gateway refuses, as an expired one would be.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('pb.console.session')!);
      localStorage.setItem('pb.console.session', JSON.stringify({ ...s, accessToken: 'expired.token.value' }));
    });
    await page.reload();
    await go('organizations');
    await page.waitForSelector(`[data-testid=list-organizations] td:text-is("org-${zoneA}")`);
    const after = await page.evaluate(() => JSON.parse(localStorage.getItem('pb.console.session')!) as { accessToken: string; refreshToken: string });
    expect(after.refreshToken).not.toBe(stored.refreshToken);
    expect(after.accessToken).not.toBe('expired.token.value');
  });

  /** Makes the stored access token one the gateway refuses, as an expired one would be, so the next call refreshes. */
  const expireAccessToken = (p: Page) =>
    p.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('pb.console.session')!);
      localStorage.setItem('pb.console.session', JSON.stringify({ ...s, accessToken: 'expired.token.value' }));
    });

  it('keeps the session when refreshing answers 429 or 5xx, and ends it only on 401', async () => {
    for (const status of [429, 503, 500]) {
      await page.route('**/api/auth/refresh', (route) =>
        route.fulfill({
          status,
          contentType: 'application/json',
          headers: status === 429 ? { 'retry-after': '30' } : {},
          body: JSON.stringify({ statusCode: status, message: '测试：暂时无法续期' }),
        }),
      );
      await expireAccessToken(page);
      await page.reload();
      await go('organizations');
      await page.waitForSelector('[data-testid=current-user]');
      // The page says the call failed, and the user stays signed in with the session kept for the next try.
      await page.waitForSelector('.content [role=alert]');
      expect(await page.isVisible('[data-testid=sign-in-form]')).toBe(false);
      expect(await page.evaluate(() => localStorage.getItem('pb.console.session'))).not.toBeNull();
      await page.unroute('**/api/auth/refresh');
    }
    // The gateway answers again: the same session refreshes and the list loads.
    await page.reload();
    await go('organizations');
    await page.waitForSelector(`[data-testid=list-organizations] td:text-is("org-${zoneA}")`);
    expect(await page.isVisible('[data-testid=sign-in-form]')).toBe(false);
    // A refused refresh token (401) ends it, with the gateway's reason.
    await page.route('**/api/auth/refresh', (route) =>
      route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ statusCode: 401, message: '续期令牌无效或已使用，请重新登录' }) }),
    );
    await expireAccessToken(page);
    await page.reload();
    await page.waitForSelector('[data-testid=sign-in-form]');
    expect(await page.textContent('.sign-in')).toContain('请重新登录');
    await page.unroute('**/api/auth/refresh');
    await signInThroughPage(ADMIN);
    await page.waitForSelector('[data-testid=current-user]');
  });

  it('lets two tabs refresh at once without revoking each other’s session', async () => {
    const second = await context.newPage();
    second.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await second.goto(`${gateway.url}/console/`);
      await second.waitForSelector('[data-testid=current-user]');
      await expireAccessToken(page);
      // Both tabs start with the same refresh token; each refresh is held until the other's arrives (or 3 s pass).
      const arrived: Route[] = [];
      await context.route('**/api/auth/refresh', async (route) => {
        arrived.push(route);
        await waitFor(async () => arrived.length >= 2, 'the other tab’s refresh', 3000, 50).catch(() => undefined);
        await route.continue();
      });
      await Promise.all([page.reload(), second.reload()]);
      await Promise.all([go('organizations'), second.click('[data-testid=nav-organizations]')]);
      for (const tab of [page, second]) await tab.waitForSelector(`[data-testid=list-organizations] td:text-is("org-${zoneA}")`);
      await context.unroute('**/api/auth/refresh');
      // The session lives on in both: another refresh works, in either tab.
      await expireAccessToken(second);
      await second.reload();
      await second.click('[data-testid=nav-organizations]');
      await second.waitForSelector(`[data-testid=list-organizations] td:text-is("org-${zoneA}")`);
      for (const tab of [page, second]) expect(await tab.isVisible('[data-testid=sign-in-form]')).toBe(false);
      expect(arrived.length).toBeGreaterThanOrEqual(1);
    } finally {
      await second.close();
    }
  });

  it('signs out: the session is gone and its refresh token no longer works', async () => {
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('pb.console.session')!) as { refreshToken: string });
    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('[data-testid=sign-in-form]');
    expect(await page.evaluate(() => localStorage.getItem('pb.console.session'))).toBeNull();
    await waitFor(async () => {
      const res = await fetch(`${gateway.url}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: stored.refreshToken }),
      });
      return res.status === 401;
    }, 'the refresh token to be revoked');
  });

  it('offers a zone-scoped user only their own zone in the jurisdiction switcher', async () => {
    await signInThroughPage(ZONE_USER);
    await page.waitForSelector('[data-testid=current-user]');
    expect(await page.textContent('[data-testid=current-user]')).toContain('网格员');
    await page.waitForSelector(`[data-testid=switch-zone] option[value="${zoneA}"]`, { state: 'attached' });
    const offered = await page.$$eval('[data-testid=jurisdiction-switcher] option', (opts) =>
      opts.map((o) => ({ value: (o as unknown as { value: string }).value, text: o.textContent ?? '' })),
    );
    const values = offered.map((o) => o.value);
    expect(values).toContain(zoneA);
    for (const outside of [zoneB, otherDistrict]) expect(values).not.toContain(outside);
    const texts = offered.map((o) => o.text).join(' ');
    for (const outside of [names.zoneB, names.otherDistrict]) expect(texts).not.toContain(outside);
    expect(await page.isDisabled('[data-testid=switch-zone]')).toBe(true);
    // The administrators' pages are not offered, and their address leads to the dashboard.
    for (const adminPage of ['users', 'reveals']) expect(await page.locator(`[data-testid=nav-${adminPage}]`).count()).toBe(0);
    await page.evaluate(() => (location.hash = '#/users'));
    await page.waitForSelector('[data-testid=nav-dashboard].active');
    // The dashboard shows their zone.
    await go('dashboard');
    await page.waitForSelector('[data-testid=dashboard-cards]');
    expect(await page.textContent('[data-testid=dashboard] h2')).toContain(names.zoneA);
  });

  it('asks a user whose password an administrator reset for a new one before anything else', async () => {
    const user = { username: 'console-reset', password: 'reset user secret 0001' };
    const created = await call('POST', '/users', { ...user, displayName: '重置测试', role: 'ANALYST', scope: { level: 'DISTRICT', districtId: district } });
    expect(created.status).toBe(201);
    const temporary = 'temporary secret 2024';
    expect((await call('POST', `/users/${String(created.body.userId)}/password-reset`, { temporaryPassword: temporary })).status).toBe(200);
    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('[data-testid=sign-in-form]');
    await signInThroughPage({ username: user.username, password: temporary });
    await page.waitForSelector('[data-testid=change-password-form]');
    await page.fill('[data-testid=change-password-form] [name=newPassword]', 'my chosen secret 8899');
    await page.fill('[data-testid=change-password-form] [name=repeatPassword]', 'my chosen secret 8899');
    await page.click('[data-testid=change-password-form] button[type=submit]');
    await page.waitForSelector('[data-testid=current-user]');
    expect(await page.textContent('[data-testid=current-user]')).toContain('重置测试');
  });

  // ------------------------------------------------------------ 用户管理 and 查看留痕

  const MANAGED = { username: 'console-managed', displayName: '被管理的网格员', password: 'managed user secret 01' };
  const signInByApi = ({ username, password }: { username: string; password: string }) =>
    fetch(`${gateway.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const userRow = (username: string) => page.locator('[data-testid=list-users] tbody tr', { hasText: username });
  /** Opens an action on a user's row and, for those that only need a yes, confirms it. */
  const userAction = async (action: string, username: string, confirm = true) => {
    await page.click(`[data-testid=user-${action}-${username}]`);
    await page.waitForSelector('[data-testid=user-action]');
    if (!confirm) return;
    await page.click('[data-testid=user-action-confirm]');
    await page.waitForSelector('[data-testid=user-action-success], [data-testid=user-action-error]');
    if (await page.isVisible('[data-testid=user-action-error]')) throw new Error(`${action} was refused: ${await page.textContent('[data-testid=user-action-error]')}`);
  };
  const signInAsAdmin = async () => {
    if (await page.isVisible('[data-testid=sign-out]')) {
      await page.click('[data-testid=sign-out]');
      await page.waitForSelector('[data-testid=sign-in-form]');
    }
    await signInThroughPage(ADMIN);
    await page.waitForSelector('[data-testid=current-user]');
  };

  it('lets an administrator create a user on the users page, refusing a weak password without creating anything', async () => {
    await signInAsAdmin();
    await go('users');
    await page.waitForSelector('[data-testid=list-users] tbody tr');
    await page.click('[data-testid=open-user-form]');
    const form = '[data-testid=form-user]';
    await page.fill(`${form} [name=username]`, MANAGED.username);
    await page.fill(`${form} [name=displayName]`, MANAGED.displayName);
    await page.selectOption(`${form} [name=role]`, 'GRID_WORKER');
    await page.fill(`${form} [name=districtId]`, district);
    await page.fill(`${form} [name=subDistrictId]`, subDistrict);
    await page.fill(`${form} [name=zoneId]`, zoneA);
    await page.fill(`${form} [name=password]`, 'short');
    await page.click(`${form} button[type=submit]`);
    await page.waitForSelector('[data-testid=form-user-error]');
    expect(await page.textContent('[data-testid=form-user-error]')).toMatch(/密码/);
    expect((await call('GET', `/users?q=${MANAGED.username}`)).body).toEqual([]);

    await page.fill(`${form} [name=password]`, MANAGED.password);
    await submit('form-user');
    await page.fill('[data-testid=list-users] [name=q]', MANAGED.username);
    await page.click('[data-testid=list-users] .filters button[type=submit]');
    const row = userRow(MANAGED.username);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(MANAGED.displayName);
    expect(text).toContain('网格员');
    expect(text).toContain(zoneA);
    expect(text).toContain('启用');
    expect((await signInByApi(MANAGED)).status).toBe(200);
  });

  it('signs a user out everywhere, disables and enables them, and moves them to another zone from their row', async () => {
    const before = (await (await signInByApi(MANAGED)).json()) as { accessToken: string };
    const me = async (token: string) => (await fetch(`${gateway.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await me(before.accessToken)).toBe(200);

    await userAction('revoke', MANAGED.username);
    expect(await me(before.accessToken)).toBe(401);

    await userAction('disable', MANAGED.username);
    await page.waitForSelector(`[data-testid=user-enable-${MANAGED.username}]`);
    expect(await userRow(MANAGED.username).textContent()).toContain('已停用');
    const refused = await signInByApi(MANAGED);
    expect(refused.status).toBe(401);
    expect(JSON.stringify(await refused.json())).toContain('账号已停用');

    await userAction('enable', MANAGED.username);
    await page.waitForSelector(`[data-testid=user-disable-${MANAGED.username}]`);
    expect((await signInByApi(MANAGED)).status).toBe(200);

    await userAction('reassign', MANAGED.username, false);
    expect(await page.inputValue('[data-testid=form-user-reassign] [name=zoneId]')).toBe(zoneA);
    await page.fill('[data-testid=form-user-reassign] [name=zoneId]', zoneB);
    await submit('form-user-reassign');
    await userRow(MANAGED.username).filter({ hasText: zoneB }).waitFor();
    const moved = await call('GET', `/users?q=${MANAGED.username}`);
    expect((moved.body as unknown as Array<{ scope: { zoneId: string } }>)[0].scope.zoneId).toBe(zoneB);
    await page.click('[data-testid=user-action-close]');
  });

  it('resets a user’s password from their row: the temporary password asks for a new one at sign-in', async () => {
    await userAction('reset', MANAGED.username, false);
    await page.fill('[data-testid=form-user-reset] [name=temporaryPassword]', 'temporary managed 2026');
    await submit('form-user-reset');
    await userRow(MANAGED.username).filter({ hasText: '待设置新密码' }).waitFor();
    expect((await signInByApi(MANAGED)).status).toBe(401);
    const temporary = await signInByApi({ username: MANAGED.username, password: 'temporary managed 2026' });
    expect(temporary.status).not.toBe(200);
    expect(JSON.stringify(await temporary.json())).toMatch(/新密码|MUST_CHANGE_PASSWORD/);
    await page.click('[data-testid=user-action-close]');
  });

  it('shows administrators who viewed a member’s full ID number, with the viewer’s name', async () => {
    const revealed = await call('GET', `/membership/members/${memberId}?reveal=true`);
    expect(revealed.status).toBe(200);
    expect(revealed.body.idNumber).toBe(fullId);
    await go('reveals');
    await page.fill('[data-testid=list-reveals] [name=memberId]', memberId);
    await page.click('[data-testid=list-reveals] .filters button[type=submit]');
    const row = page.locator('[data-testid=list-reveals] tbody tr', { hasText: ADMIN.username });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(memberId);
    expect(text).toContain('市级管理员');
    expect(text).toContain('查看完整号码');
    expect(text).not.toContain(fullId);
  });

  it('works on a phone: the users page fits the screen, rows read as cards and their actions work', async () => {
    const phone = await context.newPage();
    phone.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${gateway.url}/#/users`);
      await phone.waitForSelector('[data-testid=list-users] tbody tr');
      await phone.fill('[data-testid=list-users] [name=q]', MANAGED.username);
      await phone.click('[data-testid=list-users] .filters button[type=submit]');
      const row = phone.locator('[data-testid=list-users] tbody tr', { hasText: MANAGED.username });
      await row.waitFor();
      // Nothing wider than the screen, and each value under its column's name.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await phone.isVisible('[data-testid=list-users] thead')).toBe(false);
      const cellLabel = await row
        .locator('td')
        .first()
        .evaluate((td) => getComputedStyle(td, '::before').content);
      expect(cellLabel).toContain('用户名');
      const button = phone.locator(`[data-testid=user-revoke-${MANAGED.username}]`);
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.height).toBeGreaterThanOrEqual(30);
      await button.click();
      await phone.click('[data-testid=user-action-confirm]');
      await phone.waitForSelector('[data-testid=user-action-success]');
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await phone.screenshot({ path: path.join(path.dirname(SCREENSHOT), 'console-users-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
