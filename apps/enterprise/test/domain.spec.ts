import { assertValidPayload, EVENT_CATALOGUE, RequestCategory } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { creditCodeCheckCharacter, creditCodeProblem } from '../src/domain/enterprise/credit-code';
import { decideEnterpriseRegistration, decideProfileUpdate, Enterprise, evolveEnterprise } from '../src/domain/enterprise/enterprise';
import { decideFinancingMatch, decideFinancingOutcome, FinancingMatch } from '../src/domain/financing/financing';
import { decidePolicyMatch, isEligible, Policy, policyMatchId } from '../src/domain/policy/policy';
import { decideRoutingRule, DEFAULT_ROUTING, routeRequest } from '../src/domain/request/routing';
import {
  decideClosure,
  decideEscalation,
  requireEscalationDesk,
  decideFirstContact,
  decideInterimReply,
  decideRating,
  decideSubmission,
  evolveServiceRequest,
  requestLights,
  ServiceRequest,
} from '../src/domain/request/service-request';
import { decideServiceTargets, DEFAULT_SERVICE_TARGETS, deadlinesFor, targetLight } from '../src/domain/request/service-targets';
import { addWorkingDays } from '../src/domain/request/working-days';

const VALID = '91370811MA3HN0001T';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts valid codes, including the example quoted with the standard', () => {
    expect(creditCodeProblem(VALID)).toBeNull();
    // The example code widely quoted with GB 32100-2015.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
  });

  it('computes the check character from the first 17 characters', () => {
    expect(creditCodeCheckCharacter('91370811MA3HN0001')).toBe('T');
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('rejects a wrong check character', () => {
    expect(creditCodeProblem('91370811MA3HN0001U')).toBe('CHECK_CHARACTER');
    expect(creditCodeProblem('91370811MA3HN0002T')).toBe('CHECK_CHARACTER');
  });

  it('rejects a wrong length', () => {
    expect(creditCodeProblem(VALID.slice(0, 17))).toBe('LENGTH');
    expect(creditCodeProblem(`${VALID}0`)).toBe('LENGTH');
    expect(creditCodeProblem('')).toBe('LENGTH');
  });

  it.each(['I', 'O', 'Z', 'S', 'V', 'a', '-'])('rejects the forbidden character %s', (c) => {
    expect(creditCodeProblem(`91370811MA3HN000${c}T`)).toBe('CHARACTERS');
  });

  it('rejects letters in the region code', () => {
    const body = '9137A811MA3HN0001';
    expect(creditCodeProblem(body + creditCodeCheckCharacter(body))).toBe('REGION');
  });
});

describe('working days and targets', () => {
  // 2026-03-06 is a Friday; 10:00 China time is 02:00Z.
  const friday = new Date('2026-03-06T02:00:00.000Z');

  it('skips Saturday and Sunday', () => {
    expect(addWorkingDays(friday, 1, []).toISOString()).toBe('2026-03-09T02:00:00.000Z');
    expect(addWorkingDays(friday, 3, []).toISOString()).toBe('2026-03-11T02:00:00.000Z');
  });

  it('skips listed holidays, using the China-time date', () => {
    expect(addWorkingDays(friday, 1, ['2026-03-09']).toISOString()).toBe('2026-03-10T02:00:00.000Z');
    // 23:30 China time on Friday is still Friday there although it is 15:30Z.
    const lateFriday = new Date('2026-03-06T15:30:00.000Z');
    expect(addWorkingDays(lateFriday, 1, []).toISOString()).toBe('2026-03-09T15:30:00.000Z');
  });

  it('sets default deadlines of 1 hour, 3 and 5 working days', () => {
    expect(deadlinesFor(friday, DEFAULT_SERVICE_TARGETS)).toEqual({
      firstContactDue: '2026-03-06T03:00:00.000Z',
      interimReplyDue: '2026-03-11T02:00:00.000Z',
      closureDue: '2026-03-13T02:00:00.000Z',
    });
  });

  it('is green before 80 % of the time is used, amber from 80 %, red once missed, and judges met targets by when they were met', () => {
    const start = '2026-03-06T02:00:00.000Z';
    const due = '2026-03-06T03:00:00.000Z';
    expect(targetLight(start, due, null, new Date('2026-03-06T02:47:00.000Z'))).toBe('GREEN');
    expect(targetLight(start, due, null, new Date('2026-03-06T02:48:00.000Z'))).toBe('AMBER');
    expect(targetLight(start, due, null, new Date('2026-03-06T03:00:01.000Z'))).toBe('RED');
    expect(targetLight(start, due, '2026-03-06T02:59:00.000Z', new Date('2026-03-09T00:00:00.000Z'))).toBe('GREEN');
    expect(targetLight(start, due, '2026-03-06T03:10:00.000Z', new Date('2026-03-09T00:00:00.000Z'))).toBe('RED');
  });

  it('refuses an interim reply target later than the closure target and invalid holidays', () => {
    expect(caught(() => decideServiceTargets(null, { ...DEFAULT_SERVICE_TARGETS, interimReplyWorkingDays: 6 })).code).toBe('INTERIM_AFTER_CLOSURE');
    expect(caught(() => decideServiceTargets(null, { ...DEFAULT_SERVICE_TARGETS, holidays: ['2026-02-30'] })).code).toBe('HOLIDAY_INVALID');
    expect(caught(() => decideServiceTargets(null, DEFAULT_SERVICE_TARGETS)).code).toBe('TARGETS_UNCHANGED');
  });
});

