import { createHmac } from 'crypto';
import { chinaDate, parseWebhookUrls, retryDelayMs, webhookSignature, webhookUrlFor } from './channel-rules';
import { digestText } from './make-daily-digests.command';

describe('channel rules 外发规则', () => {
  it('reads WEBHOOK_URLS, with a message naming what is wrong', () => {
    expect(parseWebhookUrls('')).toEqual({ urls: {} });
    expect(parseWebhookUrls('{"rencheng":"https://a.example/h","*":"http://127.0.0.1:9/h"}')).toEqual({ urls: { rencheng: 'https://a.example/h', '*': 'http://127.0.0.1:9/h' } });
    expect(parseWebhookUrls('not json')).toEqual({ error: expect.stringContaining('JSON object') });
    expect(parseWebhookUrls('["https://a.example"]')).toEqual({ error: expect.stringContaining('JSON object') });
    expect(parseWebhookUrls('{"rencheng":"ftp://a.example"}')).toEqual({ error: 'WEBHOOK_URLS["rencheng"] must be an http or https URL' });
    expect(parseWebhookUrls('{"rencheng":"https://u:p@a.example"}')).toEqual({ error: expect.stringContaining('credentials') });
    expect(parseWebhookUrls('{"a b":"https://a.example"}')).toEqual({ error: expect.stringContaining('"a b"') });
  });

  it('picks the district URL, else *, else none', () => {
    const urls = { rencheng: 'https://r.example', '*': 'https://all.example' };
    expect(webhookUrlFor(urls, 'rencheng')).toBe('https://r.example');
    expect(webhookUrlFor(urls, 'yanzhou')).toBe('https://all.example');
    expect(webhookUrlFor({ rencheng: 'https://r.example' }, 'yanzhou')).toBeNull();
  });

  it('signs "<timestamp>.<raw body>" with HMAC-SHA256, hex', () => {
    const expected = createHmac('sha256', 'k').update('1700000000.{"a":1}').digest('hex');
    expect(webhookSignature('k', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
  });

  it('waits exponentially longer after each failed try, within [half, all] of initial·2^(n-1), capped', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const full = Math.min(60_000 * 2 ** (attempt - 1), 3_600_000);
      const wait = retryDelayMs(attempt, 60_000, 3_600_000);
      expect(wait).toBeGreaterThanOrEqual(full / 2);
      expect(wait).toBeLessThanOrEqual(full);
    }
  });

  it('dates the digest in China time', () => {
    expect(chinaDate(new Date('2026-12-07T16:30:00Z'))).toBe('2026-12-08');
    expect(chinaDate(new Date('2026-12-07T15:59:59Z'))).toBe('2026-12-07');
  });

  it('digest text: counts, up to ten titles with to-dos first, and how many more', () => {
    const todos = Array.from({ length: 8 }, (_, i) => ({ title: `待办${i}` }));
    const notices = Array.from({ length: 5 }, (_, i) => ({ title: `通知${i}` }));
    const { title, body } = digestText('2026-12-08', todos, notices, false);
    expect(title).toBe('每日摘要（2026-12-08）：待办 8 项，未读通知 5 条');
    const lines = body.split('\n');
    expect(lines[1]).toBe('1. 【待办】待办0');
    expect(lines[10]).toBe('10. 【通知】通知1');
    expect(lines[11]).toBe('……其余 3 项请登录平台查看。');
  });
});
