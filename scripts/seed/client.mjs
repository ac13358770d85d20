// The seed's way into the platform: the gateway's public API, signed in as an
// administrator (CITY_ADMIN). Conflicts (already seeded) count as done, and a
// reference another service has not learned yet is retried for a while,
// because services learn from each other's events a moment later.

export async function seedClient({ gatewayUrl, username, password, log }) {
  const stats = { created: 0, existing: 0 };
  let session = null;

  async function signIn() {
    const res = await fetch(`${gatewayUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`sign-in as ${username} failed: ${res.status} ${(await res.text()).slice(0, 200)}`);
    const body = await res.json();
    session = { token: body.accessToken, renewAt: Date.now() + (body.expiresIn - 60) * 1000 };
  }

  /** Sends a command; resolves to the response body, or null when it already existed (409). */
  async function call(method, path, body, { retryFor = 30000, busyRetryFor = 180000 } = {}) {
    const started = Date.now();
    for (;;) {
      if (!session || Date.now() > session.renewAt) await signIn();
      const res = await fetch(`${gatewayUrl}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
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
      // 404/422 on a reference: the other service may not have caught up yet. 503: a service is busy
      // (right after a bulk import, say) or restarting; a demo loader can afford to wait longer.
      const waited = Date.now() - started;
      if (([404, 422].includes(res.status) && waited < retryFor) || (res.status === 503 && waited < busyRetryFor)) {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
    }
  }

  await signIn();
  return { call, stats, log };
}
