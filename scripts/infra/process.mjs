// Processes, files, locks and ports for the local infrastructure.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

import { pollUntil } from '../lib/poll.mjs';
import { HOST } from './config.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** True when a process with this pid exists (signal 0 probes without killing). */
export function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** True when any process of the process group led by pgid still exists. */
export function groupAlive(pgid) {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The command line of a live process, or '' when it cannot be read. */
export function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    const r = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : '';
  }
}

/**
 * Stops a process group: SIGTERM, wait up to graceMs, then SIGKILL.
 * Resolves 'none' (nothing was running), 'term' or 'kill'.
 */
export async function stopGroup(pgid, graceMs = 15000) {
  // A detached child leads its own group (pgid === pid). When no such group
  // exists (not a leader), fall back to signalling the single process.
  const asGroup = groupAlive(pgid);
  const target = asGroup ? -pgid : pgid;
  const alive = asGroup ? () => groupAlive(pgid) : () => pidAlive(pgid);
  if (!alive()) return 'none';
  try {
    process.kill(target, 'SIGTERM');
    process.kill(target, 'SIGCONT'); // a stopped (SIGSTOP, ^Z) process handles SIGTERM only once continued
  } catch {
    /* gone meanwhile */
  }
  if (await pollUntil(() => !alive(), { limitMs: graceMs, everyMs: 100 })) return 'term';
  try {
    process.kill(target, 'SIGKILL');
  } catch {
    /* gone meanwhile */
  }
  await pollUntil(() => !alive(), { limitMs: 5000, everyMs: 50 });
  return 'kill';
}

/**
 * Starts a long-running process detached in its own process group, with
 * stdout/stderr appended to files. Returns the ChildProcess (already unref'd,
 * so it never keeps the caller alive).
 */
export function spawnDetached(cmd, args, { cwd, stdoutFile, stderrFile, env = process.env }) {
  const out = fs.openSync(stdoutFile, 'a');
  const err = fs.openSync(stderrFile, 'a');
  try {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', out, err] });
    child.unref();
    return child;
  } finally {
    fs.closeSync(out);
    fs.closeSync(err);
  }
}

/** Runs a command to completion; resolves { code, stdout, stderr }. */
export function run(cmd, args, { cwd, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** Full path of an executable found on PATH, or null. */
export function which(name) {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT || '.EXE').split(';') : [''];
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        /* keep looking */
      }
    }
  }
  return null;
}

/** Last `lines` lines of a text file ('' when it does not exist). */
export function tail(file, lines = 40) {
  try {
    const st = fs.statSync(file);
    const size = Math.min(st.size, 64 * 1024);
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(size);
      fs.readSync(fd, buf, 0, size, st.size - size);
      return buf
        .toString('utf8')
        .split('\n')
        .slice(-lines - 1)
        .join('\n')
        .trimEnd();
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** sha256 over the contents of the given files (missing files hash as absent). */
export function hashFiles(files) {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(path.basename(f) + '\0');
    try {
      h.update(fs.readFileSync(f));
    } catch {
      h.update('<absent>');
    }
    h.update('\0');
  }
  return h.digest('hex');
}

export async function readJson(file) {
  try {
    return JSON.parse(await fsp.readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Writes a file atomically (temp file + rename). */
export async function writeFileAtomic(file, content) {
  const tmp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(tmp, content);
  await fsp.rename(tmp, file);
}

/**
 * A cross-process lock on a file (O_EXCL create). Used so that the launcher,
 * several jest workers and a human running `up`/`down` never provision or
 * start the same component twice at once. A lock whose holder is dead (or that
 * is older than staleMs) is taken over. Resolves an async release function.
 */
export async function acquireLock(file, { waitMs = 10 * 60 * 1000, staleMs = 15 * 60 * 1000, onWait } = {}) {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
      fs.closeSync(fd);
      return async () => {
        try {
          const holder = JSON.parse(fs.readFileSync(file, 'utf8'));
          if (holder.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let holder = null;
    try {
      holder = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      /* being written right now, or garbage */
    }
    let stale = false;
    if (holder && Number.isInteger(holder.pid)) {
      stale = !pidAlive(holder.pid) || Date.now() - Date.parse(holder.at) > staleMs;
    } else {
      try {
        stale = Date.now() - fs.statSync(file).mtimeMs > 5000; // unreadable for 5 s: garbage
      } catch {
        /* vanished: just retry */
      }
    }
    if (stale) {
      try {
        fs.unlinkSync(file);
      } catch {
        /* someone else took it over first */
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for the infrastructure lock ${file} held by pid ${holder?.pid}`);
    }
    if (!told && onWait) {
      onWait(holder?.pid);
      told = true;
    }
    await sleep(250);
  }
}

/**
 * Pids of live processes whose command line contains every one of `needles`
 * (Linux /proc only; elsewhere an empty list). Used to find processes of ours
 * whose pid file was lost.
 */
export function findProcesses(needles) {
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const found = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    let cmd;
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    if (needles.every((n) => cmd.includes(n))) found.push(pid);
  }
  return found;
}

/**
 * True when nothing can be bound on host:port (someone listens there).
 * Binding is a stricter test than connecting: it also catches a listener on
 * 0.0.0.0 or one that does not accept yet.
 */
export function isPortInUse(port, host = HOST) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err) => resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/** True when a TCP connection to host:port succeeds within timeoutMs. */
export function canConnect(port, host = HOST, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
