import type { EventEnvelope, MediationAgreedData, MediationFailedData, MediationOpenedData, MediationParty, MediationSessionHeldData, ReferralTarget } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import type { Case } from '../case/case';

export interface MediationSession {
  sessionNo: number;
  heldAt: string;
  summary: string;
}

/** 矛盾纠纷调解: sessions with the parties, ending in an agreement or a referral. */
export interface Mediation {
  mediationId: string;
  caseId: string;
  mediatorId: string;
  parties: MediationParty[];
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  status: 'OPEN' | 'AGREED' | 'FAILED';
  sessions: MediationSession[];
  terms: string | null;
  failureReason: string | null;
  referredTo: ReferralTarget | null;
  endedAt: string | null;
}

export const MAX_SESSIONS = 100;

export function evolveMediation(state: Mediation | null, event: EventEnvelope): Mediation {
  if (event.type === 'governance.MediationOpened.v1') {
    return { ...(event.data as MediationOpenedData), status: 'OPEN', sessions: [], terms: null, failureReason: null, referredTo: null, endedAt: null };
  }
  if (!state) throw new Error(`${event.type} before MediationOpened for ${event.subject}`);
  switch (event.type) {
    case 'governance.MediationSessionHeld.v1': {
      const { mediationId: _, ...session } = event.data as MediationSessionHeldData;
      return { ...state, sessions: [...state.sessions, session] };
    }
    case 'governance.MediationAgreed.v1': {
      const d = event.data as MediationAgreedData;
      return { ...state, status: 'AGREED', terms: d.terms, endedAt: d.at };
    }
    case 'governance.MediationFailed.v1': {
      const d = event.data as MediationFailedData;
      return { ...state, status: 'FAILED', failureReason: d.reason, referredTo: d.referredTo, endedAt: d.at };
    }
    default:
      throw new Error(`Mediation cannot apply ${event.type}`);
  }
}

/**
 * Only a dispute 矛盾纠纷 that is still open can be mediated, and only once at a time (一案一调):
 * `open` is the case's mediation still going, or being opened right now, if any.
 */
export function decideMediationOpened(
  existing: Mediation | null,
  dispute: Case | null,
  request: { mediationId: string; caseId: string; mediatorId: string; parties: MediationParty[] },
  open: Pick<Mediation, 'mediationId'> | null = null,
): MediationOpenedData {
  if (existing) throw new DomainError('conflict', 'MEDIATION_EXISTS', `调解 ${request.mediationId} 已存在`, { mediationId: request.mediationId });
  if (open && open.mediationId !== request.mediationId) {
    throw new DomainError('conflict', 'MEDIATION_ALREADY_OPEN', `案件 ${request.caseId} 已有进行中的调解 ${open.mediationId}，须待其达成协议或认定调解不成后才能启动新的调解`, {
      caseId: request.caseId,
      openMediationId: open.mediationId,
    });
  }
  if (!dispute) throw new DomainError('invalid', 'CASE_NOT_FOUND', `案件 ${request.caseId} 不存在`, { caseId: request.caseId });
  if (dispute.kind !== 'DISPUTE') throw new DomainError('invalid', 'NOT_A_DISPUTE', `案件 ${request.caseId} 不是矛盾纠纷，不能调解`, { caseId: request.caseId });
  if (['REJECTED', 'DUPLICATE', 'CLOSED', 'RATED'].includes(dispute.status)) {
    throw new DomainError('conflict', 'CASE_NOT_OPEN', `案件 ${request.caseId} 已终结，不能再调解`, { caseId: request.caseId, status: dispute.status });
  }
  const sides = new Set(request.parties.map((p) => p.side));
  if (!sides.has('APPLICANT') || !sides.has('RESPONDENT')) throw new DomainError('invalid', 'PARTIES_INCOMPLETE', '调解须有申请方和被申请方', {});
  return {
    mediationId: request.mediationId,
    caseId: dispute.caseId,
    mediatorId: request.mediatorId,
    parties: request.parties.map((p) => ({ side: p.side, name: p.name.trim() })),
    districtId: dispute.districtId,
    subDistrictId: dispute.subDistrictId,
    zoneId: dispute.zoneId,
  };
}

function requireOpen(mediation: Mediation | null, mediationId: string): Mediation {
  if (!mediation) throw new DomainError('not_found', 'MEDIATION_NOT_FOUND', `调解 ${mediationId} 不存在`, { mediationId });
  if (mediation.status !== 'OPEN') {
    throw new DomainError('conflict', 'MEDIATION_ENDED', `调解已结束（${mediation.status === 'AGREED' ? '已达成协议' : '调解不成已转交'}）`, { mediationId, status: mediation.status });
  }
  return mediation;
}

export function decideSession(mediation: Mediation | null, mediationId: string, summary: string, now: Date): MediationSessionHeldData {
  const m = requireOpen(mediation, mediationId);
  if (m.sessions.length >= MAX_SESSIONS) throw new DomainError('invalid', 'TOO_MANY_SESSIONS', `一次调解最多 ${MAX_SESSIONS} 次会谈`, {});
  return { mediationId, sessionNo: m.sessions.length + 1, heldAt: now.toISOString(), summary: summary.trim() };
}

/** An outcome needs at least one session with the parties. */
export function decideAgreement(mediation: Mediation | null, mediationId: string, terms: string, now: Date): MediationAgreedData {
  const m = requireOpen(mediation, mediationId);
  if (m.sessions.length === 0) throw new DomainError('invalid', 'NO_SESSION_YET', '尚未召开调解会谈，不能达成协议', { mediationId });
  return { mediationId, terms: terms.trim(), at: now.toISOString() };
}

export function decideFailure(mediation: Mediation | null, mediationId: string, reason: string, referredTo: ReferralTarget, now: Date): MediationFailedData {
  const m = requireOpen(mediation, mediationId);
  if (m.sessions.length === 0) throw new DomainError('invalid', 'NO_SESSION_YET', '尚未召开调解会谈，不能认定调解不成', { mediationId });
  return { mediationId, reason: reason.trim(), referredTo, at: now.toISOString() };
}
