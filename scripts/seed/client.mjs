// The seed's way into the platform: the gateway's public API, as the platform
// itself (role SYSTEM, whole city). Conflicts (already seeded) count as done,
// and a reference another service has not learned yet is retried for a while,
// because services learn from each other's events a moment later.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { JwtService } = require('@nestjs/jwt');

export function seedClient({ gatewayUrl, secret, log }) {
  const token = () =>
    new JwtService().sign(
      { userId: 'demo-seed', role: 'SYSTEM', scope: { level: 'CITY' } },
      { secret, audience: 'party-building-services', issuer: 'party-building-gateway', expiresIn: 600, algorithm: 'HS256' },
    );
  const stats = { created: 0, existing: 0 };

  /** Sends a command; resolves to the response body, or null when it already existed (409). */
  async function call(method, path, body, { retryFor = 30000 } = {}) {
    const deadline = Date.now() + retryFor;
    for (;;) {
      const res = await fetch(`${gatewayUrl}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const parsed = text ? JSON.parse(text) : null;
      if (res.ok) {
        if (method !== 'GET') stats.created += 1;
        return parsed;
      }
      if (res.status === 409) {
        stats.existing += 1;
        return null;
      }
      // 404/422 on a reference, or 503: the other service may not have caught up yet.
      if ([404, 422, 503].includes(res.status) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
    }
  }

  return { call, stats, log };
}
