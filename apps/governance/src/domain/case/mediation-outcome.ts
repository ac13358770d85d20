import type { ReferralTarget } from '@pb/contracts';
import type { Case, CaseRequest } from './case';

/** How a mediation ended, as its MediationAgreed (调解成功) or MediationFailed (调解失败) event says. */
export type MediationOutcome = { outcome: 'AGREED'; mediationId: string; terms: string } | { outcome: 'FAILED'; mediationId: string; reason: string; referredTo: ReferralTarget };

export const REFERRAL_LABELS: Readonly<Record<ReferralTarget, string>> = {
  PEOPLES_MEDIATION_COMMITTEE: '人民调解委员会',
  DEPARTMENT: '职能部门',
  ARBITRATION: '仲裁机构',
  COURT: '人民法院',
};

/** The events' text fields are capped: the step's text must fit CaseHandled.feedback (2000) and CaseReturned.reason (500). */
const FEEDBACK_MAX = 2000;
const REASON_MAX = 500;

function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * 调解结果推动案件: the step of the case loop a mediation's outcome takes, or null when the case is
 * not where that step is allowed (the loop then goes on by hand).
 *
 * - Agreement: the dispute is resolved, which is the assignee's handling 处置, so a dispatched case
 *   (or one in rework) is handled with the agreement as its feedback; the grid worker verifies it
 *   next, as for any handling.
 * - Failure: the case is returned (DISPATCHED → RETURNED, 已退回待重新派遣) with the referral as
 *   the reason, so it is dispatched again to where the dispute was referred (a department, the
 *   people's mediation committee). Not escalation: escalation 逐级上报 is the overdue sweep's, one
 *   level per missed time limit, and a failed mediation has missed no deadline; and the state
 *   machine has no step from REWORK back to dispatch, so a failure there leaves the case as it is.
 *
 * A case reported or accepted but not yet dispatched has no assignee to have handled it, and one
 * on hold, handled or closed has moved on: the outcome stays on the mediation's record only.
 */
export function decideMediationFollowUp(state: Case, outcome: MediationOutcome): CaseRequest | null {
  if (outcome.outcome === 'AGREED') {
    if (state.status !== 'DISPATCHED' && state.status !== 'REWORK') return null;
    return { action: 'handle', feedback: fit(`调解成功，达成协议（调解 ${outcome.mediationId}）：${outcome.terms.trim()}`, FEEDBACK_MAX) };
  }
  if (state.status !== 'DISPATCHED') return null;
  const reason = `调解不成，已转交${REFERRAL_LABELS[outcome.referredTo]}（调解 ${outcome.mediationId}）：${outcome.reason.trim()}`;
  return { action: 'return', reason: fit(reason, REASON_MAX) };
}
