import { createHmac } from 'crypto';
import { ExponentialBackoff, halfJitterGenerator, type IBackoff } from 'cockatiel';
import type { NotificationKind } from '../../domain/notification';

/** The rule id of the daily digest 每日摘要 (not in the rule table: the digest job makes it, not an event). */
export const DIGEST_RULE = 'digest.daily';

/** For the preferences page beside the rule table's rows. */
export const CHANNEL_RULES = [{ id: DIGEST_RULE, label: '每日待办与通知摘要', kind: 'NOTICE' as NotificationKind }];

/** `WEBHOOK_URLS`: district id → receiving URL, `*` for every other district. */
export type WebhookUrls = Readonly<Record<string, string>>;

/**
 * Reads `WEBHOOK_URLS` (a JSON object); the message names what is wrong. Empty: the channel is off.
 * Only http(s) URLs without credentials (the HMAC signature, not the URL, authenticates the platform).
 */
export function parseWebhookUrls(raw: string | undefined): { urls: WebhookUrls } | { error: string } {
  if (raw === undefined || raw.trim() === '') return { urls: {} };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { error: 'WEBHOOK_URLS must be a JSON object of district id → URL, e.g. {"rencheng":"https://sms.example/hook","*":"https://wx.example/hook"}' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'WEBHOOK_URLS must be a JSON object of district id → URL ("*": every other district)' };
  const urls: Record<string, string> = {};
  for (const [district, url] of Object.entries(value as Record<string, unknown>)) {
    if (!/^(\*|[A-Za-z0-9_-]{1,64})$/.test(district)) return { error: `WEBHOOK_URLS: "${district}" is not a district id (letters, digits, _ or -) or *` };
    const parsed = typeof url === 'string' && URL.canParse(url) ? new URL(url) : null;
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) return { error: `WEBHOOK_URLS["${district}"] must be an http or https URL` };
    if (parsed.username || parsed.password) return { error: `WEBHOOK_URLS["${district}"] must not carry credentials (the requests are signed with WEBHOOK_SECRET)` };
    urls[district] = url as string;
  }
  return { urls };
}

/** The receiving URL for a record of this district; null when neither it nor `*` has one. */
export function webhookUrlFor(urls: WebhookUrls, districtId: string | null | undefined): string | null {
  return (districtId ? urls[districtId] : undefined) ?? urls['*'] ?? null;
}

/** `X-PB-Signature`: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<raw body>` under `WEBHOOK_SECRET`. */
export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/**
 * How long to wait after the `attempt`-th failed try (1 = the first): cockatiel's exponential
 * back-off with half jitter (between half and all of `initialMs · 2^(attempt-1)`, at most `maxMs`).
 * The wait spans runs of the job, so it is stored as `nextAttemptAt` rather than slept.
 */
export function retryDelayMs(attempt: number, initialMs: number, maxMs: number): number {
  let backoff: IBackoff<unknown> = new ExponentialBackoff({ generator: halfJitterGenerator, initialDelay: initialMs, maxDelay: maxMs }).next();
  for (let i = 1; i < attempt; i++) backoff = backoff.next(undefined);
  return backoff.duration;
}

/** The date of a day in China time (the digest's day), e.g. `2026-12-08`. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
