#!/usr/bin/env node
// The browser test drives Debian's `chromium` package with playwright-core (no
// downloaded browser builds). Installs it with apt-get when /usr/bin/chromium is
// missing; `npm test` runs this before jest. Exit code 0 when the browser is there.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';

function say(message) {
  process.stderr.write(`[platform] ${message}\n`);
}

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' },
  });
  return result.status === 0;
}

/** Chinese text in screenshots needs a CJK font; without one Chromium draws empty boxes. */
const CJK_FONT_DIRS = ['/usr/share/fonts/truetype/wqy', '/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/noto-cjk'];

/** Returns true when chromium is (now) installed; never throws, so a test run can say what is missing instead. */
export function ensureChromium() {
  const packages = [];
  if (!fs.existsSync(CHROMIUM)) packages.push('chromium');
  if (!CJK_FONT_DIRS.some((d) => fs.existsSync(d))) packages.push('fonts-wqy-microhei');
  if (packages.length === 0) return true;
  const fontOnly = !packages.includes('chromium');
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
    say(`${packages.join(' and ')} missing and there is no apt-get here: install them so the browser test can run`);
    return fontOnly;
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  if (!asRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status !== 0) {
    say(`${packages.join(' and ')} missing; run "sudo apt-get install -y ${packages.join(' ')}" (the browser test needs it)`);
    return fontOnly;
  }
  say(`installing Debian's ${packages.join(' and ')} for the browser test (apt-get) ...`);
  const apt = (...args) => (asRoot ? run('apt-get', args) : run(prefix[0], [...prefix.slice(1), 'apt-get', ...args]));
  const ok = apt('update', '-q') && apt('install', '-y', '-q', '--no-install-recommends', ...packages);
  if (!ok || !fs.existsSync(CHROMIUM)) {
    say(`installing ${packages.join(' and ')} failed; the browser test will report it`);
    return fs.existsSync(CHROMIUM);
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(ensureChromium() ? 0 : 1);
}
