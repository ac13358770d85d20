import { CASE_STATES } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { ACTION_LABELS, allowedActions, CASE_ACTIONS, nextState, STATE_LABELS } from './case-state-machine';

/**
 * Written by hand from the issue, independently of the table under test:
 * reported → accepted (or rejected / duplicate) → dispatched (or returned and
 * re-dispatched) → handled → verified (or rework → handled) → closed → rated;
 * hold from any open state, resume to where it was.
 */
const EXPECTED: Record<string, Record<string, string>> = {
  REPORTED: { accept: 'ACCEPTED', reject: 'REJECTED', markDuplicate: 'DUPLICATE', hold: 'ON_HOLD' },
  ACCEPTED: { dispatch: 'DISPATCHED', hold: 'ON_HOLD' },
  DISPATCHED: { handle: 'HANDLED', return: 'RETURNED', hold: 'ON_HOLD' },
  RETURNED: { dispatch: 'DISPATCHED', hold: 'ON_HOLD' },
  HANDLED: { verify: 'VERIFIED', requestRework: 'REWORK', hold: 'ON_HOLD' },
  REWORK: { handle: 'HANDLED', hold: 'ON_HOLD' },
  VERIFIED: { close: 'CLOSED', hold: 'ON_HOLD' },
  CLOSED: { rate: 'RATED' },
  RATED: {},
  REJECTED: {},
  DUPLICATE: {},
  ON_HOLD: { resume: '<held from>' },
};

describe('case state machine (state × action)', () => {
  it('knows exactly the states and actions of the issue', () => {
    expect([...CASE_STATES].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...CASE_ACTIONS].sort()).toEqual(['accept', 'close', 'dispatch', 'handle', 'hold', 'markDuplicate', 'rate', 'reject', 'requestRework', 'resume', 'return', 'verify']);
  });

  const matrix = CASE_STATES.flatMap((state) => CASE_ACTIONS.map((action) => [state, action] as const));
  it.each(matrix)('%s × %s', (state, action) => {
    const expected = EXPECTED[state][action];
    if (expected === '<held from>') {
      expect(nextState(state, action, 'DISPATCHED')).toBe('DISPATCHED');
      expect(nextState(state, action, 'VERIFIED')).toBe('VERIFIED');
    } else if (expected) {
      expect(nextState(state, action)).toBe(expected);
    } else {
      let error: unknown;
      try {
        nextState(state, action);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      const e = error as DomainError;
      expect(e.kind).toBe('conflict');
      expect(e.details).toEqual({ currentState: state, action, allowedActions: expect.any(Array) });
      expect([...(e.details.allowedActions as string[])].sort()).toEqual(Object.keys(EXPECTED[state]).sort());
      expect(e.message).toContain(`「${STATE_LABELS[state]}」`);
      for (const allowed of Object.keys(EXPECTED[state])) expect(e.message).toContain(ACTION_LABELS[allowed as keyof typeof ACTION_LABELS]);
      if (Object.keys(EXPECTED[state]).length === 0) expect(e.message).toContain('流程已终结');
    }
  });

  it('lists the allowed next steps of every state', () => {
    for (const state of CASE_STATES) expect(allowedActions(state).sort()).toEqual(Object.keys(EXPECTED[state]).sort());
  });
});
