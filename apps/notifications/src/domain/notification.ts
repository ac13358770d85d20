import { createHash } from 'crypto';
import type { EventEnvelope } from '@pb/contracts';
import type { Audience } from '@pb/platform/auth/audiences';

// The audiences (受众) and `audiencesOf` are shared with the gateway: they live in libs/platform.
export { audience, audiencesOf, type Audience } from '@pb/platform/auth/audiences';

/** 待办 (something to act on, closes itself when the answering fact arrives) or 通知 (something to know). */
export const NOTIFICATION_KINDS = ['TODO', 'NOTICE'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Delivery channels besides the console, which always shows everything. */
export const CHANNELS = ['WEBHOOK', 'DIGEST'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * What a rule decides to tell one audience about one fact. Text is zh-CN and carries only what every
 * member of the audience may see: never an ID number or a phone; a person's name only where the
 * audience already sees that person's record (e.g. a secretary about their own branch's member).
 */
export interface NotificationDraft {
  /** The rule's id in the rule table, e.g. `transfer.approve`; one per row of the table. */
  rule: string;
  kind: NotificationKind;
  audience: Audience;
  /** The record the notification is about: closing to-dos and opening the record's page go by it. */
  record: { type: string; id: string };
  title: string;
  body: string;
  /** The console page that opens the record, e.g. `/cases/case-0001`. */
  link?: string;
  /** When the fact or reminder happened (the event's time; for a reminder, when it fell due). */
  at: string;
  /** Jurisdiction of the record (for the webhook receiver per jurisdiction, and for filters). */
  districtId: string;
  zoneId?: string;
  /** For a reminder: which stage of which deadline (part of its identity, so one reminder per stage). */
  stage?: string;
}

/**
 * What a rule asks to close: every open to-do of these rules about this record, for any audience
 * (a transfer approved closes the approver's to-do; a case accepted closes the dispatch to-do).
 */
export interface TodoClosure {
  rules: string[];
  record: { type: string; id: string };
  /** Only the to-dos of this audience; all audiences when absent. */
  audience?: Audience;
}

/** One stored notification (collection `notifications`), one per (rule, fact or reminder stage, audience). */
export interface NotificationRecord extends NotificationDraft {
  /** `notificationId(...)`: the same fact never makes two. */
  _id: string;
  /** The event the notification came from (for a reminder, the reminder's own key). */
  sourceId: string;
  /** TODO only: OPEN until the answering fact arrives. */
  state: 'OPEN' | 'DONE' | null;
  closedAt?: Date | null;
  /** When this process stored it: the order the live stream and the channels read in. */
  createdAt: Date;
}

/** Deterministic id: a redelivered or replayed event makes the same id, which the store keeps once. */
export function notificationId(rule: string, sourceId: string, audienceKey: Audience, stage = ''): string {
  return createHash('sha256').update(`${rule}\u0000${sourceId}\u0000${audienceKey}\u0000${stage}`).digest('base64url').slice(0, 32);
}

/** What the rules decide for one event. */
export interface Decision {
  notify: NotificationDraft[];
  close: TodoClosure[];
}

/** The signature of the rule table: pure, given the event and what earlier facts taught about its record. */
export type DecideNotifications<Context> = (event: EventEnvelope, context: Context | null) => Decision;
