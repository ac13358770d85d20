import { createHash } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';

/** A JSON answer serialised once, with its entity tag, for every request that shares it. */
export interface SerializedAnswer {
  body: Buffer;
  etag: string;
}

export function serialize(value: unknown): SerializedAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, etag: `"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64url')}"` };
}

/**
 * Sends the shared bytes as express's `res.json` would (status 200, JSON content type, ETag),
 * or 304 without a body when the caller already holds them (If-None-Match).
 */
export function sendSerialized(req: IncomingMessage, res: ServerResponse, answer: SerializedAnswer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', answer.etag);
  if (holds(req.headers['if-none-match'], answer.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', answer.body.length);
  res.end(answer.body);
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): `W/` is ignored, `*` matches any. */
function holds(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
