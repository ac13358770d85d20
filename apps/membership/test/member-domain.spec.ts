import { DomainError } from '@pb/platform/domain-error';
import { addYears, chinaDate } from '../src/domain/member/dates';
import { canAdvance, NEXT_STAGE, NO_STEPS } from '../src/domain/member/development';
import { idCheckCharacter, idNumberProblem, maskIdNumber, maskPhone } from '../src/domain/member/id-number';
import {
  decideAdmissionAsFull,
  decideAdvance,
  decideCheckIn,
  decideRegistration,
  decideTransferRequest,
  Member,
  OrganizationRef,
  pickZoneJointOrganization,
} from '../src/domain/member/member';
import { parseCsv } from '../src/infrastructure/import/csv';
import { MemberDataProtection } from '../src/infrastructure/member/member-data-protection';
import { idNumberFor } from '@pb/testing';

const TODAY = '2026-06-01';

describe('居民身份证号码 GB 11643 check', () => {
  it('accepts a number whose check character matches (including X)', () => {
    // 11010519491231002X is the standard's own example.
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeNull();
    expect(idNumberProblem('11010519491231002x', TODAY)).toBeNull();
    expect(idNumberProblem(idNumberFor('1990-01-31', 123), TODAY, '1990-01-31')).toBeNull();
  });

  it('rejects a wrong check digit', () => {
    const valid = idNumberFor('1990-01-31', 123);
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    expect(idNumberProblem(wrong, TODAY)).toBe('CHECK_DIGIT');
  });

  it('rejects a wrong length or letters', () => {
    expect(idNumberProblem('37081119900131123', TODAY)).toBe('FORMAT');
    expect(idNumberProblem('3708111990013112345', TODAY)).toBe('FORMAT');
    expect(idNumberProblem('37081119900131A23X', TODAY)).toBe('FORMAT');
  });

  it('rejects an impossible or future birth date even with a matching check digit', () => {
    const feb30 = '37081119900230123';
    expect(idNumberProblem(feb30 + idCheckCharacter(feb30), TODAY)).toBe('BIRTH_DATE');
    const future = '37081120990101123';
    expect(idNumberProblem(future + idCheckCharacter(future), TODAY)).toBe('BIRTH_DATE');
  });

  it('rejects a birth date that differs from the one given', () => {
    expect(idNumberProblem(idNumberFor('1990-01-31', 1), TODAY, '1990-02-01')).toBe('BIRTH_DATE_MISMATCH');
  });

  it('masks ID and phone numbers', () => {
    expect(maskIdNumber('370802199001011234')).toBe('3708**********1234');
    expect(maskPhone('13800000000')).toBe('138****0000');
  });
});

describe('dates', () => {
  it('uses China time for "today" and keeps 29 February sensible', () => {
    expect(chinaDate(new Date('2026-05-31T16:30:00Z'))).toBe('2026-06-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2025-07-01', 1)).toBe('2026-07-01');
  });
});

const org: OrganizationRef = { organizationId: 'org-a', name: '甲支部', type: 'BRANCH', districtId: 'd', subDistrictId: 's', zoneId: 'z' };

