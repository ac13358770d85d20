import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { waitFor } from './wait-for';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface AppProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** The built entry file of an app (`npm run build` puts it there). */
export function entryOf(app: string): string {
  return path.join(REPO_ROOT, 'dist/apps', app, 'apps', app, 'src/main.js');
}

/** Starts a built app as its own process, as production does, and waits until it is ready. */
export async function startAppProcess(app: string, port: number, env: Record<string, string>, readyTimeoutMs = 60000): Promise<AppProcess> {
  const child = spawn(process.execPath, [entryOf(app)], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}: ${output.slice(-2000)}`);
        const res = await fetch(`${url}/health/ready`);
        return res.status === 200;
      },
      `${app} to be ready`,
      readyTimeoutMs,
      250,
    );
  } catch (error) {
    await stop('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${app} output ---\n${output.slice(-3000)}`);
  }
  return { name: app, url, child, output: () => output, stop };
}
