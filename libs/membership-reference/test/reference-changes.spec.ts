import {
  BuildingRegistered,
  FloatingMemberCheckedIn,
  FloatingMemberCheckedOut,
  JurisdictionRegistered,
  JurisdictionRenamed,
  MemberAdmittedAsFull,
  MemberRegistered,
  MemberTransferRequested,
  MemberRecordCorrected,
  OrganizationDissolved,
  OrganizationHostChanged,
  OrganizationLocated,
  OrganizationMerged,
  OrganizationRegistered,
  OrganizationRenamed,
  OrganizationReparented,
} from '@pb/contracts';
import { referenceChangeOf } from '@pb/membership-reference';
import { envelopeOf } from '@pb/testing';

const registered = envelopeOf(MemberRegistered, { ...MemberRegistered.example, status: 'PROBATIONARY' }, { aggregateId: 'mem-0001', version: 1 });

describe('what a membership event changes in the reference data', () => {
  it('keeps a member name only where names are kept, and never anything else personal', () => {
    const kept = referenceChangeOf(registered, { keepNames: true })!;
    const notKept = referenceChangeOf(registered, { keepNames: false })!;
    expect(kept.once).toEqual({ name: '张明' });
    expect(kept.apart).toEqual({ versionField: 'employerVersion', set: { employerCreditCode: '91370800MA3C5EXA2N' } });
    expect(JSON.stringify(notKept)).not.toContain('张明');
    for (const change of [kept, notKept]) {
      expect(JSON.stringify(change)).not.toMatch(/gender|birthYear|joinedOn|employerName/);
    }
  });

  it('places a registered member where the membership is held', () => {
    const change = referenceChangeOf(registered, { keepNames: false })!;
    expect(change).toMatchObject({ kind: 'member', id: 'mem-0001', version: 1 });
    expect(change.ordered).toEqual({
      organizationId: 'org-wanda-branch',
      districtId: 'rencheng',
      subDistrictId: 'fuqiao',
      zoneId: 'zone-taibailou',
    });
    // 预备 → 正式 only ever moves one way, so it holds whatever order the events come in.
    expect(change.grows).toEqual({ full: false });
    expect(referenceChangeOf(envelopeOf(MemberAdmittedAsFull, MemberAdmittedAsFull.example, { aggregateId: 'mem-0001', version: 2 }), { keepNames: false })).toMatchObject({
      ordered: {},
      grows: { full: true },
    });
  });

  it('records where a floating member checked in, leaving their own organization as it is, and that they checked out', () => {
    const checkedIn = referenceChangeOf(envelopeOf(FloatingMemberCheckedIn, FloatingMemberCheckedIn.example, { aggregateId: 'mem-0002', version: 2 }), { keepNames: false })!;
    expect(checkedIn.ordered).toEqual({
      floating: true,
      floatingOrganizationId: 'org-taibailou-joint',
      floatingDistrictId: 'rencheng',
      floatingSubDistrictId: 'fuqiao',
      floatingZoneId: 'zone-taibailou',
      checkedOut: false,
    });
    const checkedOut = referenceChangeOf(envelopeOf(FloatingMemberCheckedOut, FloatingMemberCheckedOut.example, { aggregateId: 'mem-0002', version: 3 }), { keepNames: false })!;
    expect(checkedOut.ordered).toEqual({
      floating: false,
      floatingOrganizationId: null,
      floatingDistrictId: null,
      floatingSubDistrictId: null,
      floatingZoneId: null,
      checkedOut: true,
    });
  });

  it("writes an organization's registration facts whatever the version, and its name by version", () => {
    const host = { kind: 'ENTERPRISE' as const, name: '海能电商', creditCode: '91370800MA3C5EXA2N' };
    const event = envelopeOf(
      OrganizationRegistered,
      { ...OrganizationRegistered.example, host },
      { aggregateId: 'org-taibailou-committee', version: 1, time: '2026-01-05T02:00:00.000Z' },
    );
    expect(referenceChangeOf(event, { keepNames: false })).toMatchObject({
      kind: 'organization',
      ordered: { name: '太白楼路商圈党委' },
      once: { type: 'DISTRICT_COMMITTEE', registeredAt: '2026-01-05T02:00:00.000Z', zoneId: 'zone-taibailou' },
      apart: { versionField: 'hostVersion', set: { hostCreditCode: '91370800MA3C5EXA2N' } },
    });
    expect(referenceChangeOf(envelopeOf(OrganizationRenamed, OrganizationRenamed.example, { aggregateId: 'org-taibailou-committee', version: 2 }), { keepNames: false })).toMatchObject({
      ordered: { name: '太白楼路商圈联合党委' },
      once: {},
    });
  });

  it('orders names and parents by version, so a rename or a re-parenting is never undone by a replayed registration', () => {
    const org = 'org-taibailou-committee';
    expect(referenceChangeOf(envelopeOf(OrganizationRegistered, OrganizationRegistered.example, { aggregateId: org, version: 1 }), { keepNames: false })!.ordered).toEqual({
      name: '太白楼路商圈党委',
      parentId: 'org-fuqiao-working-committee',
    });
    expect(referenceChangeOf(envelopeOf(OrganizationReparented, OrganizationReparented.example, { aggregateId: org, version: 2 }), { keepNames: false })).toMatchObject({
      ordered: { parentId: 'org-taibailou-joint' },
      once: {},
    });
    const zone = referenceChangeOf(envelopeOf(JurisdictionRegistered, JurisdictionRegistered.example, { aggregateId: 'zone-taibailou', version: 1 }), { keepNames: false })!;
    expect(zone.ordered).toEqual({ name: '太白楼路商圈' });
    expect(zone.once).not.toHaveProperty('name');
    expect(referenceChangeOf(envelopeOf(JurisdictionRenamed, JurisdictionRenamed.example, { aggregateId: 'zone-taibailou', version: 2 }), { keepNames: false })).toMatchObject({
      kind: 'jurisdiction',
      ordered: { name: '太白楼路—古槐路商圈' },
    });
  });

  it("orders the host unit (依托单位) and a member's employer by versions of their own, so a host change or a corrected employer follows the newest event that set it", () => {
    const changed = referenceChangeOf(envelopeOf(OrganizationHostChanged, OrganizationHostChanged.example, { aggregateId: 'org-wanda-branch', version: 3 }), { keepNames: false })!;
    expect(changed).toMatchObject({ kind: 'organization', id: 'org-wanda-branch', version: 3, ordered: {}, once: {}, grows: {} });
    expect(changed.apart).toEqual({ versionField: 'hostVersion', set: { hostCreditCode: null } });
    const corrected = (fields: string[]) =>
      referenceChangeOf(
        envelopeOf(MemberRecordCorrected, { ...MemberRecordCorrected.example, corrected: fields, employerCreditCode: '91370811MA3N0PX12K' } as never, {
          aggregateId: 'mem-0001',
          version: 4,
        }),
        { keepNames: false },
      );
    expect(corrected(['employer'])).toMatchObject({ ordered: {}, apart: { versionField: 'employerVersion', set: { employerCreditCode: '91370811MA3N0PX12K' } } });
    expect(corrected(['education'])).toBeNull();
  });

  it('marks a dissolved or merged organization for good, whatever order the events come in', () => {
    const dissolved = envelopeOf(OrganizationDissolved, OrganizationDissolved.example, { aggregateId: 'org-wanda-branch', version: 4 });
    const merged = envelopeOf(OrganizationMerged, OrganizationMerged.example, { aggregateId: 'org-wanda-branch', version: 4 });
    for (const event of [dissolved, merged]) {
      expect(referenceChangeOf(event, { keepNames: false })).toMatchObject({ kind: 'organization', id: 'org-wanda-branch', grows: { dissolved: true } });
    }
  });

  it('copies a building once, whatever the version, and where an organization is located by version', () => {
    expect(referenceChangeOf(envelopeOf(BuildingRegistered, BuildingRegistered.example, { aggregateId: 'bld-wanda-plaza', version: 1 }), { keepNames: false })).toEqual({
      kind: 'building',
      id: 'bld-wanda-plaza',
      version: 1,
      ordered: {},
      once: { name: '万达广场', kind: 'COMPLEX', districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou' },
      grows: {},
      apart: null,
    });
    // Moved or cleared later: only a newer event moves it.
    const cleared = envelopeOf(OrganizationLocated, { organizationId: 'org-wanda-branch', buildingId: null }, { aggregateId: 'org-wanda-branch', version: 3 });
    expect(referenceChangeOf(cleared, { keepNames: false })).toMatchObject({ kind: 'organization', id: 'org-wanda-branch', version: 3, ordered: { buildingId: null }, once: {} });
  });

  it('changes nothing for a membership event no service reads from the reference data', () => {
    expect(referenceChangeOf(envelopeOf(MemberTransferRequested, MemberTransferRequested.example, { aggregateId: 'mem-0001', version: 2 }), { keepNames: true })).toBeNull();
  });
});