function member(overrides: Partial<Member> = {}): Member {
  return {
    memberId: 'mem-1',
    name: '张明',
    gender: 'MALE',
    birthYear: 1990,
    stage: 'FULL',
    status: 'FULL',
    organizationId: 'org-a',
    employerName: null,
    employerCreditCode: null,
    districtId: 'd',
    subDistrictId: 's',
    zoneId: 'z',
    appliedOn: null,
    activistOn: null,
    developmentTargetOn: null,
    contactMemberIds: [],
    introducerMemberIds: [],
    joinedOn: '2015-07-01',
    admittedOn: null,
    isFloating: false,
    floating: null,
    checkedOutOn: null,
    transfer: null,
    registeredAt: '2020-01-01T00:00:00Z',
    countedIn: { organizationId: 'org-a', districtId: 'd', subDistrictId: 's', zoneId: 'z', floating: false },
    ...overrides,
  };
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

describe('development pipeline 发展党员', () => {
  const full = [member({ memberId: 'mem-i1' }), member({ memberId: 'mem-i2' })];

  it('allows exactly the next stage from each stage', () => {
    expect(Object.entries(NEXT_STAGE)).toEqual([
      ['APPLICANT', 'ACTIVIST'],
      ['ACTIVIST', 'DEVELOPMENT_TARGET'],
      ['DEVELOPMENT_TARGET', 'PROBATIONARY'],
      ['PROBATIONARY', 'FULL'],
      ['FULL', null],
    ]);
    expect(canAdvance('APPLICANT', 'DEVELOPMENT_TARGET')).toBe(false);
    expect(canAdvance('ACTIVIST', 'APPLICANT')).toBe(false);
  });

  it('walks applicant → activist → development target → probationary → full', () => {
    const applicant = member({ stage: 'APPLICANT', status: null, appliedOn: '2024-01-10', joinedOn: null });
    const toActivist = decideAdvance(applicant, 'mem-1', { toStage: 'ACTIVIST', on: '2024-03-01', introducerMemberIds: ['mem-i1'], recommendationId: null }, full, TODAY);
    expect(toActivist).toMatchObject({ kind: 'stage', data: { fromStage: 'APPLICANT', toStage: 'ACTIVIST', introducerMemberIds: ['mem-i1'] } });
    const activist = member({ ...applicant, stage: 'ACTIVIST', activistOn: '2024-03-01' });
    const toTarget = decideAdvance(
      activist,
      'mem-1',
      { toStage: 'DEVELOPMENT_TARGET', on: '2025-03-01', introducerMemberIds: ['mem-i1', 'mem-i2'], recommendationId: null },
      full,
      TODAY,
    );
    expect(toTarget.kind).toBe('stage');
    // The steps between the stages (培训、政审、公示、上级党委审批) recorded; development-steps-domain.spec.ts covers them.
    const development = {
      ...NO_STEPS,
      training: { completedOn: '2025-04-01', hours: 24, certificateId: null },
      politicalReview: { passedOn: '2025-04-10', reviewingOrganizationId: 'org-a' },
      notice: { startsOn: '2025-05-05', endsOn: '2025-05-09', workingDays: 5 },
      approval: { approvedOn: '2025-05-20', approvingOrganizationId: 'org-c' },
    };
    const target = member({ ...activist, stage: 'DEVELOPMENT_TARGET', developmentTargetOn: '2025-03-01', introducerMemberIds: ['mem-i1', 'mem-i2'], development });
    const toProbationary = decideAdvance(target, 'mem-1', { toStage: 'PROBATIONARY', on: '2025-06-01', introducerMemberIds: [], recommendationId: null }, [], TODAY);
    expect(toProbationary).toMatchObject({ kind: 'registered', data: { status: 'PROBATIONARY', joinedOn: '2025-06-01' } });
    const probationary = member({ ...target, stage: 'PROBATIONARY', status: 'PROBATIONARY', joinedOn: '2025-06-01', development: { ...development, oathOn: '2025-06-10' } });
    expect(decideAdvance(probationary, 'mem-1', { toStage: 'FULL', on: '2026-06-01', introducerMemberIds: [], recommendationId: null }, [], TODAY)).toMatchObject({ kind: 'admitted' });
  });

  it('rejects a skipped stage with 409 naming the current stage and the allowed next one', () => {
    const applicant = member({ stage: 'APPLICANT', status: null, appliedOn: '2024-01-10' });
    const error = rejects(
      () => decideAdvance(applicant, 'mem-1', { toStage: 'DEVELOPMENT_TARGET', on: '2025-01-01', introducerMemberIds: ['mem-i1', 'mem-i2'], recommendationId: null }, full, TODAY),
      'INVALID_STAGE_TRANSITION',
      'conflict',
    );
    expect(error.message).toMatch(/当前阶段为「入党申请人」\(APPLICANT\)，下一步只能是「入党积极分子」\(ACTIVIST\)/);
    rejects(() => decideAdvance(member(), 'mem-1', { toStage: 'FULL', on: '2025-01-01', introducerMemberIds: [], recommendationId: null }, [], TODAY), 'INVALID_STAGE_TRANSITION');
  });

  it('needs two full members as introducers for a development target', () => {
    const activist = member({ stage: 'ACTIVIST', status: null, activistOn: '2024-03-01' });
    const request = (ids: string[]) => ({ toStage: 'DEVELOPMENT_TARGET' as const, on: '2025-03-01', introducerMemberIds: ids, recommendationId: null });
    rejects(() => decideAdvance(activist, 'mem-1', request(['mem-i1']), full, TODAY), 'INTRODUCERS_REQUIRED', 'invalid');
    rejects(() => decideAdvance(activist, 'mem-1', request(['mem-i1', 'mem-x']), full, TODAY), 'INTRODUCER_NOT_FOUND');
    const probationaryIntroducer = member({ memberId: 'mem-p', status: 'PROBATIONARY', stage: 'PROBATIONARY' });
    rejects(() => decideAdvance(activist, 'mem-1', request(['mem-i1', 'mem-p']), [...full, probationaryIntroducer], TODAY), 'INTRODUCER_NOT_FULL_MEMBER');
    rejects(() => decideAdvance(activist, 'mem-1', request(['mem-i1', 'mem-1']), [...full, activist], TODAY), 'INTRODUCER_IS_SELF');
  });

  it('refuses 转正 before a full year of probation and dates in the future', () => {
    const probationary = member({ stage: 'PROBATIONARY', status: 'PROBATIONARY', joinedOn: '2025-07-01' });
    const early = rejects(() => decideAdmissionAsFull(probationary, 'mem-1', '2026-05-31', TODAY), 'PROBATION_NOT_OVER', 'conflict');
    expect(early.message).toMatch(/最早 2026-07-01 可转正/);
    rejects(() => decideAdmissionAsFull(probationary, 'mem-1', '2026-07-01', TODAY), 'DATE_IN_FUTURE');
    expect(decideAdmissionAsFull(probationary, 'mem-1', '2026-07-01', '2026-07-01')).toEqual({ memberId: 'mem-1', admittedOn: '2026-07-01' });
  });
});

describe('registration, floating members, transfers', () => {
  const request = {
    memberId: 'mem-1',
    name: ' 张明 ',
    gender: 'MALE' as const,
    birthDate: '1990-01-31',
    idNumber: idNumberFor('1990-01-31', 5),
    phone: '13800000000',
    employerName: null,
    employerCreditCode: null,
    status: 'FULL' as const,
    joinedOn: '2015-07-01',
  };

  it("registers with the organization's jurisdiction and keeps numbers out of the event data", () => {
    const { data, idNumber } = decideRegistration(null, org, 'org-a', request, TODAY);
    expect(idNumber).toBe(request.idNumber);
    expect(data).toMatchObject({ name: '张明', birthYear: 1990, districtId: 'd', subDistrictId: 's', zoneId: 'z' });
    expect(JSON.stringify(data)).not.toContain(request.idNumber);
    expect(JSON.stringify(data)).not.toContain(request.phone);
  });

  it('rejects an unknown organization, an existing member, a bad ID number and joining under 18', () => {
    rejects(() => decideRegistration(null, null, 'org-x', request, TODAY), 'ORGANIZATION_NOT_FOUND', 'invalid');
    rejects(() => decideRegistration(member(), org, 'org-a', request, TODAY), 'MEMBER_EXISTS', 'conflict');
    rejects(
      () => decideRegistration(null, org, 'org-a', { ...request, idNumber: request.idNumber.slice(0, 17) + (request.idNumber[17] === '0' ? '1' : '0') }, TODAY),
      'INVALID_ID_NUMBER',
    );
    rejects(() => decideRegistration(null, org, 'org-a', { ...request, joinedOn: '2007-07-01' }, TODAY), 'TOO_YOUNG_AT_JOINING');
  });

  it('does not check a floating member in twice', () => {
    const checkedIn = member({
      isFloating: true,
      floating: { organizationId: 'org-a', homeOrganizationName: '菏泽某支部', checkedInOn: '2026-01-01', districtId: 'd', subDistrictId: 's', zoneId: 'z' },
    });
    rejects(() => decideCheckIn(checkedIn, 'mem-1', org, 'org-a', '菏泽某支部', '2026-02-01', TODAY), 'ALREADY_CHECKED_IN', 'conflict');
    expect(decideCheckIn(member(), 'mem-1', org, 'org-a', '菏泽某支部', '2026-02-01', TODAY)).toMatchObject({ organizationId: 'org-a', zoneId: 'z' });
  });

  it('allows one open transfer per member and none to the same organization', () => {
    const target = { ...org, organizationId: 'org-b' };
    const ask = { transferId: 'tr-1', reason: '工作变动', requestedOn: '2026-05-01', toZoneJointCommittee: false };
    expect(decideTransferRequest(member(), 'mem-1', target, 'org-b', ask, TODAY)).toMatchObject({ fromOrganizationId: 'org-a', toOrganizationId: 'org-b' });
    rejects(() => decideTransferRequest(member(), 'mem-1', org, 'org-a', ask, TODAY), 'SAME_ORGANIZATION');
    const open = member({
      transfer: {
        transferId: 'tr-0',
        fromOrganizationId: 'org-a',
        toOrganizationId: 'org-b',
        toDistrictId: 'd',
        toSubDistrictId: 's',
        toZoneId: 'z',
        toZoneJointCommittee: false,
        status: 'REQUESTED',
        reason: 'x',
        requestedOn: '2026-04-01',
        returnReason: null,
        approvedOn: null,
      },
    });
    rejects(() => decideTransferRequest(open, 'mem-1', target, 'org-b', ask, TODAY), 'TRANSFER_ALREADY_OPEN', 'conflict');
  });

  it("picks the zone's joint branch, else its joint committee", () => {
    const committee = { ...org, organizationId: 'org-jc', type: 'JOINT_COMMITTEE' };
    const branch = { ...org, organizationId: 'org-jb', type: 'JOINT_BRANCH' };
    expect(pickZoneJointOrganization('z', [committee, branch]).organizationId).toBe('org-jb');
    expect(pickZoneJointOrganization('z', [committee]).organizationId).toBe('org-jc');
    rejects(() => pickZoneJointOrganization('z', []), 'NO_JOINT_ORGANIZATION');
  });
});

describe('CSV (RFC 4180)', () => {
  it('parses quotes, escaped quotes, embedded commas, CRLF and a BOM', () => {
    const text = '\ufeff姓名,单位\r\n"张,明","某""公司"""\r\n李娜,"单位"\n\n王强,\n';
    expect(parseCsv(text)).toEqual([
      { row: 1, fields: ['姓名', '单位'] },
      { row: 2, fields: ['张,明', '某"公司"'] },
      { row: 3, fields: ['李娜', '单位'] },
      { row: 5, fields: ['王强', ''] },
    ]);
  });

  it('refuses a cell with a control character, a quoted line break or text that was not UTF-8 (400), naming its row and column', () => {
    const refusal = (text: string) => {
      try {
        parseCsv(text);
      } catch (error) {
        const e = error as { getStatus: () => number; getResponse: () => { message: string[] } };
        return { status: e.getStatus(), message: e.getResponse().message.join() };
      }
      return undefined;
    };
    expect(refusal('姓名,单位\n李娜,"某\u0000公司"\n')).toEqual({ status: 400, message: '第 2 行“单位”列 不能包含控制字符（U+0000）' });
    // Every column of the import is one line; a quoted line break counts in its row, as a spreadsheet shows it.
    expect(refusal('姓名,单位\n\n李娜,"两行\n单位"\n')).toEqual({ status: 400, message: '第 3 行“单位”列 不能包含控制字符（U+000A）' });
    // 你好 saved as GBK and read as UTF-8: the decoder's U+FFFD.
    expect(refusal(`姓名,单位\n李娜,${Buffer.from([0xc4, 0xe3, 0xba, 0xc3]).toString('utf8')}\n`)).toEqual({
      status: 400,
      message: '第 2 行“单位”列 含有无效字符：须为 UTF-8 编码的文本',
    });
    expect(refusal('姓\u007f名,单位\n')).toEqual({ status: 400, message: '第 1 行第 1 列 不能包含控制字符（U+007F）' });
  });

  it('reports an unclosed quote with its row', () => {
    expect(() => parseCsv('a,b\n"x,y\n')).toThrow(/第 2 行：引号未闭合/);
  });

  it('counts skipped blank rows in the row it reports, and refuses text after a closing quote', () => {
    expect(() => parseCsv('a\n\n\n"b\n')).toThrow(/第 4 行：引号未闭合/);
    expect(() => parseCsv('a,b\n"x" z,y\n')).toThrow(/第 2 行：引号字段结束后出现多余字符/);
  });

  it('takes a file whose rows end in LF after a CRLF header, trimming unquoted fields only', () => {
    expect(parseCsv('姓名,单位\r\n 李娜 ," 某公司 "\n')).toEqual([
      { row: 1, fields: ['姓名', '单位'] },
      { row: 2, fields: ['李娜', ' 某公司 '] },
    ]);
  });
});

describe('personal data protection', () => {
  const protection = new MemberDataProtection(Buffer.alloc(32, 1));

  it('encrypts so the ciphertext reveals nothing and only opens for the same record and field', () => {
    const sealed = protection.encrypt('370802199001011234', 'mem-1/idNumber');
    expect(sealed).not.toContain('370802199001011234');
    expect(protection.encrypt('370802199001011234', 'mem-1/idNumber')).not.toBe(sealed);
    expect(protection.decrypt(sealed, 'mem-1/idNumber')).toBe('370802199001011234');
    expect(() => protection.decrypt(sealed, 'mem-2/idNumber')).toThrow();
  });

  it('gives equal numbers equal blind indexes, which depend on the key', () => {
    expect(protection.blindIndex('idNumber', 'A')).toBe(protection.blindIndex('idNumber', 'A'));
    expect(protection.blindIndex('idNumber', 'A')).not.toBe(new MemberDataProtection(Buffer.alloc(32, 2)).blindIndex('idNumber', 'A'));
  });
});
