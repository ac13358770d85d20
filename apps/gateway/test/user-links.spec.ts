import { DomainError } from '@pb/platform/domain-error';
import { assertLinksHold, assertRoleFitsScope, Placement } from '../src/domain/user/user';

/** 账号关联: what an account may be linked to, given what the owning services answered. */
describe('account links (pure rules)', () => {
  const zone = { level: 'ZONE' as const, districtId: 'd1', subDistrictId: 's1', zoneId: 'z1' };
  const org = { organizationId: 'org-1', name: '甲支部', districtId: 'd1', subDistrictId: 's1', zoneId: 'z1' };
  const codeOf = (fn: () => void) => {
    try {
      fn();
      return 'ok';
    } catch (e) {
      return e instanceof DomainError ? e.code : String(e);
    }
  };
  const secretary: Placement = { role: 'ORG_SECRETARY', scope: zone, organizationId: 'org-1', memberId: 'mem-1' };

  it('accepts a secretary whose own member record is in the organization they lead, inside their jurisdiction', () => {
    expect(codeOf(() => assertLinksHold(secretary, { organization: org, member: { memberId: 'mem-1', organizationId: 'org-1' } }))).toBe('ok');
  });

  it('refuses links to records that do not exist, lie elsewhere or do not fit the role', () => {
    expect(codeOf(() => assertLinksHold(secretary, { organization: null, member: { memberId: 'mem-1', organizationId: 'org-1' } }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(codeOf(() => assertLinksHold(secretary, { organization: { ...org, zoneId: 'z2' }, member: { memberId: 'mem-1', organizationId: 'org-1' } }))).toBe(
      'ORGANIZATION_OUTSIDE_SCOPE',
    );
    expect(codeOf(() => assertLinksHold(secretary, { organization: org, member: null }))).toBe('MEMBER_NOT_FOUND');
    expect(codeOf(() => assertLinksHold(secretary, { organization: org, member: { memberId: 'mem-1', organizationId: 'org-2' } }))).toBe('MEMBER_NOT_IN_ORGANIZATION');
    expect(codeOf(() => assertLinksHold(secretary, { organization: org, member: { memberId: 'mem-1', organizationId: 'org-1', status: 'ENDED' } }))).toBe('MEMBERSHIP_ENDED');
    expect(codeOf(() => assertLinksHold({ role: 'ENTERPRISE_CONTACT', scope: zone, enterpriseCode: 'X' }, { enterprise: null }))).toBe('ENTERPRISE_NOT_FOUND');
    const worker: Placement = { role: 'GRID_WORKER', scope: zone, gridWorkerId: 'w1' };
    expect(codeOf(() => assertLinksHold(worker, { gridWorker: null }))).toBe('GRID_WORKER_NOT_FOUND');
    expect(codeOf(() => assertLinksHold(worker, { gridWorker: { workerId: 'w1', districtId: 'd1', zoneId: 'z2' } }))).toBe('GRID_WORKER_OUTSIDE_SCOPE');
    expect(codeOf(() => assertLinksHold(worker, { gridWorker: { workerId: 'w1', districtId: 'd1', zoneId: 'z1' } }))).toBe('ok');
    expect(codeOf(() => assertRoleFitsScope({ role: 'ANALYST', scope: zone, gridWorkerId: 'w1' }))).toBe('GRID_WORKER_LINK_FOR_GRID_WORKERS');
  });

  it('lets any member record be the own record of roles other than secretaries', () => {
    expect(codeOf(() => assertLinksHold({ role: 'GRID_WORKER', scope: zone, memberId: 'mem-9' }, { member: { memberId: 'mem-9', organizationId: 'org-elsewhere' } }))).toBe('ok');
  });

  it('links department staff 职能部门工作人员 to exactly one existing department inside their jurisdiction, and no other role to one', () => {
    const district = { level: 'DISTRICT' as const, districtId: 'd1' };
    const staff: Placement = { role: 'DEPARTMENT_STAFF', scope: district, departmentId: 'dept-1' };
    const department = { departmentId: 'dept-1', name: '城管局', districtId: 'd1', subDistrictId: null };
    expect(codeOf(() => assertRoleFitsScope({ role: 'DEPARTMENT_STAFF', scope: district }))).toBe('DEPARTMENT_REQUIRED');
    expect(codeOf(() => assertRoleFitsScope({ role: 'GRID_WORKER', scope: zone, departmentId: 'dept-1' }))).toBe('DEPARTMENT_LINK_FOR_DEPARTMENT_STAFF');
    expect(codeOf(() => assertRoleFitsScope({ role: 'ANALYST', scope: zone, departmentId: 'dept-1' }))).toBe('DEPARTMENT_LINK_FOR_DEPARTMENT_STAFF');
    expect(codeOf(() => assertRoleFitsScope(staff))).toBe('ok');
    expect(codeOf(() => assertLinksHold(staff, { department: null }))).toBe('DEPARTMENT_NOT_FOUND');
    expect(codeOf(() => assertLinksHold(staff, { department: { ...department, districtId: 'd2' } }))).toBe('DEPARTMENT_OUTSIDE_SCOPE');
    expect(codeOf(() => assertLinksHold(staff, { department }))).toBe('ok');
  });
});
