import type { EventEnvelope } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { decideConclusion, evolveIdentityDeclaration, IdentityDeclaration } from '../src/domain/identity/identity-declaration';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
  return 'none';
}

const envelope = (type: string, data: Record<string, unknown>) => ({ type: `membership.${type}.v1`, data }) as unknown as EventEnvelope;

const declared = evolveIdentityDeclaration(
  null,
  envelope('IdentityDeclared', {
    declarationId: 'idd-1',
    name: '赵磊',
    gender: 'MALE',
    organizationId: 'org-a',
    homeOrganizationName: null,
    employerName: null,
    declaredJoinedOn: '2015-06-20',
    declaredOn: '2026-03-10',
    districtId: 'd',
    subDistrictId: 's',
    zoneId: null,
  }),
);
const verified = evolveIdentityDeclaration(declared, envelope('IdentityDeclarationVerified', { declarationId: 'idd-1', verifiedOn: '2026-03-15' }));
const rejected = evolveIdentityDeclaration(declared, envelope('IdentityDeclarationRejected', { declarationId: 'idd-1', reason: 'x', rejectedOn: '2026-03-15' }));

describe('亮身份办结 decideConclusion', () => {
  const decide =
    (state: IdentityDeclaration | null, on = '2026-03-16') =>
    () =>
      decideConclusion(state, 'idd-1', 'RECORD_FLOATING', 'mem-1', on, '2026-06-01');

  it('concludes a verified declaration once, naming the decision and the record', () => {
    expect(decide(verified)()).toEqual({ declarationId: 'idd-1', decision: 'RECORD_FLOATING', memberId: 'mem-1', decidedOn: '2026-03-16' });
    const concluded = evolveIdentityDeclaration(verified, envelope('IdentityDeclarationConcluded', decide(verified)() as unknown as Record<string, unknown>));
    expect(concluded.conclusion).toEqual({ decision: 'RECORD_FLOATING', memberId: 'mem-1', decidedOn: '2026-03-16' });
    expect(code(decide(concluded))).toBe('conflict:DECLARATION_ALREADY_CONCLUDED');
  });

  it('refuses an unverified or rejected declaration, and one that does not exist', () => {
    expect(code(decide(declared))).toBe('conflict:DECLARATION_NOT_VERIFIED');
    expect(code(decide(rejected))).toBe('conflict:DECLARATION_NOT_VERIFIED');
    expect(code(decide(null))).toBe('not_found:DECLARATION_NOT_FOUND');
  });

  it('takes a day from the verification to today', () => {
    expect(code(decide(verified, '2026-03-14'))).toBe('invalid:INVALID_DATE');
    expect(code(decide(verified, '2026-06-02'))).toBe('invalid:INVALID_DATE');
    expect(code(decide(verified, '2026-02-30'))).toBe('invalid:INVALID_DATE');
    expect(code(decide(verified, '2026-06-01'))).toBe('none');
  });

  it('reads snapshots from before the conclusion existed as not concluded', () => {
    const old = { ...verified } as IdentityDeclaration;
    delete old.conclusion;
    expect(code(decide(old))).toBe('none');
  });
});
