// The life of one local component (Kafka or FerretDB) as a detached process of
// its data folder: reuse it when it answers, clean up what a crash left, start
// it and wait until it is ready, stop it. What differs between components is in
// their descriptor (kafka.mjs, ferretdb.mjs), made by defineComponent().
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

import { pollUntil } from '../lib/poll.mjs';
import { HOST, InfraError } from './config.mjs';
import { canConnect, commandLine, findProcesses, groupAlive, isPortInUse, pidAlive, readJson, spawnDetached, stopGroup, tail, writeFileAtomic } from './process.mjs';

const STOP_GRACE_MS = 15_000;
const STALE_GRACE_MS = 10_000;
const MAX_LOG_BYTES = 10 * 1024 * 1024;

/**
 * A component's descriptor. `spec` gives name, label, port, portEnv (what a port conflict asks
 * to set), extraPorts ([{ port, env: its key in the pid file, advice, what }]), conflictHint,
 * readyTimeoutMs, cmdNeedles (in every command line of ours, in no one else's), extraLogs,
 * ready(port), prepare(cfg, comp) -> { cmd, args, cwd } and needs() -> the tools a start needs;
 * the address, folder, pid file and log files follow from its name and port.
 */
export function defineComponent(cfg, spec) {
  const dir = path.join(cfg.dataDir, spec.name);
  const logsDir = path.join(dir, 'logs');
  return {
    extraPorts: [],
    ...spec,
    address: `${HOST}:${spec.port}`,
    pidFile: path.join(cfg.dataDir, `${spec.name}.pid.json`),
    dir,
    logsDir,
    logFiles: [...(spec.extraLogs ?? []), 'stderr.log', 'stdout.log'].map((f) => path.join(logsDir, f)),
  };
}

function isOurs(comp, pid) {
  const cmd = commandLine(pid);
  return cmd !== '' && comp.cmdNeedles.every((n) => cmd.includes(n));
}

/** The pid file's record when its process is ours and answers on its port, else null. */
export async function answering(comp) {
  const info = await readJson(comp.pidFile);
  const up = Boolean(info && Number.isInteger(info.pid) && pidAlive(info.pid) && isOurs(comp, info.pid) && (await comp.ready(info.port)));
  return up ? info : null;
}

/**
 * What the pid file says, checked against reality:
 *   absent   - no pid file
 *   running  - our process is alive and its port answers
 *   starting - our process is alive, not answering yet, started less than its timeout ago
 *   stale    - pid file left over (process dead, pid reused, or alive but not answering)
 */
async function inspect(comp) {
  const info = await readJson(comp.pidFile);
  if (!info || !Number.isInteger(info.pid)) {
    return { state: fs.existsSync(comp.pidFile) ? 'stale' : 'absent', info: null, ours: false };
  }
  const alive = pidAlive(info.pid);
  const ours = alive && isOurs(comp, info.pid);
  if (!ours) return { state: 'stale', info, ours: false, leftoverGroup: !alive && groupAlive(info.pid) };
  if (await comp.ready(info.port)) return { state: 'running', info, ours: true };
  const age = Date.now() - Date.parse(info.startedAt || 0);
  if (age < comp.readyTimeoutMs) return { state: 'starting', info, ours: true };
  // An old process that does not answer at once may just be busy (a loaded CI
  // machine, a GC pause): give it a few more tries before calling it stale.
  if (await pollUntil(() => comp.ready(info.port), { limitMs: STALE_GRACE_MS, everyMs: 500 })) return { state: 'running', info, ours: true };
  return { state: 'stale', info, ours: true };
}

/** Stops whatever a stale or unwanted pid file points at (only if it is ours), removes the file. */
async function cleanup(comp, inspected, log, why) {
  const { info } = inspected;
  if (info && (inspected.ours || inspected.leftoverGroup)) {
    log(`${comp.name}: ${why}; stopping leftover process group ${info.pid}`);
    await stopGroup(info.pid, STOP_GRACE_MS);
  } else if (info) {
    log(`${comp.name}: ${why}; removing stale pid file`);
  }
  await fsp.rm(comp.pidFile, { force: true });
}

