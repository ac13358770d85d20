// The benchmark's own stack: infra on ports of its own (never the dev or test
// set), the apps as processes on ports of their own, per-run topic prefix and
// databases, and resident-memory sampling from /proc.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, entryOf } from '../../scripts/lib/project.mjs';

export const BENCH_INFRA = { dataDir: path.join(ROOT, '.data/bench'), kafkaPort: 28092, controllerPort: 28093, mongoPort: 28017 };
// Below the kernel's ephemeral range (32768+), so no outgoing connection can hold one of them.
export const PORTS = { gateway: 31100, membership: 31101, activities: 31102, governance: 31103, enterprise: 31104, 'analyst-streams': 31105, bare: 31110, replay: 31120, relay: 31130 };

export const say = (m) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident memory of a process in MiB: current (VmRSS) and the kernel's peak (VmHWM). */
export function rssOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rss: null, hwm: null };
  }
}

/** Samples the RSS of processes every `everyMs`; `stop()` returns the peak of each in MiB. */
export function sampleRss(processes, everyMs = 250) {
  const peak = Object.fromEntries(Object.keys(processes).map((k) => [k, 0]));
  const tick = () => {
    for (const [name, proc] of Object.entries(processes)) {
      const { rss } = rssOf(proc.pid);
      if (rss && rss > peak[name]) peak[name] = rss;
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}

/** Starts a built app as a process and waits for /health/ready. */
export async function startApp(app, { port, env, name = app, readyTimeoutMs = 120000, profileDir }) {
  // A CPU profile (`--profile`) is written when the process exits normally, so stop() sends SIGTERM.
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, entryOf(app)], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (d) => {
    tail = (tail + d.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  process.once('exit', () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${tail}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready within ${readyTimeoutMs / 1000} s:\n${tail}`);
    }
    await sleep(250);
  }
  return {
    name,
    url,
    pid: child.pid,
    child,
    tail: () => tail,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Starts a plain node script (the bare endpoint) and waits until `probe` answers. */
export async function startScript(script, { port, env = {}, probe }) {
  const child = spawn(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  let tail = '';
  child.stderr.on('data', (d) => (tail = (tail + d).slice(-2000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${tail}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}${probe}`)).ok) break;
    } catch {
      // not yet
    }
    await sleep(250);
  }
  return {
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
