import type { CaseState } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';

/** What a user can do to a case (one action, one event). */
export const CASE_ACTIONS = ['accept', 'reject', 'markDuplicate', 'dispatch', 'return', 'handle', 'verify', 'requestRework', 'close', 'rate', 'hold', 'resume'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Resuming a held case goes back to where it was held from, so its target is not a fixed state. */
export const PREVIOUS_STATE = 'PREVIOUS' as const;
type Target = CaseState | typeof PREVIOUS_STATE;

/**
 * 案件闭环: the whole state machine in one table, state × action → next state.
 * What is not in the table is forbidden. Every open state may be put on hold 挂账.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseState, Readonly<Partial<Record<CaseAction, Target>>>>> = {
  REPORTED: { accept: 'ACCEPTED', reject: 'REJECTED', markDuplicate: 'DUPLICATE', hold: 'ON_HOLD' },
  ACCEPTED: { dispatch: 'DISPATCHED', hold: 'ON_HOLD' },
  DISPATCHED: { handle: 'HANDLED', return: 'RETURNED', hold: 'ON_HOLD' },
  RETURNED: { dispatch: 'DISPATCHED', hold: 'ON_HOLD' },
  HANDLED: { verify: 'VERIFIED', requestRework: 'REWORK', hold: 'ON_HOLD' },
  REWORK: { handle: 'HANDLED', hold: 'ON_HOLD' },
  VERIFIED: { close: 'CLOSED', hold: 'ON_HOLD' },
  CLOSED: { rate: 'RATED' },
  ON_HOLD: { resume: PREVIOUS_STATE },
  RATED: {},
  REJECTED: {},
  DUPLICATE: {},
};

export const STATE_LABELS: Readonly<Record<CaseState, string>> = {
  REPORTED: '已上报',
  ACCEPTED: '已受理',
  REJECTED: '不予受理',
  DUPLICATE: '重复件',
  DISPATCHED: '已派遣',
  RETURNED: '已退回待重新派遣',
  HANDLED: '已处置',
  REWORK: '返工中',
  VERIFIED: '已核查',
  CLOSED: '已结案',
  RATED: '已评价',
  ON_HOLD: '挂账',
};

export const ACTION_LABELS: Readonly<Record<CaseAction, string>> = {
  accept: '受理',
  reject: '不予受理',
  markDuplicate: '标记为重复件',
  dispatch: '派遣',
  return: '退回（非本单位职责）',
  handle: '处置反馈',
  verify: '核查通过',
  requestRework: '退回返工',
  close: '结案',
  rate: '满意度评价',
  hold: '挂账',
  resume: '恢复办理',
};

/** States in which the loop is still running (deadline, overdue, workload count them). */
export const OPEN_STATES: readonly CaseState[] = ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'RETURNED', 'HANDLED', 'REWORK', 'VERIFIED', 'ON_HOLD'];
/** States whose deadline is running: open and not on hold. */
export const RUNNING_STATES: readonly CaseState[] = OPEN_STATES.filter((s) => s !== 'ON_HOLD');

export function allowedActions(state: CaseState): CaseAction[] {
  return CASE_ACTIONS.filter((action) => CASE_TRANSITIONS[state][action] !== undefined);
}

/**
 * The state after the action, or a 409 naming the current state and what may
 * be done next. `heldFrom` is where a held case returns to on resume.
 */
export function nextState(state: CaseState, action: CaseAction, heldFrom: CaseState | null = null): CaseState {
  const target = CASE_TRANSITIONS[state][action];
  if (target === undefined) {
    const allowed = allowedActions(state);
    const next = allowed.length > 0 ? allowed.map((a) => `「${ACTION_LABELS[a]}」`).join('、') : '无（流程已终结）';
    throw new DomainError('conflict', 'CASE_TRANSITION_NOT_ALLOWED', `案件当前状态为「${STATE_LABELS[state]}」，不能执行「${ACTION_LABELS[action]}」；当前可执行的操作：${next}`, {
      currentState: state,
      action,
      allowedActions: allowed,
    });
  }
  if (target === PREVIOUS_STATE) {
    if (!heldFrom) throw new Error('a held case must remember the state it was held from');
    return heldFrom;
  }
  return target;
}