/** Processes of ours (by command line) that no pid file accounts for. */
async function stopOrphans(comp, log) {
  for (const pid of findProcesses(comp.cmdNeedles)) {
    log(`${comp.name}: found process ${pid} of this data folder without a pid file; stopping it`);
    await stopGroup(pid, STOP_GRACE_MS);
  }
}

function portsMismatch(comp, info) {
  if (info.port !== comp.port) return `port ${info.port}`;
  for (const extra of comp.extraPorts) {
    const recorded = info.extraPorts?.[extra.env];
    if (recorded !== undefined && recorded !== extra.port) return `${extra.what} port ${recorded}`;
  }
  return null;
}

async function assertPortsFree(comp, dataDir) {
  const ports = [{ port: comp.port, advice: comp.portEnv, what: comp.label }, ...comp.extraPorts];
  for (const p of ports) {
    if ((await isPortInUse(p.port)) || (await canConnect(p.port, HOST, 500))) {
      throw new InfraError(
        `port ${p.port} (${p.what}) on ${HOST} is already in use by a process that is not the local ` +
          `${comp.label} of ${dataDir}. Set ${p.advice} to a free port (${comp.conflictHint}).`,
      );
    }
  }
}

function logTails(comp) {
  const parts = [];
  for (const f of comp.logFiles) {
    const t = tail(f, 25);
    if (t) parts.push(`--- ${f} (last lines) ---\n${t}`);
  }
  return parts.length ? `\n${parts.join('\n')}` : `\n(no output in ${comp.logsDir})`;
}

/** Waits until comp answers on its port; fails early when the process dies. */
async function waitReady(comp, pid, deadline, exited) {
  const ready = await pollUntil(
    async () => {
      if (exited?.code !== undefined || !pidAlive(pid)) {
        const how = exited?.code !== undefined ? `exited with ${exited.signal ?? `code ${exited.code}`}` : 'died';
        throw new InfraError(`${comp.label} (pid ${pid}) ${how} during start-up.${logTails(comp)}`);
      }
      return comp.ready(comp.port);
    },
    { limitMs: Math.max(0, deadline - Date.now()) },
  );
  if (!ready) {
    throw new InfraError(`${comp.label} did not become ready on ${comp.address} within ${Math.round(comp.readyTimeoutMs / 1000)}s.${logTails(comp)}`);
  }
}

