// The web console (apps/gateway/console): type-checked and built by Vite into
// dist/console when its sources are newer than the build, like the apps are.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, say } from './project.mjs';

export const CONSOLE_SRC = path.join(ROOT, 'apps/gateway/console');
export const CONSOLE_OUT = path.join(ROOT, 'dist/console');

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${path.basename(args[0])} ${args.slice(1).join(' ')} failed with exit code ${result.status}`);
}

/** Builds the console unless dist/console is newer than its sources and the lockfile. */
export function ensureConsoleBuilt({ force = false } = {}) {
  const index = path.join(CONSOLE_OUT, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(CONSOLE_SRC), fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs);
  if (!force && built > sources) return;
  say('building the web console ...');
  run([path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(CONSOLE_SRC, 'tsconfig.json')]);
  run([path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(CONSOLE_SRC, 'vite.config.mjs'), '--logLevel', 'warn']);
  const now = new Date();
  fs.utimesSync(index, now, now);
}
