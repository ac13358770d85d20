import { channelEnabled, PREFERENCE_RULES, preferencesView } from '../src/application/preferences/channel-preferences';
import { RULE_CATALOGUE } from '../src/domain/rules';
import { isRead } from '../src/infrastructure/states.collection';

describe('channel preferences', () => {
  const todo = RULE_CATALOGUE.find((r) => r.kind === 'TODO')!;
  const notice = RULE_CATALOGUE.find((r) => r.kind === 'NOTICE')!;

  it('defaults: the webhook carries to-dos, not notices; the digest is on', () => {
    expect(channelEnabled([], todo.id, 'TODO', 'WEBHOOK')).toBe(true);
    expect(channelEnabled([], notice.id, 'NOTICE', 'WEBHOOK')).toBe(false);
    expect(channelEnabled([], notice.id, 'NOTICE', 'DIGEST')).toBe(true);
  });

  it('a rule’s own entry wins over `*`, which wins over the default', () => {
    const entries = [
      { rule: '*', channel: 'WEBHOOK' as const, enabled: false },
      { rule: notice.id, channel: 'WEBHOOK' as const, enabled: true },
    ];
    expect(channelEnabled(entries, todo.id, 'TODO', 'WEBHOOK')).toBe(false);
    expect(channelEnabled(entries, notice.id, 'NOTICE', 'WEBHOOK')).toBe(true);
    expect(channelEnabled(entries, todo.id, 'TODO', 'DIGEST')).toBe(true);
  });

  it('lists every rule of the catalogue, and the daily digest, with both switches', () => {
    const view = preferencesView([]);
    expect(view.rules.map((r) => r.id)).toEqual([...RULE_CATALOGUE.map((r) => r.id), 'digest.daily']);
    expect(view.rules.map((r) => r.id)).toEqual(PREFERENCE_RULES.map((r) => r.id));
    expect(view.rules.every((r) => typeof r.WEBHOOK === 'boolean' && typeof r.DIGEST === 'boolean')).toBe(true);
  });
});

describe('read marks', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  it('a notification is read when marked, or stored no later than the last 全部已读', () => {
    expect(isRead(at, null, null)).toBe(false);
    expect(isRead(at, { readAt: new Date() }, null)).toBe(true);
    expect(isRead(at, null, new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(isRead(at, null, new Date('2025-12-31T23:59:59Z'))).toBe(false);
  });
});