async function startComponent(cfg, comp) {
  await assertPortsFree(comp, cfg.dataDir); // fail fast, before minutes of mvn / go build
  const launch = await comp.prepare(cfg, comp);
  await assertPortsFree(comp, cfg.dataDir); // and again: provisioning may have taken a while
  await fsp.mkdir(comp.logsDir, { recursive: true });
  const t0 = Date.now();
  const stamp = `\n=== ${new Date().toISOString()} start by scripts/infra.mjs (pid ${process.pid}) ===\n`;
  for (const f of comp.logFiles.filter((x) => /std(out|err)\.log$/.test(x))) {
    // stdout/stderr are appended to across starts; keep one previous file once one grows past 10 MB.
    const size = fs.existsSync(f) ? fs.statSync(f).size : 0;
    if (size > MAX_LOG_BYTES) await fsp.rename(f, `${f}.1`);
    await fsp.appendFile(f, stamp);
  }
  const child = spawnDetached(launch.cmd, launch.args, {
    cwd: launch.cwd,
    // What only this program may know (a password), in its environment rather than its command line.
    env: launch.env ? { ...process.env, ...launch.env } : process.env,
    stdoutFile: path.join(comp.logsDir, 'stdout.log'),
    stderrFile: path.join(comp.logsDir, 'stderr.log'),
  });
  const exited = {};
  const spawnError = await new Promise((resolve) => {
    child.once('error', resolve);
    child.once('spawn', () => resolve(null));
  });
  if (spawnError) throw new InfraError(`could not start ${comp.label}: ${spawnError.message}`);
  child.once('exit', (code, signal) => Object.assign(exited, { code, signal }));
  const info = {
    component: comp.name,
    pid: child.pid,
    host: HOST,
    port: comp.port,
    extraPorts: Object.fromEntries(comp.extraPorts.map((e) => [e.env, e.port])),
    address: comp.address,
    dataDir: cfg.dataDir,
    startedAt: new Date().toISOString(),
    command: [launch.cmd, ...launch.args],
  };
  // Recorded before the wait, so `down` can stop a start-up that was interrupted.
  await writeFileAtomic(comp.pidFile, `${JSON.stringify(info, null, 2)}\n`);
  cfg.log(`${comp.name}: started pid ${child.pid}, waiting for ${comp.address} ...`);
  try {
    await waitReady(comp, child.pid, t0 + comp.readyTimeoutMs, exited);
  } catch (err) {
    await stopGroup(child.pid, 5000);
    await fsp.rm(comp.pidFile, { force: true });
    throw err;
  }
  cfg.log(`${comp.name}: ready on ${comp.address} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
}

/** Reuses a running component or (re)starts it. Resolves 'reused' or 'started'. */
export async function ensureComponent(cfg, comp) {
  let inspected = await inspect(comp);
  if (inspected.state === 'running' || inspected.state === 'starting') {
    const mismatch = portsMismatch(comp, inspected.info);
    if (mismatch) {
      throw new InfraError(
        `the local ${comp.label} of ${cfg.dataDir} is already running (pid ${inspected.info.pid}) on ${mismatch}, ` +
          `not the requested one. Run \`node scripts/infra.mjs down\` first, or use another PB_DATA_DIR.`,
      );
    }
  }
  if (inspected.state === 'starting') {
    cfg.log(`${comp.name}: pid ${inspected.info.pid} is still starting; waiting for it`);
    const deadline = Date.parse(inspected.info.startedAt) + comp.readyTimeoutMs;
    try {
      await waitReady(comp, inspected.info.pid, deadline);
      inspected = { ...inspected, state: 'running' };
    } catch (err) {
      cfg.log(`${comp.name}: ${err.message.split('\n')[0]}`);
      inspected = { ...inspected, state: 'stale' };
    }
  }
  if (inspected.state === 'running') {
    cfg.log(`${comp.name}: reusing pid ${inspected.info.pid} on ${comp.address}`);
    return 'reused';
  }
  if (inspected.state === 'stale') {
    const i = inspected.info;
    const why = !i ? 'unreadable pid file' : inspected.ours ? `pid ${i.pid} is alive but ${comp.address} does not answer` : `pid ${i.pid} from the pid file is not running`;
    await cleanup(comp, inspected, cfg.log, why);
  }
  await stopOrphans(comp, cfg.log);
  await startComponent(cfg, comp);
  return 'started';
}

/** Stops the component's process group (and any process of its data folder without a pid file). */
export async function stopComponent(comp, log) {
  const info = await readJson(comp.pidFile);
  let did = false;
  if (info && Number.isInteger(info.pid)) {
    const alive = pidAlive(info.pid);
    if ((alive && isOurs(comp, info.pid)) || (!alive && groupAlive(info.pid))) {
      const how = await stopGroup(info.pid, STOP_GRACE_MS);
      if (how !== 'none') {
        log(`${comp.name}: stopped pid ${info.pid}${how === 'kill' ? ' (SIGKILL after 15s)' : ''}`);
        did = true;
      }
    }
  }
  await fsp.rm(comp.pidFile, { force: true });
  for (const pid of findProcesses(comp.cmdNeedles)) {
    log(`${comp.name}: stopping process ${pid} of this data folder that had no pid file`);
    await stopGroup(pid, STOP_GRACE_MS);
    did = true;
  }
  if (!did) log(`${comp.name}: not running`);
  return did;
}
