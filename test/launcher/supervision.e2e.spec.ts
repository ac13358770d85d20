import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { createServer, Server } from 'net';
import * as os from 'os';
import * as path from 'path';
import { entryOf, freePortRange, REPO_ROOT, uniqueName, waitFor } from '@pb/testing';

const START = path.join(REPO_ROOT, 'scripts/start.mjs');
const ADMIN = { username: 'launcher-admin', password: 'launcher suite secret 0001' };

interface Launcher {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Ends the launcher with SIGKILL if a test failed before it stopped by itself. */
  kill: () => void;
}

/** `npm start` with its arguments, on the test run's broker and database, under names of its own. */
function startLauncher(args: string[], namePrefix: string): Launcher {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pb-launcher-'));
  const child = spawn(process.execPath, [START, ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PB_DATA_DIR: dataDir,
      PB_NAME_PREFIX: namePrefix,
      FIRST_ADMIN_USERNAME: ADMIN.username,
      FIRST_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  return {
    child,
    output: () => output,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Pids of the processes whose parent is `ppid` and whose command line contains `needle`. */
function childrenOf(ppid: number, needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      // The command name (2nd field) is in parentheses and may hold spaces; the parent pid follows it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === ppid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Pids of live processes started with this launcher's name prefix in their environment. */
function processesWithPrefix(namePrefix: string): number[] {
  const marker = `PB_NAME_PREFIX=${namePrefix}\0`;
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/environ`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** What a user sees at `npm start` that is not one: an error or fatal line, Nest's module and route listing. */
const NOISE = /^\[[\w-]+\]\s+\d\d:\d\d:\d\d (error|fatal)|InstanceLoader|RoutesResolver|RouterExplorer/m;

describe('npm start supervises its apps', () => {
  const launchers: Launcher[] = [];
  afterAll(() => launchers.forEach((l) => l.kill()));

  it('restarts an app killed with SIGKILL while the gateway answers 503 for it, and Ctrl-C stops everything', async () => {
    const prefix = `${uniqueName('launch')}_`;
    const base = await freePortRange(2);
    const gateway = `http://127.0.0.1:${base}`;
    const launcher = startLauncher(['--only', 'gateway', '--only', 'membership', '--port-base', String(base)], prefix);
    launchers.push(launcher);
    await waitFor(async () => /gateway is ready on/.test(launcher.output()) && /membership is ready on/.test(launcher.output()), 'both apps ready', 120_000, 250);
    expect(launcher.output()).not.toMatch(NOISE);

    const signIn = await fetch(`${gateway}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(signIn.status).toBe(200);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const jurisdictions = () => fetch(`${gateway}/api/membership/jurisdictions`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await jurisdictions()).status).toBe(200);

    const [gatewayPid] = childrenOf(launcher.child.pid!, entryOf('gateway'));
    const [membershipPid] = childrenOf(launcher.child.pid!, entryOf('membership'));
    expect(gatewayPid).toBeGreaterThan(0);
    process.kill(membershipPid, 'SIGKILL');

    const unavailable = await waitFor(
      async () => {
        const res = await jurisdictions();
        return res.status === 503 ? ((await res.json()) as { message: string }) : false;
      },
      'the gateway to answer 503 while membership is down',
      10_000,
      100,
    );
    expect(unavailable.message).toContain('membership 服务暂不可用');
    // The condensed view shows the refused request but leaves out those that went well.
    await waitFor(async () => /GET \/api\/membership\/jurisdictions -> 503/.test(launcher.output()), 'the 503 in the log', 10_000);
    expect(launcher.output()).not.toMatch(/POST \/api\/auth\/sign-in -> 200/);
    expect(launcher.output()).not.toMatch(/-> undefined/);
    await waitFor(async () => (await jurisdictions()).status === 200, 'membership to serve again through the gateway', 60_000, 250);
    await waitFor(async () => /membership is back/.test(launcher.output()), 'the launcher to say membership is back', 10_000);
    expect(launcher.output()).toMatch(/membership exited \(SIGKILL\); restarting it in 1 s/);
    const [newMembershipPid] = childrenOf(launcher.child.pid!, entryOf('membership'));
    expect(newMembershipPid).not.toBe(membershipPid);
    expect(childrenOf(launcher.child.pid!, entryOf('gateway'))).toEqual([gatewayPid]);

    launcher.child.kill('SIGINT');
    expect(await launcher.exited).toBe(0);
    expect([gatewayPid, newMembershipPid].filter(alive)).toEqual([]);
    expect(processesWithPrefix(prefix)).toEqual([]);
  }, 240_000);

  it('gives up on an app that keeps crashing at start, and ends when no app is left', async () => {
    const prefix = `${uniqueName('launch')}_`;
    const base = await freePortRange(2);
    // membership's port is taken, so every start of membership fails.
    const squatter: Server = await new Promise((resolve) => {
      const server = createServer();
      server.listen(base + 1, '127.0.0.1', () => resolve(server));
    });
    try {
      const launcher = startLauncher(['--only', 'membership', '--port-base', String(base)], prefix);
      launchers.push(launcher);
      expect(await launcher.exited).toBe(1);
      const lines = launcher.output();
      expect(lines).toMatch(/membership exited \(code 1\); restarting it in 1 s/);
      expect(lines).toMatch(/membership exited \(code 1\); restarting it in 2 s/);
      expect(lines).toMatch(/membership exited \(code 1\); restarting it in 4 s/);
      expect(lines).toMatch(/membership exited \(code 1\): 4 crashes within a minute of running; not restarting it/);
      expect(lines).toMatch(/EADDRINUSE/);
      expect(processesWithPrefix(prefix)).toEqual([]);
    } finally {
      squatter.close();
    }
  }, 180_000);
});
