import type { CaseState } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { decideMediationOpened, Mediation } from '../mediation/mediation';
import { Case, requireEscalationDesk } from './case';
import { decideMediationFollowUp } from './mediation-outcome';

const dispute = (status: CaseState): Case => ({ caseId: 'c1', kind: 'DISPUTE', status, districtId: 'd', subDistrictId: 'sd', zoneId: 'z' }) as Case;
const agreed = { outcome: 'AGREED' as const, mediationId: 'm1', terms: '商户三日内退款' };
const failed = { outcome: 'FAILED' as const, mediationId: 'm1', reason: '分歧过大', referredTo: 'COURT' as const };

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('a mediation outcome moves its case (pure rules)', () => {
  it('handles a dispatched case, or one in rework, with the agreement as feedback', () => {
    expect(decideMediationFollowUp(dispute('DISPATCHED'), agreed)).toEqual({ action: 'handle', feedback: '调解成功，达成协议（调解 m1）：商户三日内退款' });
    expect(decideMediationFollowUp(dispute('REWORK'), agreed)).toMatchObject({ action: 'handle' });
  });

  it('returns a dispatched case for dispatch to where a failed mediation was referred', () => {
    expect(decideMediationFollowUp(dispute('DISPATCHED'), failed)).toEqual({ action: 'return', reason: '调解不成，已转交人民法院（调解 m1）：分歧过大' });
  });

  it('leaves a case alone where the loop allows no such step', () => {
    for (const status of ['REPORTED', 'ACCEPTED', 'RETURNED', 'HANDLED', 'VERIFIED', 'ON_HOLD', 'CLOSED', 'RATED'] as const) {
      expect(decideMediationFollowUp(dispute(status), agreed)).toBeNull();
    }
    expect(decideMediationFollowUp(dispute('REWORK'), failed)).toBeNull();
    expect(decideMediationFollowUp(dispute('HANDLED'), failed)).toBeNull();
  });

  it('fits long terms and reasons into the case events', () => {
    const step = decideMediationFollowUp(dispute('DISPATCHED'), { ...agreed, terms: '款'.repeat(5000) });
    expect(step && step.action === 'handle' && step.feedback.length).toBe(2000);
    const back = decideMediationFollowUp(dispute('DISPATCHED'), { ...failed, reason: '因'.repeat(1000) });
    expect(back && back.action === 'return' && back.reason.length).toBe(500);
  });
});

describe('one open mediation per case (pure rule)', () => {
  const request = {
    mediationId: 'm2',
    caseId: 'c1',
    mediatorId: 'gw',
    parties: [
      { side: 'APPLICANT' as const, name: '甲' },
      { side: 'RESPONDENT' as const, name: '乙' },
    ],
  };

  it('refuses a second mediation while one is open, naming it', () => {
    const error = caught(() => decideMediationOpened(null, dispute('DISPATCHED'), request, { mediationId: 'm1' } as Mediation));
    expect(error).toMatchObject({ kind: 'conflict', code: 'MEDIATION_ALREADY_OPEN', details: { caseId: 'c1', openMediationId: 'm1' } });
    expect(error.message).toContain('m1');
    expect(decideMediationOpened(null, dispute('DISPATCHED'), request, null)).toMatchObject({ mediationId: 'm2', caseId: 'c1' });
  });
});

describe('escalated to me (pure rule)', () => {
  it('is the desk of the sub-district, district and city administrators only', () => {
    expect(requireEscalationDesk({ role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: 'd', subDistrictId: 'sd' } })).toEqual({
      level: 'SUB_DISTRICT',
      jurisdictionId: 'sd',
    });
    expect(requireEscalationDesk({ role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'd' } })).toEqual({ level: 'DISTRICT', jurisdictionId: 'd' });
    expect(requireEscalationDesk({ role: 'CITY_ADMIN', scope: { level: 'CITY' } })).toEqual({ level: 'CITY', jurisdictionId: null });
    expect(caught(() => requireEscalationDesk({ role: 'GRID_WORKER', scope: { level: 'ZONE', districtId: 'd', zoneId: 'z' } }))).toMatchObject({
      kind: 'forbidden',
      code: 'NO_ESCALATION_DESK',
    });
  });
});
