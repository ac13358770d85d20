import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium, installed by `scripts/ensure-chromium.mjs` (which `npm test` runs). */
export const CHROMIUM = '/usr/bin/chromium';

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** The profile's folder (downloads can be saved there); removed by `close`. */
  profile: string;
  /** Errors the console's scripts threw. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** A headless Chromium as a Chinese desktop user has it (zh-CN, China time), in a profile of its own. */
export async function openConsoleBrowser(label: string, options: { acceptDownloads?: boolean } = {}): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`node scripts/ensure-chromium.mjs\` (npm test runs it)`);
  const profile = mkdtempSync(path.join(tmpdir(), `pb-${label}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: options.acceptDownloads ?? false,
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    context,
    page,
    profile,
    pageErrors,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