describe('routing rules', () => {
  it('routes every category by default and follows an admin rule once set', () => {
    expect(routeRequest('LEGAL_AID', null)).toBe('JUSTICE');
    expect(routeRequest('PROCEDURES', null)).toBe('MARKET_REGULATION');
    expect(routeRequest('TAX', null)).toBe('TAX');
    expect(routeRequest('FINANCING', null)).toBe('FINANCE');
    expect(Object.keys(DEFAULT_ROUTING)).toHaveLength(8);
    expect(routeRequest('FINANCIAL_TRAINING', { category: 'FINANCIAL_TRAINING', department: 'TAX' })).toBe('TAX');
  });

  it('refuses a rule that changes nothing', () => {
    expect(caught(() => decideRoutingRule(null, 'TAX', 'TAX')).code).toBe('ROUTING_UNCHANGED');
    expect(decideRoutingRule(null, 'TAX', 'FINANCE')).toEqual({ category: 'TAX', department: 'FINANCE' });
  });
});

const enterprise: Enterprise = {
  creditCode: VALID,
  name: '济宁海能电子商务有限公司',
  building: null,
  buildingId: null,
  industry: '电子商务',
  size: 'SMALL',
  employees: 30,
  youngGraduates: 12,
  contacts: [],
  tags: ['电商', '小微企业', '高校毕业生就业'],
  districtId: 'rencheng',
  subDistrictId: 'xianying',
  zoneId: 'zone-haineng',
  registeredAt: '2026-01-01T00:00:00.000Z',
};

describe('enterprise registration', () => {
  const zone = { zoneId: 'zone-haineng', name: '海能电商园', districtId: 'rencheng', subDistrictId: 'xianying' };
  const profile = { name: 'x', building: null, buildingId: null, industry: '电商', size: 'SMALL' as const, employees: 10, youngGraduates: 3, contacts: [], tags: [] };

  it('places the enterprise in the zone membership registered', () => {
    expect(decideEnterpriseRegistration(null, zone, null, { creditCode: VALID, zoneId: 'zone-haineng', profile })).toMatchObject({ districtId: 'rencheng', subDistrictId: 'xianying' });
  });

  it('refuses a second registration, an unknown zone, a bad code and more graduates than employees', () => {
    expect(caught(() => decideEnterpriseRegistration(enterprise, zone, null, { creditCode: VALID, zoneId: 'zone-haineng', profile })).kind).toBe('conflict');
    expect(caught(() => decideEnterpriseRegistration(null, null, null, { creditCode: VALID, zoneId: 'zone-x', profile })).code).toBe('ZONE_UNKNOWN');
    expect(caught(() => decideEnterpriseRegistration(null, zone, null, { creditCode: '91370811MA3HN0001U', zoneId: 'zone-haineng', profile })).code).toBe('CREDIT_CODE_CHECK_CHARACTER');
    expect(caught(() => decideEnterpriseRegistration(null, zone, null, { creditCode: VALID, zoneId: 'zone-haineng', profile: { ...profile, youngGraduates: 11 } })).code).toBe(
      'GRADUATES_EXCEED_EMPLOYEES',
    );
  });
});

