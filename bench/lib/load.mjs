// A small autocannon-like load generator on node:http with keep-alive (no new
// dependencies): a closed loop (N connections, each sends its next request when
// the previous one answers) and an open loop (requests started at a fixed rate,
// whatever the answers do), both recording per-request latency.
import http from 'node:http';

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summary(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? null) };
}

export function round(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** One HTTP request on a keep-alive agent; resolves to { status, body } (body only when `wantBody`). */
export function request(agent, url, { method = 'GET', headers = {}, body, wantBody = false, timeoutMs = 30000 } = {}) {
  const u = new URL(url);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => wantBody && chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: wantBody ? Buffer.concat(chunks).toString('utf8') : undefined }));
        res.on('error', (error) => resolve({ status: 0, error }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, error }));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export function keepAliveAgent(connections) {
  return new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
}

/**
 * Closed loop for `durationMs` with `connections` in flight. `next(i)` gives the
 * i-th request ({ url, method, headers, body }); `onDone(i, res, startedAt, endedAt)` sees each answer.
 */
export async function closedLoop({ connections, durationMs, warmupMs = 0, next, onDone, ok = (s) => s >= 200 && s < 300 }) {
  const agent = keepAliveAgent(connections);
  const latencies = [];
  const statuses = {};
  let sent = 0;
  let good = 0;
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + durationMs;
  let measuredStart = null;
  const worker = async () => {
    while (performance.now() < end) {
      const i = sent++;
      const spec = next(i);
      const t0 = performance.now();
      const res = await request(agent, spec.url, spec);
      const t1 = performance.now();
      onDone?.(i, res, t0, t1);
      if (t0 < measureFrom) continue;
      measuredStart ??= t0;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (ok(res.status)) {
        good += 1;
        latencies.push(t1 - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - Math.max(measureFrom, start)) / 1000;
  agent.destroy();
  return { requests: good, seconds: round(elapsed, 2), perSecond: round(good / elapsed), statuses, latencyMs: summary(latencies) };
}

/**
 * Open loop: `count` requests started at `ratePerSecond`, at most `maxInFlight`
 * outstanding (a request that would exceed it waits, and the result says so).
 */
export async function openLoop({ ratePerSecond, count, maxInFlight = 256, next, onDone }) {
  const agent = keepAliveAgent(maxInFlight);
  const latencies = [];
  const statuses = {};
  let inFlight = 0;
  let delayed = 0;
  const waiters = [];
  const start = performance.now();
  const all = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= maxInFlight) {
      delayed += 1;
      await new Promise((r) => waiters.push(r));
    }
    inFlight += 1;
    const spec = next(i);
    const t0 = performance.now();
    all.push(
      request(agent, spec.url, spec).then((res) => {
        const t1 = performance.now();
        inFlight -= 1;
        waiters.shift()?.();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 200 && res.status < 300) latencies.push(t1 - t0);
        onDone?.(i, res, t0, t1);
      }),
    );
  }
  await Promise.all(all);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { sent: count, seconds: round(seconds, 2), statuses, delayedByInFlightCap: delayed, latencyMs: summary(latencies) };
}
