import { MAX_STAGES, type RecordContext } from './context';
import { nextReminderOf, pendingStages, type ReminderStage } from './deadlines';
import { audience, type NotificationDraft } from './notification';
import { caseHolder, RECORD_TYPES, REMINDER_TEXTS } from './rules';

export { ACTIVITY_REMINDER_HOURS, NEAR_TARGET_SHARE, nextReminderOf, TERM_REMINDER_DAYS } from './deadlines';

/*
 * 到期提醒: run by the scheduled job for contexts whose `nextReminderAt` has come. Each stage of each
 * deadline is sent once (the stage is part of the notification's id, and the context remembers it);
 * a stage whose deadline has already passed, or whose target was answered (case closed, request
 * replied, activity cancelled...), sends nothing.
 */

type Draft = Omit<NotificationDraft, 'at' | 'stage' | 'districtId' | 'zoneId'>;

function draftsOf(context: RecordContext, stage: ReminderStage): Draft[] {
  switch (context.type) {
    case 'Case': {
      const record = { type: RECORD_TYPES.case, id: context.caseId };
      const to = caseHolder(context);
      const text = REMINDER_TEXTS.caseDeadline(context.caseId, context.dueAt);
      return to.map((a) => ({ rule: 'case.deadline', kind: 'NOTICE', audience: a, record, link: `/cases/${context.caseId}`, ...text }));
    }
    case 'ServiceRequest': {
      const record = { type: RECORD_TYPES.request, id: context.requestId };
      const link = `/requests/${context.requestId}`;
      const target = stage.target!;
      const drafts: Draft[] = [];
      const desk = context.subDistrictId ? audience.desk('SUB_DISTRICT', context.subDistrictId) : audience.desk('DISTRICT', context.districtId);
      drafts.push({ rule: 'request.deadline', kind: 'NOTICE', audience: desk, record, link, ...REMINDER_TEXTS.requestDeadline(context.requestId, target, stage.until) });
      // The enterprise sees its request turn amber only for what it waits for: the closure.
      if (target === 'CLOSURE') {
        drafts.push({
          rule: 'request.amber',
          kind: 'NOTICE',
          audience: audience.enterprise(context.creditCode),
          record,
          link,
          ...REMINDER_TEXTS.requestAmber(context.requestId, stage.until),
        });
      }
      return drafts;
    }
    case 'Activity': {
      const record = { type: RECORD_TYPES.activity, id: context.activityId };
      const text = REMINDER_TEXTS.activityStarting(context.title, context.startsAt);
      return context.signedUp.map((m) => ({ rule: 'activity.starting', kind: 'NOTICE', audience: audience.member(m), record, link: `/activities/${context.activityId}`, ...text }));
    }
    case 'Organization': {
      const record = { type: RECORD_TYPES.organization, id: context.organizationId };
      return [
        {
          rule: 'term.reminder',
          kind: 'NOTICE',
          audience: audience.organization(context.organizationId),
          record,
          link: `/organizations/${context.organizationId}`,
          ...REMINDER_TEXTS.termReminder(context.termEnd!),
        },
      ];
    }
    default:
      return [];
  }
}

/** Stages remembered, newest last, bounded (a stage names its deadline, so an old one never recurs). */
function rememberStage(stages: string[], stage: string): string[] {
  return [...stages.filter((s) => s !== stage), stage].slice(-MAX_STAGES);
}

/**
 * The reminders due at `now` for one record, and its context with those stages marked sent and
 * `nextReminderAt` moved to the next stage (null when none is left).
 */
export function dueReminders(context: RecordContext, now: Date): { notify: NotificationDraft[]; context: RecordContext } {
  const notify: NotificationDraft[] = [];
  let remindedStages = context.remindedStages;
  for (const stage of pendingStages(context)) {
    if (Date.parse(stage.at) > now.getTime()) continue;
    remindedStages = rememberStage(remindedStages, stage.stage);
    // Past its deadline: the overdue facts (CaseOverdue, escalations) speak instead.
    if (now.getTime() >= Date.parse(stage.until)) continue;
    for (const draft of draftsOf(context, stage)) {
      const full: NotificationDraft = { ...draft, at: stage.at, stage: stage.stage, districtId: context.districtId };
      if (context.zoneId) full.zoneId = context.zoneId;
      notify.push(full);
    }
  }
  const next = { ...context, remindedStages } as RecordContext;
  return { notify, context: { ...next, nextReminderAt: nextReminderOf(next) } };
}
