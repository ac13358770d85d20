import type { ActivityContext, CaseContext, OrganizationContext, RecordContext, ServiceRequestContext } from './context';

/*
 * 提醒节点: the moments before a deadline at which someone is reminded. Kept apart from the texts
 * (rules.ts) so that the context can compute its next reminder without a cycle of imports.
 */

/** The share of the time from start (受理/提交) to target after which the target is near. */
export const NEAR_TARGET_SHARE = 0.8;
export const ACTIVITY_REMINDER_HOURS = 24;
export const TERM_REMINDER_DAYS = 30;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type ReminderRuleId = 'case.deadline' | 'request.deadline' | 'activity.starting' | 'term.reminder';

/** One stage of one deadline: fires once at `at`, and only while the deadline (`until`) has not passed. */
export interface ReminderStage {
  rule: ReminderRuleId;
  /** Part of the notification's identity; names the deadline, so a moved deadline is a new stage. */
  stage: string;
  at: string;
  until: string;
  /** For a request: which of its three targets. */
  target?: 'FIRST_CONTACT' | 'INTERIM_REPLY' | 'CLOSURE';
}

const iso = (ms: number) => new Date(ms).toISOString();
const between = (from: string, to: string, share: number) => {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return iso(a + share * Math.max(0, b - a));
};

/** A term ends at the end of its last day, China time (dates in events are China dates). */
export function endOfChinaDay(date: string): string {
  return iso(Date.parse(`${date}T00:00:00+08:00`) + DAY);
}

function caseStages(c: CaseContext): ReminderStage[] {
  if (c.state !== 'OPEN') return [];
  const start = c.acceptedAt ?? c.reportedAt;
  return [{ rule: 'case.deadline', stage: `due80:${c.dueAt}`, at: between(start, c.dueAt, NEAR_TARGET_SHARE), until: c.dueAt }];
}

function requestStages(r: ServiceRequestContext): ReminderStage[] {
  if (r.closed) return [];
  const stages: ReminderStage[] = [];
  const add = (target: NonNullable<ReminderStage['target']>, due: string) =>
    stages.push({ rule: 'request.deadline', stage: `${target}:80:${due}`, at: between(r.submittedAt, due, NEAR_TARGET_SHARE), until: due, target });
  if (!r.firstContacted) add('FIRST_CONTACT', r.firstContactDue);
  if (!r.interimReplied) add('INTERIM_REPLY', r.interimReplyDue);
  add('CLOSURE', r.closureDue);
  return stages;
}

function activityStages(a: ActivityContext): ReminderStage[] {
  if (a.status !== 'PUBLISHED' || a.signedUp.length === 0) return [];
  return [{ rule: 'activity.starting', stage: `start24h:${a.startsAt}`, at: iso(Date.parse(a.startsAt) - ACTIVITY_REMINDER_HOURS * HOUR), until: a.startsAt }];
}

function termStages(o: OrganizationContext): ReminderStage[] {
  if (o.ended || !o.termEnd) return [];
  const until = endOfChinaDay(o.termEnd);
  return [{ rule: 'term.reminder', stage: `term30:${o.termEnd}`, at: iso(Date.parse(`${o.termEnd}T00:00:00+08:00`) - TERM_REMINDER_DAYS * DAY), until }];
}

/** Every stage the record still has to send (answered targets and sent stages left out). */
export function pendingStages(context: RecordContext): ReminderStage[] {
  const all =
    context.type === 'Case'
      ? caseStages(context)
      : context.type === 'ServiceRequest'
        ? requestStages(context)
        : context.type === 'Activity'
          ? activityStages(context)
          : context.type === 'Organization'
            ? termStages(context)
            : [];
  return all.filter((s) => !context.remindedStages.includes(s.stage) && Date.parse(s.at) < Date.parse(s.until));
}

/** When the record next has a reminder to send, or null. */
export function nextReminderOf(context: RecordContext): string | null {
  const times = pendingStages(context).map((s) => s.at);
  return times.length ? times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)) : null;
}
