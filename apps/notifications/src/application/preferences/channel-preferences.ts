import { Channel, CHANNELS, NotificationKind } from '../../domain/notification';
import { RULE_CATALOGUE } from '../../domain/rules';
import { PreferenceEntry } from '../../infrastructure/preferences.collection';
import { CHANNEL_RULES } from '../channels/channel-rules';

/** The rules a user can switch: the rule table's and the channels' own (the daily digest). */
export const PREFERENCE_RULES = [...RULE_CATALOGUE, ...CHANNEL_RULES];

/** Every rule, for `*`: an entry for all rules at once. */
export const ANY_RULE = '*';

/**
 * Unless the user said otherwise: to-dos go to the webhook (SMS, WeChat: something to act on),
 * notices do not (they wait in the console and the digest); the daily digest is on.
 */
export function defaultEnabled(kind: NotificationKind, channel: Channel): boolean {
  return channel === 'DIGEST' || kind === 'TODO';
}

/** Whether `channel` carries `rule` for a user: their entry for the rule, else their `*` entry, else the default. */
export function channelEnabled(entries: readonly PreferenceEntry[], rule: string, kind: NotificationKind, channel: Channel): boolean {
  const own = entries.find((e) => e.rule === rule && e.channel === channel);
  if (own) return own.enabled;
  const any = entries.find((e) => e.rule === ANY_RULE && e.channel === channel);
  return any ? any.enabled : defaultEnabled(kind, channel);
}

/** One row of the preferences screen. */
export interface RulePreference {
  id: string;
  label: string;
  kind: NotificationKind;
  /** In-app is always on. */
  WEBHOOK: boolean;
  DIGEST: boolean;
}

export function preferencesView(entries: readonly PreferenceEntry[]): { rules: RulePreference[]; entries: PreferenceEntry[] } {
  return {
    rules: PREFERENCE_RULES.map((r) => ({
      id: r.id,
      label: r.label,
      kind: r.kind,
      ...(Object.fromEntries(CHANNELS.map((c) => [c, channelEnabled(entries, r.id, r.kind, c)])) as Record<Channel, boolean>),
    })),
    entries: entries.map((e) => ({ rule: e.rule, channel: e.channel, enabled: e.enabled })),
  };
}