describe('所在楼宇: the building an enterprise is in', () => {
  const zone = { zoneId: 'zone-haineng', name: '海能电商园', districtId: 'rencheng', subDistrictId: 'xianying' };
  const profile = { name: 'x', building: null, buildingId: 'bld-haineng-a', industry: '电商', size: 'SMALL' as const, employees: 10, youngGraduates: 3, contacts: [], tags: [] };
  const tower = { buildingId: 'bld-haineng-a', name: '海能电商园 A 座', zoneId: 'zone-haineng' };
  const register = (building: typeof tower | null, p: Partial<typeof profile> | Record<string, unknown> = {}) =>
    decideEnterpriseRegistration(null, zone, building, { creditCode: VALID, zoneId: 'zone-haineng', profile: { ...profile, ...p } as never });

  it('takes the displayed name from a building of its own zone, and keeps free text where it names none', () => {
    expect(register(tower)).toMatchObject({ buildingId: 'bld-haineng-a', building: '海能电商园 A 座' });
    expect(register(tower, { building: '海能电商园 A 座' })).toMatchObject({ building: '海能电商园 A 座' });
    expect(register(null, { buildingId: null, building: ' 海能产业园 ' })).toMatchObject({ buildingId: null, building: '海能产业园' });
  });

  it('refuses an unknown building, one of another zone and a free text that contradicts it, naming buildingId', () => {
    expect(caught(() => register(null))).toMatchObject({ kind: 'invalid', code: 'BUILDING_NOT_FOUND' });
    expect(caught(() => register({ ...tower, zoneId: 'zone-taibailou' }))).toMatchObject({ kind: 'invalid', code: 'BUILDING_IN_OTHER_ZONE' });
    expect(caught(() => register({ ...tower, zoneId: 'zone-taibailou' })).message).toMatch(/^buildingId/);
    expect(caught(() => register(tower, { building: '别的楼' }))).toMatchObject({ kind: 'invalid', code: 'BUILDING_NAME_MISMATCH' });
  });

  it('keeps the building when an update leaves buildingId out, clears it with null, and moves it to another of the zone', () => {
    const located: Enterprise = { ...enterprise, buildingId: 'bld-haineng-a', building: '海能电商园 A 座' };
    const { buildingId: _b, ...withoutBuilding } = profile;
    expect(decideProfileUpdate(located, VALID, { ...withoutBuilding, name: 'y' }, null)).toMatchObject({ buildingId: 'bld-haineng-a', building: '海能电商园 A 座', name: 'y' });
    expect(decideProfileUpdate(located, VALID, { ...withoutBuilding, name: located.name, buildingId: null }, null)).toMatchObject({ buildingId: null, building: null });
    const other = { buildingId: 'bld-haineng-b', name: '海能电商园 B 座', zoneId: 'zone-haineng' };
    expect(decideProfileUpdate(located, VALID, { ...withoutBuilding, name: located.name, buildingId: other.buildingId }, other)).toMatchObject({
      buildingId: 'bld-haineng-b',
      building: '海能电商园 B 座',
    });
    expect(caught(() => decideProfileUpdate(located, VALID, { ...withoutBuilding, buildingId: other.buildingId }, { ...other, zoneId: 'zone-x' })).code).toBe('BUILDING_IN_OTHER_ZONE');
  });

  it('reads v1 events, written before buildings, as in no registered building with their free text', () => {
    const ev = (type: string, data: unknown, v: number) => ({ type, data, aggregateversion: v, subject: VALID, time: '2026-01-01T00:00:00.000Z' }) as never;
    const { buildingId: _b, ...v1 } = enterprise;
    let state = evolveEnterprise(null, ev('enterprise.EnterpriseRegistered.v1', { ...v1, building: '海能电商园 A 座' }, 1));
    expect(state).toMatchObject({ building: '海能电商园 A 座', buildingId: null });
    state = evolveEnterprise(state, ev('enterprise.EnterpriseProfileUpdated.v2', { creditCode: VALID, ...profile, name: 'x', building: '海能电商园 A 座' }, 2));
    expect(state).toMatchObject({ buildingId: 'bld-haineng-a', name: 'x' });
    expect(evolveEnterprise(state, ev('enterprise.EnterpriseProfileUpdated.v1', { ...v1, building: '旧楼' }, 3))).toMatchObject({
      building: '旧楼',
      buildingId: null,
    });
  });
});

