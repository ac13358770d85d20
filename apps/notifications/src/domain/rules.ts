// STUB until n2's `notifications: rule table` lands (n2 replaces this file and adds context.ts and
// reminders.ts): two rules about cases, enough to run the service end to end. Signatures as n2's brief.
import type { EventEnvelope } from '@pb/contracts';
import { audience, type DecideNotifications, type NotificationDraft, type NotificationKind } from './notification';

/** What the rules remember about one record. */
export interface RecordContext {
  version: number;
  nextReminderAt: string | null;
  caseId?: string;
  reporter?: string;
  assignee?: { kind: 'DEPARTMENT' | 'ORGANIZATION'; id: string } | null;
  dueAt?: string;
  acceptedAt?: string;
  districtId?: string;
  zoneId?: string;
  remindedStages?: string[];
}

export const RULE_CATALOGUE: { id: string; kind: NotificationKind; label: string }[] = [
  { id: 'case.assigned', kind: 'TODO', label: '派遣给我的案件' },
  { id: 'case.moved', kind: 'NOTICE', label: '我上报的案件有进展' },
];

const CASE = 'governance.Case';
const type = (name: string) => `governance.${name}.v1`;

export function evolveContext(context: RecordContext | null, event: EventEnvelope): RecordContext | null {
  if (!event.type.startsWith('governance.Case')) return context;
  const data = event.data as Record<string, unknown>;
  const next: RecordContext = { ...(context ?? { version: 0, nextReminderAt: null }), version: event.aggregateversion };
  if (event.type === type('CaseReported')) {
    Object.assign(next, { caseId: data.caseId, reporter: event.actorid, dueAt: data.dueAt, districtId: event.districtid, zoneId: event.zoneid, acceptedAt: data.at });
  }
  if (event.type === type('CaseDispatched')) next.assignee = data.assignee as RecordContext['assignee'];
  if (event.type === type('CaseHandled') || event.type === type('CaseReturned') || event.type === type('CaseClosed')) next.assignee = null;
  next.nextReminderAt = next.assignee && next.dueAt && !next.remindedStages?.includes('80%') ? at80(next) : null;
  return next;
}

export const decideNotifications: DecideNotifications<RecordContext> = (event, context) => {
  const data = event.data as { caseId?: string; assignee?: { kind: string; id: string }; at?: string };
  const record = { type: CASE, id: data.caseId ?? event.subject };
  const base = { record, at: event.time, districtId: event.districtid || context?.districtId || '', zoneId: event.zoneid || context?.zoneId, link: `/cases/${record.id}` };
  const notify: NotificationDraft[] = [];
  const close = [];
  if (event.type === type('CaseDispatched') && data.assignee) {
    const to = data.assignee.kind === 'DEPARTMENT' ? audience.department(data.assignee.id) : audience.organization(data.assignee.id);
    notify.push({ ...base, rule: 'case.assigned', kind: 'TODO', audience: to, title: `案件 ${record.id} 待办理`, body: '有一件案件派遣给你方办理。' });
    if (context?.reporter)
      notify.push({ ...base, rule: 'case.moved', kind: 'NOTICE', audience: audience.user(context.reporter), title: `案件 ${record.id} 已派遣`, body: '你上报的案件已派遣办理。' });
  }
  if (event.type === type('CaseHandled') || event.type === type('CaseReturned')) close.push({ rules: ['case.assigned'], record });
  return { notify, close };
};

export function dueReminders(context: RecordContext, now: Date): { notify: NotificationDraft[]; context: RecordContext } {
  const due = context.nextReminderAt && new Date(context.nextReminderAt) <= now && context.assignee;
  if (!due || !context.assignee || !context.caseId) return { notify: [], context: { ...context, nextReminderAt: null } };
  const to = context.assignee.kind === 'DEPARTMENT' ? audience.department(context.assignee.id) : audience.organization(context.assignee.id);
  const draft: NotificationDraft = {
    rule: 'case.assigned',
    kind: 'NOTICE',
    audience: to,
    record: { type: CASE, id: context.caseId },
    title: `案件 ${context.caseId} 即将超时`,
    body: '办理时限已过 80%。',
    link: `/cases/${context.caseId}`,
    at: context.nextReminderAt!,
    districtId: context.districtId ?? '',
    zoneId: context.zoneId,
    stage: '80%',
  };
  return { notify: [draft], context: { ...context, nextReminderAt: null, remindedStages: [...(context.remindedStages ?? []), '80%'] } };
}

function at80(context: RecordContext): string {
  const from = new Date(context.acceptedAt ?? context.dueAt!).getTime();
  const to = new Date(context.dueAt!).getTime();
  return new Date(from + 0.8 * (to - from)).toISOString();
}
