import { MemberIdNumberCorrected, MemberRecordCorrected, MemberRegistered, MembershipEnded, MembershipEndedData } from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';
import { envelopeOf, idNumberFor } from '@pb/testing';
import {
  decideAdmissionAsFull,
  decideAdvance,
  decideCheckIn,
  decideCorrection,
  decideEnding,
  decideIdNumberCorrection,
  decideTransferRequest,
  evolveMember,
  Member,
  OrganizationRef,
} from '../src/domain/member/member';

const TODAY = '2026-06-01';
const ORG: OrganizationRef = { organizationId: 'org-a', name: '甲支部', type: 'BRANCH', districtId: 'd', subDistrictId: 's', zoneId: 'z' };
const OTHER: OrganizationRef = { organizationId: 'org-b', name: '乙支部', type: 'BRANCH', districtId: 'd', subDistrictId: 's2', zoneId: 'z2' };

/** A member as its registration leaves it (built through evolve, as the service builds it). */
function registered(status: 'FULL' | 'PROBATIONARY' = 'FULL'): Member {
  const data = {
    ...MemberRegistered.example,
    memberId: 'mem-1',
    name: '张明',
    organizationId: 'org-a',
    districtId: 'd',
    subDistrictId: 's',
    zoneId: 'z',
    status,
    joinedOn: '2015-07-01',
  };
  return evolveMember(null, envelopeOf(MemberRegistered, data, { aggregateId: 'mem-1', version: 1 }));
}

function ended(member: Member, data: MembershipEndedData): Member {
  return evolveMember(member, envelopeOf(MembershipEnded, data, { aggregateId: 'mem-1', version: 2 }));
}

function rejects(fn: () => unknown, code: string, kind?: string): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    if (kind) expect((error as DomainError).kind).toBe(kind);
    return error as DomainError;
  }
  throw new Error(`expected ${code}`);
}

describe('修改党员信息 corrections', () => {
  it('corrects only what differs, keeps the phone out of the event and moves the member with a corrected organization', () => {
    const member = registered();
    const { data, phone } = decideCorrection(
      member,
      'mem-1',
      { reason: ' 登记时姓名录入错误 ', name: '张铭', phone: '13900000001', education: 'UNDERGRADUATE', organizationId: 'org-b', employer: { employerName: member.employerName } },
      '13800000000',
      OTHER,
    );
    expect(phone).toBe('13900000001');
    expect(data).toMatchObject({ corrected: ['name', 'phone', 'education', 'organization'], reason: '登记时姓名录入错误', name: '张铭', organizationId: 'org-b', zoneId: 'z2' });
    expect(JSON.stringify(data)).not.toContain('13900000001');
    const after = evolveMember(member, envelopeOf(MemberRecordCorrected, data, { aggregateId: 'mem-1', version: 2 }));
    expect(after).toMatchObject({ name: '张铭', education: 'UNDERGRADUATE', organizationId: 'org-b', subDistrictId: 's2' });
    // Where the member counts follows the corrected organization (the one rule).
    expect(after.countedIn).toMatchObject({ organizationId: 'org-b', zoneId: 'z2' });
  });

  it('refuses a correction without a reason, one that changes nothing, a missing organization and a move during a transfer', () => {
    const member = registered();
    rejects(() => decideCorrection(member, 'mem-1', { reason: '  ', name: '李四' }, null, null), 'REASON_REQUIRED', 'invalid');
    rejects(() => decideCorrection(member, 'mem-1', { reason: '核对', name: '张明', phone: '13800000000' }, '13800000000', null), 'NOTHING_TO_CORRECT', 'invalid');
    rejects(() => decideCorrection(member, 'mem-1', { reason: '核对', organizationId: 'org-x' }, null, null), 'ORGANIZATION_NOT_FOUND', 'invalid');
    const transfer = decideTransferRequest(member, 'mem-1', OTHER, 'org-b', { transferId: 'tr-1', reason: '工作调动', requestedOn: TODAY, toZoneJointCommittee: false }, TODAY);
    expect(transfer.transferId).toBe('tr-1');
    const inTransfer: Member = { ...member, transfer: { ...transfer, status: 'REQUESTED', returnReason: null, approvedOn: null } };
    rejects(() => decideCorrection(inTransfer, 'mem-1', { reason: '登记错误', organizationId: 'org-b' }, null, OTHER), 'TRANSFER_OPEN', 'conflict');
  });

  it('corrects an ID number to a valid, different one; the birth year follows, the number stays out of the event', () => {
    const member = registered();
    const current = idNumberFor('1990-03-15', 1);
    const next = idNumberFor('1991-04-16', 2).toLowerCase();
    const { data, idNumber } = decideIdNumberCorrection(member, 'mem-1', { idNumber: next, reason: '末位录入错误' }, current, TODAY);
    expect(idNumber).toBe(next.toUpperCase());
    expect(data).toEqual({ memberId: 'mem-1', reason: '末位录入错误', birthYear: 1991 });
    expect(evolveMember(member, envelopeOf(MemberIdNumberCorrected, data, { aggregateId: 'mem-1', version: 2 })).birthYear).toBe(1991);
    rejects(() => decideIdNumberCorrection(member, 'mem-1', { idNumber: current, reason: '核对' }, current, TODAY), 'NOTHING_TO_CORRECT');
    rejects(() => decideIdNumberCorrection(member, 'mem-1', { idNumber: current.slice(0, 17) + (current[17] === '1' ? '2' : '1'), reason: '核对' }, null, TODAY), 'INVALID_ID_NUMBER');
  });
});