describe('service request lifecycle', () => {
  const t0 = new Date('2026-03-02T01:00:00.000Z'); // Monday 09:00 China time
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  let version = 0;
  const apply = (state: ServiceRequest | null, type: string, data: unknown, v = 1): ServiceRequest =>
    evolveServiceRequest(state, { type: `enterprise.${type}.v${v}`, data, aggregateversion: ++version, subject: 'req-1', time: t0.toISOString() } as never);

  const submitted = (category: RequestCategory = 'FINANCING') =>
    apply(
      null,
      'ServiceRequestSubmitted',
      decideSubmission(null, enterprise, VALID, { requestId: 'req-1', category, title: '贷款', description: '需要资金', origin: null }, null, DEFAULT_SERVICE_TARGETS, t0),
    );

  it('routes, fixes deadlines and walks submitted → first contact → interim reply → closed → rated', () => {
    let r = submitted();
    expect(r).toMatchObject({ status: 'SUBMITTED', department: 'FINANCE', firstContactDue: '2026-03-02T02:00:00.000Z', closureDue: '2026-03-09T01:00:00.000Z' });
    r = apply(r, 'ServiceRequestFirstContacted', decideFirstContact(r, 'req-1', '已联系', at(30)));
    expect(r.status).toBe('FIRST_CONTACTED');
    r = apply(r, 'ServiceRequestInterimReplied', decideInterimReply(r, 'req-1', '办理中', at(60 * 24)));
    expect(r.status).toBe('INTERIM_REPLIED');
    const closed = decideClosure(r, 'req-1', '已放款', at(60 * 48));
    expect(closed.onTime).toBe(true);
    r = apply(r, 'ServiceRequestClosed', closed);
    r = apply(r, 'ServiceRequestRated', decideRating(r, 'req-1', 5, null, at(60 * 50)));
    expect(r).toMatchObject({ status: 'RATED', satisfaction: 5, closedOnTime: true });
    expect(requestLights(r, at(60 * 24 * 30)).light).toBe('GREEN');
  });

  it('lets a request be closed straight after first contact, which also answers the interim-reply target', () => {
    let r = submitted();
    r = apply(r, 'ServiceRequestFirstContacted', decideFirstContact(r, 'req-1', '已联系', at(10)));
    r = apply(r, 'ServiceRequestClosed', decideClosure(r, 'req-1', '当场解决', at(20)));
    expect(requestLights(r, at(60 * 24 * 30)).targets.INTERIM_REPLY.light).toBe('GREEN');
    expect(caught(() => decideEscalation(r, 'req-1', 'INTERIM_REPLY', at(60 * 24 * 30), 'jining')).code).toBe('TARGET_MET');
  });

  it('answers every forbidden step with a conflict naming the current state and the allowed steps', () => {
    const r = submitted();
    const e = caught(() => decideClosure(r, 'req-1', 'x', at(5)));
    expect(e.kind).toBe('conflict');
    expect(e.message).toMatch(/当前状态为「已提交」.*可进行的操作：首次联系/);
    expect(e.details).toMatchObject({ status: 'SUBMITTED', allowed: ['FIRST_CONTACT'] });
    expect(caught(() => decideInterimReply(r, 'req-1', 'x', at(5))).code).toBe('TRANSITION_NOT_ALLOWED');
    expect(caught(() => decideRating(r, 'req-1', 3, null, at(5))).code).toBe('TRANSITION_NOT_ALLOWED');
    const contacted = apply(r, 'ServiceRequestFirstContacted', decideFirstContact(r, 'req-1', 'x', at(5)));
    expect(caught(() => decideFirstContact(contacted, 'req-1', 'x', at(6))).message).toMatch(/「已首次联系」.*阶段答复、办结/);
    expect(caught(() => decideRating(contacted, 'req-1', 3, null, at(6))).code).toBe('TRANSITION_NOT_ALLOWED');
    const closed = apply(contacted, 'ServiceRequestClosed', decideClosure(contacted, 'req-1', 'x', at(7)));
    expect(caught(() => decideInterimReply(closed, 'req-1', 'x', at(8))).message).toMatch(/「已办结」.*满意度评价/);
    const rated = apply(closed, 'ServiceRequestRated', decideRating(closed, 'req-1', 4, null, at(9)));
    expect(caught(() => decideRating(rated, 'req-1', 4, null, at(10))).message).toMatch(/「已评价」.*已结束/);
  });

  it('escalates a missed target once, and not before it is due', () => {
    let r = submitted();
    expect(caught(() => decideEscalation(r, 'req-1', 'FIRST_CONTACT', at(60), 'jining')).code).toBe('TARGET_NOT_DUE');
    expect(requestLights(r, at(48)).targets.FIRST_CONTACT.light).toBe('AMBER');
    expect(requestLights(r, at(61)).light).toBe('RED');
    const escalation = decideEscalation(r, 'req-1', 'FIRST_CONTACT', at(61), 'jining');
    expect(escalation).toMatchObject({ target: 'FIRST_CONTACT', department: 'FINANCE', dueAt: '2026-03-02T02:00:00.000Z' });
    r = apply(r, 'ServiceRequestEscalated', escalation, 2);
    expect(caught(() => decideEscalation(r, 'req-1', 'FIRST_CONTACT', at(120), 'jining')).code).toBe('ALREADY_ESCALATED');
    // Closing late is recorded as not on time.
    r = apply(r, 'ServiceRequestFirstContacted', decideFirstContact(r, 'req-1', 'x', at(90)));
    expect(decideClosure(r, 'req-1', 'x', at(60 * 24 * 8)).onTime).toBe(false);
  });

  it('escalates one level per missed target: sub-district, district, city, each naming its jurisdiction', () => {
    let r = { ...submitted(), districtId: 'rencheng', subDistrictId: 'fuqiao' };
    const levels: unknown[] = [];
    for (const [target, minutes] of [
      ['FIRST_CONTACT', 61],
      ['INTERIM_REPLY', 60 * 24 * 4],
      ['CLOSURE', 60 * 24 * 10],
    ] as const) {
      const e = decideEscalation(r, 'req-1', target, at(minutes), 'jining');
      levels.push([e.fromLevel, e.toLevel, e.toJurisdictionId]);
      r = apply(r, 'ServiceRequestEscalated', e, 2);
    }
    expect(levels).toEqual([
      ['ZONE', 'SUB_DISTRICT', 'fuqiao'],
      ['SUB_DISTRICT', 'DISTRICT', 'rencheng'],
      ['DISTRICT', 'CITY', 'jining'],
    ]);
    expect(r).toMatchObject({ escalationLevel: 'CITY', escalatedTo: 'jining' });
  });

  it('places escalations written before v2 by the same rule when replayed', () => {
    const r = { ...submitted(), subDistrictId: 'fuqiao' };
    const { fromLevel: _f, toLevel: _t, toJurisdictionId: _j, ...v1 } = decideEscalation(r, 'req-1', 'FIRST_CONTACT', at(61), 'jining');
    expect(apply(r, 'ServiceRequestEscalated', v1, 1)).toMatchObject({ escalated: ['FIRST_CONTACT'], escalationLevel: 'SUB_DISTRICT', escalatedTo: 'fuqiao' });
  });

  it('puts escalated requests on the desks of sub-district, district and city administrators only', () => {
    expect(requireEscalationDesk({ role: 'SUB_DISTRICT_ADMIN', scope: { level: 'SUB_DISTRICT', districtId: 'rencheng', subDistrictId: 'fuqiao' } })).toEqual({
      level: 'SUB_DISTRICT',
      jurisdictionId: 'fuqiao',
    });
    expect(requireEscalationDesk({ role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'rencheng' } })).toEqual({ level: 'DISTRICT', jurisdictionId: 'rencheng' });
    expect(requireEscalationDesk({ role: 'CITY_ADMIN', scope: { level: 'CITY' } })).toEqual({ level: 'CITY', jurisdictionId: null });
    expect(caught(() => requireEscalationDesk({ role: 'ENTERPRISE_CONTACT', scope: { level: 'ZONE', districtId: 'rencheng', zoneId: 'z' } })).code).toBe('NO_ESCALATION_DESK');
  });
});

