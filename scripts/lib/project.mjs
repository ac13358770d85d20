// What the launcher and the test runner share: installing dependencies,
// building the apps when their sources changed, and the apps' local ports.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const APPS = ['membership', 'activities', 'governance', 'enterprise', 'gateway', 'analyst-streams', 'notifications'];
export const DEFAULT_PORTS = { gateway: 3000, membership: 3001, activities: 3002, governance: 3003, enterprise: 3004, 'analyst-streams': 3005, notifications: 3006 };

export function say(message) {
  process.stderr.write(`[platform] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

function hashOf(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** `npm ci` when node_modules is missing or was installed from another lockfile. */
export function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.installed-lock-hash');
  const want = hashOf(path.join(ROOT, 'package-lock.json'));
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === want) return;
  say('installing npm dependencies (npm ci) ...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.writeFileSync(marker, want);
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function entryOf(app) {
  return path.join(ROOT, 'dist/apps', app, 'apps', app, 'src/main.js');
}

/** Builds each app whose sources (or the shared libs) are newer than its build. */
export function ensureBuilt(apps = APPS, { force = false } = {}) {
  const libs = newestMtime(path.join(ROOT, 'libs'));
  const config = Math.max(...['tsconfig.base.json', 'nest-cli.json', 'package-lock.json'].map((f) => fs.statSync(path.join(ROOT, f)).mtimeMs));
  for (const app of apps) {
    const entry = entryOf(app);
    const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
    if (!force && built > Math.max(libs, config, newestMtime(path.join(ROOT, 'apps', app, 'src')))) continue;
    say(`building ${app} ...`);
    run(process.execPath, [path.join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', app]);
    // Touch the entry so an unchanged emit still counts as newer than the sources.
    const now = new Date();
    fs.utimesSync(entry, now, now);
  }
}
