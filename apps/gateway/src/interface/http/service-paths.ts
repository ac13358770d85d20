/**
 * What the proxy forwards for `/api/<service>/…`, worked out once so that what is checked is
 * what is sent: the URL as fetch resolves it (dot segments, `%2e%2e` included, removed), and
 * its path below the service's base URL. null: not a URL at all.
 */
export function forwardedUrl(base: string, originalUrl: string, service: string): { url: URL; path: string } | null {
  try {
    const url = new URL(`${base}${originalUrl.slice(`/api/${service}`.length)}`);
    const basePath = new URL(base).pathname.replace(/\/+$/, '');
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
    return { url, path };
  } catch {
    return null;
  }
}

/** A service's operational routes (health, metrics, its API documents): never reachable through the gateway. */
const OPERATIONAL = /^\/+(health|metrics|docs)/i;

export function isOperationalPath(path: string): boolean {
  return OPERATIONAL.test(path) || OPERATIONAL.test(decoded(path));
}

/** The path with percent-escapes undone (as a service's router might); a malformed escape stays as it is. */
export function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