describe('bank-enterprise matching and policies', () => {
  const need = { needId: 'fn-1', creditCode: VALID, amount: 3_000_000, purpose: '备货', termMonths: 12, districtId: 'rencheng', subDistrictId: 'xianying', zoneId: 'zone-haineng' };
  const product = { productId: 'lp-1', bank: '农商银行', name: '科技贷', minAmount: 100_000, maxAmount: 2_000_000, annualRatePercent: 3.8, termMonths: 12, districtId: 'rencheng' };
  const request = { matchId: 'fm-1', needId: 'fn-1', productId: 'lp-1', sessionId: null, intendedAmount: 1_500_000 };

  it('matches a need with a product for an amount both allow', () => {
    expect(decideFinancingMatch(null, need, product, null, request)).toMatchObject({ bank: '农商银行', intendedAmount: 1_500_000, zoneId: 'zone-haineng' });
    expect(caught(() => decideFinancingMatch(null, need, product, null, { ...request, intendedAmount: 2_500_000 })).code).toBe('AMOUNT_OUTSIDE_PRODUCT');
    expect(caught(() => decideFinancingMatch(null, { ...need, amount: 1_000_000 }, product, null, request)).code).toBe('AMOUNT_EXCEEDS_NEED');
    expect(caught(() => decideFinancingMatch(null, need, { ...product, districtId: 'gaoxin' }, null, request)).code).toBe('PRODUCT_OUTSIDE_DISTRICT');
  });

  it('records the outcome once: granted with an amount or declined with a reason', () => {
    const proposed: FinancingMatch = { ...decideFinancingMatch(null, need, product, null, request), status: 'PROPOSED', grantedAmount: null, declineReason: null, concludedOn: null };
    expect(decideFinancingOutcome(proposed, 'fm-1', { outcome: 'GRANTED', grantedAmount: 1_000_000, declineReason: null, concludedOn: '2026-04-01' })).toMatchObject({
      grantedAmount: 1_000_000,
    });
    expect(caught(() => decideFinancingOutcome(proposed, 'fm-1', { outcome: 'DECLINED', grantedAmount: null, declineReason: ' ', concludedOn: '2026-04-01' })).code).toBe(
      'DECLINE_REASON_REQUIRED',
    );
    expect(caught(() => decideFinancingOutcome(proposed, 'fm-1', { outcome: 'GRANTED', grantedAmount: null, declineReason: null, concludedOn: '2026-04-01' })).code).toBe(
      'GRANTED_AMOUNT_REQUIRED',
    );
    const granted = { ...proposed, status: 'GRANTED' as const };
    expect(caught(() => decideFinancingOutcome(granted, 'fm-1', { outcome: 'DECLINED', grantedAmount: null, declineReason: '额度不足', concludedOn: '2026-04-01' })).message).toMatch(
      /已放款/,
    );
  });

  it('matches enterprises carrying every eligibility tag in the policy jurisdiction, once', () => {
    const policy: Policy = {
      policyId: 'p-1',
      title: '社保补贴',
      department: 'HUMAN_RESOURCES',
      summary: 's',
      eligibilityTags: ['小微企业', '高校毕业生就业'],
      districtId: 'rencheng',
      zoneId: null,
    };
    expect(isEligible(policy, enterprise)).toBe(true);
    expect(isEligible({ ...policy, eligibilityTags: ['小微企业', '高新技术企业'] }, enterprise)).toBe(false);
    expect(isEligible({ ...policy, districtId: 'gaoxin' }, enterprise)).toBe(false);
    expect(isEligible({ ...policy, zoneId: 'zone-other' }, enterprise)).toBe(false);
    const match = decidePolicyMatch(null, policy, enterprise);
    expect(match.matchId).toBe(policyMatchId('p-1', VALID));
    expect(caught(() => decidePolicyMatch(match, policy, enterprise)).code).toBe('ALREADY_MATCHED');
  });
});

describe('enterprise event contracts', () => {
  it('has a schema-valid example, descriptions and no ID or phone number field for every enterprise event', () => {
    const own = EVENT_CATALOGUE.filter((d) => d.context === 'enterprise');
    expect(own.length).toBeGreaterThanOrEqual(20);
    for (const definition of own) {
      expect(() => assertValidPayload(definition.type, definition.example)).not.toThrow();
      expect(definition.description.zh).toBeTruthy();
      expect(definition.description.en).toBeTruthy();
      expect(JSON.stringify(definition.schema)).not.toMatch(/idNumber|phone/i);
      expect((definition.schema as { additionalProperties?: boolean }).additionalProperties).toBe(false);
    }
  });
});
