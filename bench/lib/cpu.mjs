// CPU time of the bench's processes, from /proc/<pid>/stat: user + system clock ticks of a
// process and of its descendants, live ones and those already reaped (a PostgreSQL backend that
// ended during the window is in its postmaster's cutime/cstime).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let clockTicks = null;

/** Clock ticks per second of /proc's times (`getconf CLK_TCK`, 100 on Linux almost always). */
export function clkTck() {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** pid → { ppid, comm, own: utime + stime, reaped: cutime + cstime } of every process there is. */
function readAll() {
  const all = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields follow the last ')'.
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      all.set(Number(name), {
        ppid: Number(fields[1]),
        comm: stat.slice(stat.indexOf('(') + 1, close),
        own: Number(fields[11]) + Number(fields[12]),
        reaped: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // ended while being read
    }
  }
  return all;
}

/** Ticks of `pid` alone (`tree: false`) or of it and all its descendants. */
function ticksOf(all, pid, tree) {
  const root = all.get(pid);
  if (!root) return null;
  if (!tree) return root.own;
  let total = root.own + root.reaped;
  const children = new Map();
  for (const [p, s] of all) {
    if (!children.has(s.ppid)) children.set(s.ppid, []);
    children.get(s.ppid).push(p);
  }
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length) {
    const p = stack.pop();
    const s = all.get(p);
    total += s.own + s.reaped;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** The first child of `pid` whose command name is `comm` (FerretDB's PostgreSQL postmaster). */
export function childNamed(pid, comm) {
  for (const [p, s] of readAll()) if (s.ppid === pid && s.comm === comm) return p;
  return null;
}

/**
 * CPU milliseconds each of `processes` ({ name: { pid, tree } }) uses from now until `stop()`;
 * a process that is gone at either end counts as null.
 */
export function cpuSampler(processes) {
  const read = () => {
    const all = readAll();
    return Object.fromEntries(Object.entries(processes).map(([name, { pid, tree = true }]) => [name, pid ? ticksOf(all, pid, tree) : null]));
  };
  const before = read();
  return {
    stop() {
      const after = read();
      const ms = 1000 / clkTck();
      return Object.fromEntries(Object.keys(processes).map((name) => [name, before[name] === null || after[name] === null ? null : Math.round((after[name] - before[name]) * ms)]));
    },
  };
}

/** This process's own CPU (the bench: the raw baselines' client) in milliseconds, from now until `stop()`. */
export function ownCpuSampler() {
  const before = process.cpuUsage();
  return {
    stop() {
      const { user, system } = process.cpuUsage(before);
      return Math.round((user + system) / 1000);
    },
  };
}
