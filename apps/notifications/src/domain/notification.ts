import { createHash } from 'crypto';
import type { EventEnvelope } from '@pb/contracts';
import { escalationDeskOf, type Actor } from '@pb/platform/auth/actor';

/**
 * 受众: who a notification is addressed to. Users live in the gateway, so a fact is addressed to the
 * part a user plays, and a user receives what is addressed to any part they play (`audiencesOf`):
 * - `org:<organizationId>`        the secretary of an organization (党组织书记)
 * - `department:<departmentId>`   the staff of a department (职能部门)
 * - `enterprise:<creditCode>`     the contacts of an enterprise (企业联络人)
 * - `member:<memberId>`           the user linked to a Party member's record (本人)
 * - `gridworker:<gridWorkerId>`   the user linked to a grid worker's record (网格员)
 * - `user:<userId>`               one user, e.g. who reported a case (the event's actor)
 * - `desk:SUB_DISTRICT:<id>`, `desk:DISTRICT:<id>`, `desk:CITY`  the administrators of a level (本级)
 */
export type Audience = string;

export const audience = {
  organization: (id: string): Audience => `org:${id}`,
  department: (id: string): Audience => `department:${id}`,
  enterprise: (code: string): Audience => `enterprise:${code}`,
  member: (id: string): Audience => `member:${id}`,
  gridWorker: (id: string): Audience => `gridworker:${id}`,
  user: (id: string): Audience => `user:${id}`,
  desk: (level: 'SUB_DISTRICT' | 'DISTRICT' | 'CITY', jurisdictionId?: string | null): Audience => (level === 'CITY' ? 'desk:CITY' : `desk:${level}:${jurisdictionId}`),
};

/** Every audience a signed-in user belongs to, from what the gateway vouches for in the internal token. */
export function audiencesOf(actor: Actor): Audience[] {
  const parts: Audience[] = [audience.user(actor.userId)];
  if (actor.role === 'ORG_SECRETARY' && actor.organizationId) parts.push(audience.organization(actor.organizationId));
  if (actor.role === 'DEPARTMENT_STAFF' && actor.departmentId) parts.push(audience.department(actor.departmentId));
  if (actor.role === 'ENTERPRISE_CONTACT' && actor.enterpriseCode) parts.push(audience.enterprise(actor.enterpriseCode));
  if (actor.role === 'GRID_WORKER' && actor.gridWorkerId) parts.push(audience.gridWorker(actor.gridWorkerId));
  if (actor.memberId) parts.push(audience.member(actor.memberId));
  const desk = escalationDeskOf(actor);
  if (desk) parts.push(audience.desk(desk.level, desk.jurisdictionId));
  return parts;
}

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