describe('党籍终止 ending a membership', () => {
  const request = { kind: 'DECEASED' as const, endedOn: '2026-05-01', approvingOrganizationId: 'org-a', letterNumber: null };

  it('ends a membership in each of the ways the rules know; the member then counts nowhere and keeps the history', () => {
    for (const kind of ['STOPPED', 'EXPELLED', 'REMOVED', 'WITHDRAWN', 'DECEASED'] as const) {
      const data = decideEnding(registered(), 'mem-1', ORG, { ...request, kind }, TODAY);
      expect(data).toEqual({ memberId: 'mem-1', kind, endedOn: '2026-05-01', approvingOrganizationId: 'org-a', letterNumber: null, organizationId: 'org-a' });
    }
    const out = decideEnding(registered('PROBATIONARY'), 'mem-1', ORG, { ...request, kind: 'TRANSFERRED_OUT', letterNumber: ' 济组转〔2026〕118号 ' }, TODAY);
    expect(out.letterNumber).toBe('济组转〔2026〕118号');
    const after = ended(registered('PROBATIONARY'), out);
    expect(after).toMatchObject({ status: 'ENDED', stage: 'PROBATIONARY', organizationId: 'org-a', countedIn: null });
    expect(after.ending).toEqual({
      kind: 'TRANSFERRED_OUT',
      endedOn: '2026-05-01',
      approvingOrganizationId: 'org-a',
      letterNumber: '济组转〔2026〕118号',
      statusBefore: 'PROBATIONARY',
    });
  });

  it('needs an existing approving organization, a date between joining and today, and the letter only for a transfer out of the city', () => {
    rejects(() => decideEnding(registered(), 'mem-1', null, { ...request, approvingOrganizationId: 'org-x' }, TODAY), 'ORGANIZATION_NOT_FOUND', 'invalid');
    rejects(() => decideEnding(registered(), 'mem-1', ORG, { ...request, endedOn: '2026-06-02' }, TODAY), 'DATE_IN_FUTURE', 'invalid');
    rejects(() => decideEnding(registered(), 'mem-1', ORG, { ...request, endedOn: '2015-06-30' }, TODAY), 'DATE_OUT_OF_ORDER', 'invalid');
    rejects(() => decideEnding(registered(), 'mem-1', ORG, { ...request, kind: 'TRANSFERRED_OUT' }, TODAY), 'LETTER_NUMBER_REQUIRED', 'invalid');
    rejects(() => decideEnding(registered(), 'mem-1', ORG, { ...request, letterNumber: '济组转1号' }, TODAY), 'LETTER_NUMBER_NOT_EXPECTED', 'invalid');
  });

  it('refuses every further step of an ended member with a 409 saying why, and a second ending', () => {
    const gone = ended(registered('PROBATIONARY'), decideEnding(registered('PROBATIONARY'), 'mem-1', ORG, request, TODAY));
    const error = rejects(() => decideEnding(gone, 'mem-1', ORG, request, TODAY), 'MEMBERSHIP_ENDED', 'conflict');
    expect(error.message).toContain('死亡');
    rejects(
      () => decideTransferRequest(gone, 'mem-1', OTHER, 'org-b', { transferId: 'tr-1', reason: '调动', requestedOn: TODAY, toZoneJointCommittee: false }, TODAY),
      'MEMBERSHIP_ENDED',
    );
    rejects(() => decideCheckIn(gone, 'mem-1', OTHER, 'org-b', '外地支部', TODAY, TODAY), 'MEMBERSHIP_ENDED');
    rejects(() => decideAdmissionAsFull(gone, 'mem-1', TODAY, TODAY), 'MEMBERSHIP_ENDED');
    rejects(() => decideAdvance(gone, 'mem-1', { toStage: 'FULL', on: TODAY, introducerMemberIds: [], recommendationId: null }, [], TODAY), 'MEMBERSHIP_ENDED');
    // The record can still be corrected (a name), but no longer placed elsewhere.
    expect(decideCorrection(gone, 'mem-1', { reason: '档案核对', name: '张铭' }, null, null).data.corrected).toEqual(['name']);
    rejects(() => decideCorrection(gone, 'mem-1', { reason: '登记错误', organizationId: 'org-b' }, null, OTHER), 'MEMBERSHIP_ENDED', 'conflict');
  });

  it('refuses to end a membership with a transfer open', () => {
    const member = registered();
    const transfer = decideTransferRequest(member, 'mem-1', OTHER, 'org-b', { transferId: 'tr-1', reason: '工作调动', requestedOn: TODAY, toZoneJointCommittee: false }, TODAY);
    const inTransfer: Member = { ...member, transfer: { ...transfer, status: 'REQUESTED', returnReason: null, approvedOn: null } };
    rejects(() => decideEnding(inTransfer, 'mem-1', ORG, request, TODAY), 'TRANSFER_OPEN', 'conflict');
  });
});
