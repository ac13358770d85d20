import type { EventEnvelope, FinancingMatchConcludedData, FinancingMatchProposedData, FinancingNeedFiledData, FinancingOutcome, LoanProductPublishedData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import type { Enterprise } from '../enterprise/enterprise';
import type { ServiceDay } from '../service-day/service-day';

/** 银行贷款产品 */
export type LoanProduct = LoanProductPublishedData;
/** 企业融资需求 */
export type FinancingNeed = FinancingNeedFiledData;

/** 银企对接: a need matched with a product, then granted or declined. */
export interface FinancingMatch extends FinancingMatchProposedData {
  status: 'PROPOSED' | FinancingOutcome;
  grantedAmount: number | null;
  declineReason: string | null;
  concludedOn: string | null;
}

export function evolveLoanProduct(_state: LoanProduct | null, event: EventEnvelope): LoanProduct {
  if (event.type !== 'enterprise.LoanProductPublished.v1') throw new Error(`LoanProduct cannot apply ${event.type}`);
  return { ...(event.data as LoanProductPublishedData) };
}

export function evolveFinancingNeed(_state: FinancingNeed | null, event: EventEnvelope): FinancingNeed {
  if (event.type !== 'enterprise.FinancingNeedFiled.v1') throw new Error(`FinancingNeed cannot apply ${event.type}`);
  return { ...(event.data as FinancingNeedFiledData) };
}

export function evolveFinancingMatch(state: FinancingMatch | null, event: EventEnvelope): FinancingMatch {
  if (event.type === 'enterprise.FinancingMatchProposed.v1') {
    return { ...(event.data as FinancingMatchProposedData), status: 'PROPOSED', grantedAmount: null, declineReason: null, concludedOn: null };
  }
  if (event.type === 'enterprise.FinancingMatchConcluded.v1' && state) {
    const d = event.data as FinancingMatchConcludedData;
    return { ...state, status: d.outcome, grantedAmount: d.grantedAmount, declineReason: d.declineReason, concludedOn: d.concludedOn };
  }
  throw new Error(`FinancingMatch cannot apply ${event.type}`);
}

export function decideLoanProduct(existing: LoanProduct | null, districtKnown: boolean, request: LoanProductPublishedData): LoanProductPublishedData {
  if (existing) throw new DomainError('conflict', 'LOAN_PRODUCT_EXISTS', `贷款产品 ${request.productId} 已发布`, { productId: request.productId });
  if (!districtKnown) throw new DomainError('invalid', 'DISTRICT_UNKNOWN', `区县 ${request.districtId} 尚未登记`, { districtId: request.districtId });
  if (request.minAmount > request.maxAmount) {
    throw new DomainError('invalid', 'AMOUNT_RANGE_INVALID', `最低额度（${request.minAmount} 元）不能高于最高额度（${request.maxAmount} 元）`, {});
  }
  return { ...request, bank: request.bank.trim(), name: request.name.trim() };
}

export function decideFinancingNeed(
  existing: FinancingNeed | null,
  enterprise: Enterprise | null,
  request: { needId: string; creditCode: string; amount: number; purpose: string; termMonths: number },
): FinancingNeedFiledData {
  if (existing) throw new DomainError('conflict', 'FINANCING_NEED_EXISTS', `融资需求 ${request.needId} 已登记`, { needId: request.needId });
  if (!enterprise) throw new DomainError('invalid', 'ENTERPRISE_UNKNOWN', `统一社会信用代码 ${request.creditCode} 的企业尚未登记`, { creditCode: request.creditCode });
  return {
    ...request,
    purpose: request.purpose.trim(),
    districtId: enterprise.districtId,
    subDistrictId: enterprise.subDistrictId,
    zoneId: enterprise.zoneId,
  };
}

/** A match pairs a need with a product of the need's district, for an amount both allow. */
export function decideFinancingMatch(
  existing: FinancingMatch | null,
  need: FinancingNeed | null,
  product: LoanProduct | null,
  session: ServiceDay | null,
  request: { matchId: string; needId: string; productId: string; sessionId: string | null; intendedAmount: number },
): FinancingMatchProposedData {
  if (existing) throw new DomainError('conflict', 'FINANCING_MATCH_EXISTS', `对接记录 ${request.matchId} 已存在`, { matchId: request.matchId });
  if (!need) throw new DomainError('invalid', 'FINANCING_NEED_UNKNOWN', `融资需求 ${request.needId} 不存在`, { needId: request.needId });
  if (!product) throw new DomainError('invalid', 'LOAN_PRODUCT_UNKNOWN', `贷款产品 ${request.productId} 不存在`, { productId: request.productId });
  if (product.districtId !== need.districtId) {
    throw new DomainError('invalid', 'PRODUCT_OUTSIDE_DISTRICT', `贷款产品「${product.name}」不面向区县 ${need.districtId}`, { productId: product.productId });
  }
  if (request.sessionId !== null) {
    if (!session) throw new DomainError('invalid', 'SESSION_UNKNOWN', `银企对接会 ${request.sessionId} 不存在`, { sessionId: request.sessionId });
    if (session.kind !== 'MATCHMAKING') throw new DomainError('invalid', 'NOT_A_MATCHMAKING_SESSION', `「${session.title}」不是银企对接会`, { sessionId: request.sessionId });
    if (session.districtId !== need.districtId) throw new DomainError('invalid', 'SESSION_OUTSIDE_DISTRICT', `银企对接会「${session.title}」不在区县 ${need.districtId}`, {});
  }
  if (request.intendedAmount > need.amount) {
    throw new DomainError('invalid', 'AMOUNT_EXCEEDS_NEED', `意向金额（${request.intendedAmount} 元）超过企业融资需求（${need.amount} 元）`, {});
  }
  if (request.intendedAmount < product.minAmount || request.intendedAmount > product.maxAmount) {
    throw new DomainError('invalid', 'AMOUNT_OUTSIDE_PRODUCT', `意向金额须在产品额度 ${product.minAmount}–${product.maxAmount} 元之内`, {});
  }
  return {
    matchId: request.matchId,
    needId: need.needId,
    productId: product.productId,
    creditCode: need.creditCode,
    bank: product.bank,
    sessionId: request.sessionId,
    intendedAmount: request.intendedAmount,
    districtId: need.districtId,
    subDistrictId: need.subDistrictId,
    zoneId: need.zoneId,
  };
}

export function decideFinancingOutcome(
  state: FinancingMatch | null,
  matchId: string,
  request: { outcome: FinancingOutcome; grantedAmount: number | null; declineReason: string | null; concludedOn: string },
): FinancingMatchConcludedData {
  if (!state) throw new DomainError('not_found', 'FINANCING_MATCH_NOT_FOUND', `对接记录 ${matchId.slice(0, 64)} 不存在`, { matchId: matchId.slice(0, 64) });
  if (state.status !== 'PROPOSED') {
    const now = state.status === 'GRANTED' ? '已放款' : '未获批';
    throw new DomainError('conflict', 'TRANSITION_NOT_ALLOWED', `对接记录当前状态为「${now}」，结果已登记，不能再次登记；可进行的操作：无`, { status: state.status, allowed: [] });
  }
  if (request.outcome === 'GRANTED') {
    if (!request.grantedAmount) throw new DomainError('invalid', 'GRANTED_AMOUNT_REQUIRED', '放款时须填写放款金额 grantedAmount', {});
    if (request.declineReason) throw new DomainError('invalid', 'REASON_NOT_EXPECTED', '放款时不应填写未获批原因 declineReason', {});
    return { matchId, outcome: 'GRANTED', grantedAmount: request.grantedAmount, declineReason: null, concludedOn: request.concludedOn };
  }
  if (!request.declineReason?.trim()) throw new DomainError('invalid', 'DECLINE_REASON_REQUIRED', '未获批时须填写原因 declineReason', {});
  if (request.grantedAmount) throw new DomainError('invalid', 'AMOUNT_NOT_EXPECTED', '未获批时不应填写放款金额 grantedAmount', {});
  return { matchId, outcome: 'DECLINED', grantedAmount: null, declineReason: request.declineReason.trim(), concludedOn: request.concludedOn };
}
