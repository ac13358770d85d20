// The launcher's apps, each kept running by respawn: an app that dies is started
// again after a back-off and says so in the log, the others keep serving; an
// app that keeps crashing soon after its start (or has a configuration problem)
// is given up. Loads npm packages: import it after ensureDependencies().
import { ExponentialBackoff, noJitterGenerator } from 'cockatiel';
import respawn from 'respawn';

import { which } from '../infra/process.mjs';
import { pollUntil } from './poll.mjs';

/** respawn counts restarts until the app's runs add up to a minute; this many, and it gives up. */
const MAX_RESTARTS_WITHIN_A_MINUTE = 3;
const BACKOFF = new ExponentialBackoff({ initialDelay: 1000, maxDelay: 8000, generator: noJitterGenerator });
const STOP_GRACE_MS = 15_000;
/** ServiceConfig's exit code for a missing or malformed variable: a restart would not fix it. */
const EXIT_CONFIGURATION = 78;

function delayBefore(restart) {
  let backoff = BACKOFF.next();
  for (let i = 1; i < restart; i++) backoff = backoff.next();
  return backoff.duration;
}

export class Supervisor {
  /**
   * @param {{ say: (line: string) => void, format: (line: string) => string | null, onAllGone: () => void }} options
   *   `format` turns one output line of an app into what is shown (null: nothing); `onAllGone` is called when no app is left.
   */
  constructor({ say, format, onAllGone }) {
    // respawn stops an app and its children after listing them with ps.
    if (!which('ps')) throw new Error('npm start needs `ps` to stop the apps it starts; install it (Debian/Ubuntu: apt-get install procps)');
    this.say = say;
    this.format = format;
    this.onAllGone = onAllGone;
    this.apps = new Map();
    this.stopping = false;
    // An exception or a process.exit() of the launcher takes its apps with it.
    process.once('exit', () => {
      for (const { monitor } of this.apps.values()) monitor.child?.kill('SIGKILL');
    });
  }

  /** Starts `command` as the app `name`; `readyUrl` answers 200 once it serves. */
  add(name, { command, env, readyUrl }) {
    const app = { name, readyUrl, lastExit: '', spawns: 0, gaveUp: false };
    app.monitor = respawn(command, {
      name,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxRestarts: MAX_RESTARTS_WITHIN_A_MINUTE,
      kill: STOP_GRACE_MS,
      sleep: (restart) => {
        const ms = delayBefore(restart);
        if (!app.gaveUp) this.say(`${name} ${app.lastExit}; restarting it in ${ms / 1000} s`);
        return ms;
      },
    });
    this.apps.set(name, app);
    const flush = this.#prefixOutput(app);
    app.monitor.on('exit', (code, signal) => {
      flush();
      app.lastExit = `exited (${signal ?? `code ${code}`})`;
      if (this.stopping || code !== EXIT_CONFIGURATION) return;
      // respawn schedules the restart right after this event; stopping the monitor then cancels it.
      setImmediate(() => app.monitor.stop());
      this.#giveUp(app, `${name} has a configuration problem (exit ${code}, see its lines above); not restarting it`);
    });
    app.monitor.on('crash', () =>
      this.#giveUp(app, `${name} ${app.lastExit}: ${MAX_RESTARTS_WITHIN_A_MINUTE + 1} crashes within a minute of running; not restarting it (its lines above say why)`),
    );
    app.monitor.on('spawn', () => {
      app.spawns += 1;
      if (app.spawns > 1) void this.#sayWhenBack(app);
    });
    app.monitor.on('warn', (error) => this.say(`${name}: ${error.message}`));
    app.monitor.start();
  }

  /** Resolves true once the app answers ready, false when it is given up or `limitMs` pass first. */
  async waitReady(name, limitMs) {
    const app = this.apps.get(name);
    const ready = await pollUntil(async () => app.gaveUp || this.stopping || (await answersReady(app.readyUrl)), { limitMs, everyMs: 500 });
    return ready === true && !app.gaveUp && !this.stopping;
  }

  /** Stops every app (SIGTERM, SIGKILL after 15 s) and resolves when all have exited. */
  stopAll() {
    this.stopping = true;
    return Promise.all([...this.apps.values()].map(({ monitor }) => new Promise((resolve) => monitor.stop(resolve))));
  }

  #giveUp(app, message) {
    if (app.gaveUp) return;
    app.gaveUp = true;
    this.say(message);
    const left = [...this.apps.values()].filter((a) => !a.gaveUp).map((a) => a.name);
    if (left.length === 0) this.onAllGone();
    else this.say(`still running: ${left.join(', ')}; Ctrl-C stops them`);
  }

  async #sayWhenBack(app) {
    const spawn = app.spawns;
    const back = await pollUntil(async () => app.spawns !== spawn || this.stopping || (await answersReady(app.readyUrl)), { limitMs: 120_000, everyMs: 500 });
    if (back === true && app.spawns === spawn && !this.stopping) this.say(`${app.name} is back (${app.readyUrl.replace(/\/health\/ready$/, '')})`);
  }

  /** Shows the app's output lines with its name in front; returns what shows a last unfinished line. */
  #prefixOutput(app) {
    const label = `[${app.name}]`.padEnd(13);
    // An app that starts its own lines with its name (shutdown notices) gets it once.
    const own = `[${app.name}] `;
    const show = (line) => {
      const shown = line.trim() ? this.format(line.startsWith(own) ? line.slice(own.length) : line) : null;
      if (shown !== null) process.stdout.write(`${label} ${shown}\n`);
    };
    const buffered = { stdout: '', stderr: '' };
    for (const stream of Object.keys(buffered)) {
      app.monitor.on(stream, (chunk) => {
        const lines = (buffered[stream] + chunk.toString()).split('\n');
        buffered[stream] = lines.pop();
        lines.forEach(show);
      });
    }
    return () => {
      for (const stream of Object.keys(buffered)) show(buffered[stream]);
      buffered.stdout = buffered.stderr = '';
    };
  }
}

async function answersReady(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false; // not listening (yet)
  }
}
