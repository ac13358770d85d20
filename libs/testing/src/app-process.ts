import { ChildProcess, spawn } from 'child_process';
import { createWriteStream, mkdirSync } from 'fs';
import * as path from 'path';
import { waitFor } from './wait-for';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface AppProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Where everything the process wrote is kept (the suite's log scan reads these files). */
  logFile: string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** The built entry file of an app (`npm run build` puts it there). */
export function entryOf(app: string): string {
  return path.join(REPO_ROOT, 'dist/apps', app, 'apps', app, 'src/main.js');
}

/**
 * Every app process a test starts writes its stdout and stderr to a file here, so the
 * reliability suite can scan all log lines written during the run for personal data.
 */
export function testLogDir(): string {
  return process.env.PB_TEST_LOG_DIR ?? path.join(REPO_ROOT, '.data/test-logs');
}

/** Starts a built app as its own process, as production does, and waits until it is ready. */
export async function startAppProcess(app: string, port: number, env: Record<string, string>, readyTimeoutMs = 60000): Promise<AppProcess> {
  const child = spawn(process.execPath, [entryOf(app)], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  mkdirSync(testLogDir(), { recursive: true });
  const logFile = path.join(testLogDir(), `${app}-${port}-${child.pid}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout!.on('data', (d: Buffer) => ((output += d.toString()), log.write(d)));
  child.stderr!.on('data', (d: Buffer) => ((output += d.toString()), log.write(d)));
  child.once('close', () => log.end());
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  try {
    // An app that exits during start-up (a port taken, bad configuration) fails the wait at once.
    const died = exited.then((code) => Promise.reject(new Error(`${app} exited with ${code} during start-up`)));
    died.catch(() => undefined);
    await Promise.race([
      died,
      waitFor(
        async () => {
          if (child.exitCode !== null) return false;
          const res = await fetch(`${url}/health/ready`);
          return res.status === 200;
        },
        `${app} to be ready`,
        readyTimeoutMs,
        250,
      ),
    ]);
  } catch (error) {
    await stop('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${app} output ---\n${output.slice(-3000)}`, { cause: error });
  }
  return { name: app, url, child, output: () => output, logFile, stop };
}
