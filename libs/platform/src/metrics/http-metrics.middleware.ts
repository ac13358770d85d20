import type { Request, Response } from 'express';
import { httpRequestDuration } from './metrics';

/**
 * Every answered request's latency by method, route and status. A plain express middleware
 * (`createServiceApp` mounts it ahead of the routes), not a Nest one: Nest's matches a `*path`
 * pattern and wraps the call on every request.
 */
export function httpMetrics(req: Request, res: Response, next: () => void): void {
  const started = process.hrtime.bigint();
  res.once('finish', () => {
    // The route pattern, not the raw URL, keeps label cardinality bounded.
    const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
    httpRequestDuration.observe({ method: req.method, route: `${req.baseUrl}${route}`, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
  });
  next();
}
