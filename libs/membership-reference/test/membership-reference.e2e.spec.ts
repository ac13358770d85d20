import { INestMicroservice, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import mongoose, { Connection } from 'mongoose';
import {
  BuildingRegistered,
  CONTEXT_TOPICS,
  deadLetterTopic,
  EventEnvelope,
  FloatingMemberCheckedIn,
  FloatingMemberCheckedOut,
  JurisdictionLevel,
  MemberAdmittedAsFull,
  MemberRecordCorrected,
  MemberRegistered,
  MembershipEnded,
  MemberStatus,
  MemberTransferCompleted,
  OrganizationDissolved,
  OrganizationHostChanged,
  OrganizationLocated,
  OrganizationRegistered,
  OrganizationRenamed,
  ZoneDesignated,
} from '@pb/contracts';
import { MembershipReference, MembershipReferenceModule } from '@pb/membership-reference';
import { envelopeOf, infraEnv, jurisdictionRegistered, publishEnvelopes, startConsumer, testBroker, testTopic, uniqueName, waitForGroupAtEnd } from '@pb/testing';

/**
 * Two services' copies of membership's reference data (one keeping names, one not), each in a
 * database and consumer group of its own, fed from the real broker; the answers are the reader's.
 */
describe('membership reference data (real Kafka and database)', () => {
  const { KAFKA_BROKERS, MONGODB_URI } = infraEnv();
  const broker = testBroker('membership-reference-test');
  const topic = testTopic(CONTEXT_TOPICS.membership);

  interface Copy {
    keepNames: boolean;
    app: INestMicroservice;
    db: Connection;
    group: string;
    reference: MembershipReference;
  }
  const copies: Copy[] = [];
  /** A third copy, of a service that reads no members (governance): not among `copies`, whose members the tests count. */
  let withoutMembers: Copy;

  async function startCopy(keepNames: boolean, keepMembers?: boolean): Promise<Copy> {
    const dbName = uniqueName('t_reference');
    const db = await mongoose.createConnection(MONGODB_URI, { dbName }).asPromise();
    const group = uniqueName('reference');

    @Module({ imports: [MongooseModule.forRoot(MONGODB_URI, { dbName }), MembershipReferenceModule.forService({ keepNames, keepMembers })] })
    class ServiceModule {}

    const { app } = await startConsumer(ServiceModule, { broker, connection: db, topics: [topic], groupId: group });
    return { keepNames, app, db, group, reference: app.get(MembershipReference) };
  }

  /** Waits until the copy's consumer has handled every event published so far (no inbox: its writes are version-guarded). */
  const handled = (copy: Copy) => waitForGroupAtEnd(copy.group, [CONTEXT_TOPICS.membership], 60_000);

  async function publish(envelopes: EventEnvelope[]): Promise<void> {
    await publishEnvelopes(KAFKA_BROKERS, CONTEXT_TOPICS.membership, envelopes);
    for (const copy of [...copies, withoutMembers]) await handled(copy);
  }

  const district = 'rencheng';
  const subDistrict = 'fuqiao';
  const [zoneA, zoneB] = ['zone-a', 'zone-b'];
  const [orgA, orgB] = ['org-a', 'org-b'];
  const [hostCode, employerCode, unknownCode] = ['91370800MA3C5EXA2N', '91370811MA3N0PX12K', '91370812MA3N0PX12L'];
  const placeOf = { [orgA]: zoneA, [orgB]: zoneB } as Record<string, string>;

  const jurisdiction = (id: string, level: JurisdictionLevel, name: string, parentId: string | null) =>
    jurisdictionRegistered(id, level, name, { parentId, districtId: district, subDistrictId: level === 'DISTRICT' ? null : subDistrict });
  const registeredAt = '2026-01-05T02:00:00.000Z';
  const organization = (id: string, name: string, creditCode: string | null) =>
    envelopeOf(
      OrganizationRegistered,
      {
        organizationId: id,
        name,
        type: 'BRANCH',
        parentId: null,
        districtId: district,
        subDistrictId: subDistrict,
        zoneId: placeOf[id],
        host: creditCode ? { kind: 'ENTERPRISE', name: '海能电商', creditCode } : null,
      },
      { aggregateId: id, version: 1, time: registeredAt },
    );
  const member = (id: string, organizationId: string, status: MemberStatus, name: string, employerCreditCode: string | null) =>
    envelopeOf(
      MemberRegistered,
      {
        memberId: id,
        name,
        gender: 'FEMALE',
        birthYear: 1990,
        status,
        joinedOn: '2015-07-01',
        organizationId,
        employerName: null,
        employerCreditCode,
        districtId: district,
        subDistrictId: subDistrict,
        zoneId: placeOf[organizationId],
      },
      { aggregateId: id, version: 1 },
    );
  const transferToB = envelopeOf(
    MemberTransferCompleted,
    { memberId: 'm1', transferId: 'tr-1', fromOrganizationId: orgA, toOrganizationId: orgB, districtId: district, subDistrictId: subDistrict, zoneId: zoneB, completedOn: '2026-11-20' },
    { aggregateId: 'm1', version: 3 },
  );
  const checkIn = (memberId: string, organizationId: string, version: number) =>
    envelopeOf(
      FloatingMemberCheckedIn,
      {
        memberId,
        organizationId,
        homeOrganizationName: '菏泽市牡丹区某村党支部',
        checkedInOn: '2026-03-02',
        districtId: district,
        subDistrictId: subDistrict,
        zoneId: placeOf[organizationId],
      },
      { aggregateId: memberId, version },
    );
  const registeredM1 = member('m1', orgA, 'PROBATIONARY', '张三', hostCode);
  const designated = envelopeOf(ZoneDesignated, { zoneId: zoneA, surveyed: true, pilot: true, demonstration: false }, { aggregateId: zoneA, version: 2 });
  const registeredA = organization(orgA, '甲支部', hostCode);

  beforeAll(async () => {
    await broker.ensureTopics([topic, deadLetterTopic(topic)].map((t) => ({ topic: t, partitions: 3, replicationFactor: 1 })));
    copies.push(await startCopy(true), await startCopy(false));
    withoutMembers = await startCopy(false, false);
    // Newer events first, handled in batches of their own before the older ones arrive: the names and
    // placements they set are kept, and what only the older registrations state lands all the same.
    await publish([
      envelopeOf(OrganizationRenamed, { organizationId: orgA, name: '甲支部（更名）' }, { aggregateId: orgA, version: 2 }),
      envelopeOf(
        MemberTransferCompleted,
        {
          memberId: 'm5',
          transferId: 'tr-5',
          fromOrganizationId: orgB,
          toOrganizationId: orgA,
          districtId: district,
          subDistrictId: subDistrict,
          zoneId: zoneA,
          completedOn: '2026-11-20',
        },
        { aggregateId: 'm5', version: 3 },
      ),
    ]);
    await publish([
      jurisdiction(district, 'DISTRICT', '任城区', 'jining'),
      jurisdiction(subDistrict, 'SUB_DISTRICT', '阜桥街道', district),
      jurisdiction(zoneA, 'ZONE', '甲商圈', subDistrict),
      designated,
      jurisdiction(zoneB, 'ZONE', '乙商圈', subDistrict),
      registeredA,
      organization(orgB, '乙支部', null),
      registeredM1,
      envelopeOf(MemberAdmittedAsFull, { memberId: 'm1', admittedOn: '2026-07-01' }, { aggregateId: 'm1', version: 2 }),
      transferToB,
      member('m2', orgB, 'FULL', '李四', employerCode),
      checkIn('m2', orgA, 2),
      member('m3', orgA, 'FULL', '王五', null),
      checkIn('m3', orgB, 2),
      envelopeOf(FloatingMemberCheckedOut, { memberId: 'm3', organizationId: orgB, checkedOutOn: '2026-10-31' }, { aggregateId: 'm3', version: 3 }),
      member('m4', orgB, 'PROBATIONARY', '赵六', null),
      member('m5', orgB, 'PROBATIONARY', '钱七', null),
      envelopeOf(MemberAdmittedAsFull, { memberId: 'm5', admittedOn: '2026-07-01' }, { aggregateId: 'm5', version: 2 }),
    ]);
  }, 120_000);

  afterAll(async () => {
    for (const copy of [...copies, withoutMembers]) {
      await copy.app.close();
      await copy.db.close();
    }
    await broker.close();
  });

  it('answers where zones, organizations and members are, as the services ask', async () => {
    for (const { reference, keepNames } of copies) {
      const named = (name: string) => (keepNames ? name : null);
      expect(await reference.zone(zoneA)).toEqual({ zoneId: zoneA, name: '甲商圈', districtId: district, subDistrictId: subDistrict });
      expect(await reference.jurisdiction(zoneA)).toMatchObject({ level: 'ZONE', parentId: subDistrict, surveyed: true, pilot: true, demonstration: false, version: 2 });
      expect(await reference.zone(subDistrict)).toBeNull();
      expect(await reference.zone('no-such-zone')).toBeNull();
      expect((await reference.zoneIdsIn(subDistrict)).sort()).toEqual([zoneA, zoneB]);
      expect(await reference.districtKnown(district)).toBe(true);
      expect(await reference.districtKnown('no-such-district')).toBe(false);

      const a = { organizationId: orgA, name: '甲支部（更名）', type: 'BRANCH', districtId: district, subDistrictId: subDistrict, zoneId: zoneA, registeredAt, dissolved: false };
      expect(await reference.organization(orgA)).toEqual(a);
      expect(await reference.organizationsById([orgB, 'no-such-org', orgA])).toEqual([expect.objectContaining({ organizationId: orgB, name: '乙支部' }), null, a]);
      expect((await reference.organizationsByName({ subDistrictId: subDistrict }, 10, null)).map((o) => o._id)).toEqual([orgB, orgA]);
      expect((await reference.organizationsOfTypes(['BRANCH'], { districtId: district, organizationId: orgA }, 10)).map((o) => o._id)).toEqual([orgA]);
      expect(await reference.organizationIdsIn({ zoneId: zoneB }, 10)).toEqual([orgB]);

      // Admitted, then transferred; the registration (v1) came again under a new id after both.
      expect(await reference.member('m1')).toEqual({
        memberId: 'm1',
        organizationId: orgB,
        floatingOrganizationId: null,
        districtId: district,
        subDistrictId: subDistrict,
        zoneId: zoneB,
        name: named('张三'),
        status: 'FULL',
        ended: false,
      });
      expect(await reference.member('m2')).toMatchObject({ organizationId: orgB, floatingOrganizationId: orgA, zoneId: zoneB, status: 'FULL' });
      expect(await reference.member('m3')).toMatchObject({ organizationId: orgA, floatingOrganizationId: null });
      // Transferred (v3) before its registration (v1) and admission (v2) arrived.
      expect(await reference.member('m5')).toEqual({
        memberId: 'm5',
        organizationId: orgA,
        floatingOrganizationId: null,
        districtId: district,
        subDistrictId: subDistrict,
        zoneId: zoneA,
        name: named('钱七'),
        status: 'FULL',
        ended: false,
      });
      expect(await reference.member('no-such-member')).toBeNull();
      expect(await reference.membersIn({ zoneId: zoneB }, 10)).toEqual([
        { memberId: 'm1', organizationId: orgB, districtId: district, subDistrictId: subDistrict, zoneId: zoneB, name: named('张三') },
        { memberId: 'm2', organizationId: orgB, districtId: district, subDistrictId: subDistrict, zoneId: zoneB, name: named('李四') },
        { memberId: 'm4', organizationId: orgB, districtId: district, subDistrictId: subDistrict, zoneId: zoneB, name: named('赵六') },
      ]);
      expect(await reference.names(['m1', 'm5', 'no-such-member'])).toEqual(
        keepNames
          ? new Map([
              ['m1', '张三'],
              ['m5', '钱七'],
            ])
          : new Map(),
      );
    }
  });

  it('counts the Party figures of a dashboard where members count (countedPlaceOf), and of an enterprise by its credit code', async () => {
    for (const { reference } of copies) {
      // m2 is counted where it checked in; m3 checked out and is counted nowhere.
      expect(await reference.partyFiguresIn({ zoneId: zoneA })).toEqual({ organizations: 1, members: 2, floatingMembers: 1, probationaryMembers: 0 });
      expect(await reference.partyFiguresIn({ zoneId: zoneB })).toEqual({ organizations: 1, members: 2, floatingMembers: 0, probationaryMembers: 1 });
      expect(await reference.partyFiguresIn({})).toEqual({ organizations: 2, members: 4, floatingMembers: 1, probationaryMembers: 1 });
      expect((await reference.countedMembersIn({ subDistrictId: subDistrict }, 10)).sort((x, y) => x.memberId.localeCompare(y.memberId))).toEqual([
        { memberId: 'm1', organizationId: orgB },
        { memberId: 'm2', organizationId: orgA },
        { memberId: 'm4', organizationId: orgB },
        { memberId: 'm5', organizationId: orgA },
      ]);

      const figures = await reference.enterprisePartyFigures([hostCode, employerCode, unknownCode]);
      // m1 works at the host enterprise but moved to another organization; m3 and m5 belong to the enterprise's own organization.
      expect(figures.get(hostCode)).toEqual({ hasPartyOrganization: true, partyOrganizationIds: [orgA], partyMembersEmployed: 1, membersInOwnOrganizations: 2 });
      expect(figures.get(employerCode)).toEqual({ hasPartyOrganization: false, partyOrganizationIds: [], partyMembersEmployed: 1, membersInOwnOrganizations: 0 });
      expect(figures.get(unknownCode)).toEqual({ hasPartyOrganization: false, partyOrganizationIds: [], partyMembersEmployed: 0, membersInOwnOrganizations: 0 });
    }
  });

  it('knows the buildings and counts what is located in one: standing organizations and the members who count in them', async () => {
    const building = (id: string, zoneId: string) =>
      envelopeOf(
        BuildingRegistered,
        { buildingId: id, name: `${id}大厦`, kind: 'BUILDING', districtId: district, subDistrictId: subDistrict, zoneId, address: null },
        { aggregateId: id, version: 1 },
      );
    // orgA is located, moved away and back (v3, v5 arrive before v4: the newest stays); orgB in the other building.
    await publish([
      building('bld-a', zoneA),
      building('bld-b', zoneB),
      envelopeOf(OrganizationLocated, { organizationId: orgA, buildingId: 'bld-a' }, { aggregateId: orgA, version: 5 }),
      envelopeOf(OrganizationLocated, { organizationId: orgB, buildingId: 'bld-b' }, { aggregateId: orgB, version: 2 }),
    ]);
    await publish([envelopeOf(OrganizationLocated, { organizationId: orgA, buildingId: null }, { aggregateId: orgA, version: 4 })]);
    for (const { reference } of copies) {
      expect(await reference.building('bld-a')).toEqual({ buildingId: 'bld-a', name: 'bld-a大厦', kind: 'BUILDING', districtId: district, subDistrictId: subDistrict, zoneId: zoneA });
      expect(await reference.building('no-such-building')).toBeNull();
      expect((await reference.buildingsById(['bld-b', 'nope'])).map((b) => b?.zoneId ?? null)).toEqual([zoneB, null]);
      // The same members as the zones' figures: orgA's m3 checked out, m2 checked in with orgA.
      expect(await reference.partyFiguresInBuilding('bld-a')).toEqual({ organizations: 1, members: 2 });
      expect(await reference.partyFiguresInBuilding('bld-b')).toEqual({ organizations: 1, members: 2 });
      expect(await reference.partyFiguresInBuilding('no-such-building')).toEqual({ organizations: 0, members: 0 });
    }
  });

  it('keeps no member at all in the copy of a service that reads none, and still knows its zones and organizations', async () => {
    const { db, reference } = withoutMembers;
    expect(await db.collection('membership_members').countDocuments()).toBe(0);
    expect(await reference.member('m1')).toBeNull();
    expect((await reference.zone(zoneA))?.name).toBe('甲商圈');
    expect((await reference.organization(orgA))?.name).toBe('甲支部（更名）');
    expect(await db.collection('membership_organizations').countDocuments()).toBe(2);
  });

  it('stores members’ names only in the copy that keeps them', async () => {
    for (const { db, keepNames } of copies) {
      const members = db.collection('membership_members');
      expect(await members.countDocuments()).toBe(5);
      expect(await members.countDocuments({ name: { $exists: true } } as never)).toBe(keepNames ? 5 : 0);
    }
  });

  it('changes nothing for a redelivered event, nor for an older or equal version arriving after a newer one', async () => {
    const stored = () =>
      Promise.all(
        copies.map(({ db }) =>
          Promise.all(['membership_jurisdictions', 'membership_organizations', 'membership_members'].map((c) => db.collection(c).find().sort({ _id: 1 }).toArray())),
        ),
      );
    const before = await stored();
    await publish([
      // The same envelope again (handled again, and the version guard keeps it from changing anything) …
      transferToB,
      // … and copies under new ids, as a replay from another source would bring them: only the versions guard.
      { ...registeredM1, id: uniqueName('copy'), data: { ...registeredM1.data, organizationId: orgA, zoneId: zoneA } },
      { ...transferToB, id: uniqueName('copy') },
      { ...registeredA, id: uniqueName('copy'), data: { ...registeredA.data, name: '甲支部' } },
      { ...designated, id: uniqueName('copy'), data: { ...designated.data, surveyed: false, pilot: false } },
      { ...checkIn('m3', orgB, 2), id: uniqueName('copy') },
    ]);
    expect(await stored()).toEqual(before);
    expect(await copies[0].reference.member('m3')).toMatchObject({ floatingOrganizationId: null });
    expect(await copies[0].reference.partyFiguresIn({ zoneId: zoneB })).toMatchObject({ members: 2, floatingMembers: 0 });
  });

  it('follows a host change (依托单位变更) and a corrected employer in whatever order the events arrive; dissolved organizations and ended memberships count for no enterprise', async () => {
    const figuresOf = async (code: string) => (await copies[0].reference.enterprisePartyFigures([code])).get(code)!;
    const hostOfB = (version: number, creditCode: string | null) =>
      envelopeOf(OrganizationHostChanged, { organizationId: orgB, host: creditCode ? { kind: 'ENTERPRISE', name: '乙公司', creditCode } : null }, { aggregateId: orgB, version });
    // The host change (v4) is handled before the rename (v3) and a replayed registration (v1) without a host.
    await publish([hostOfB(4, employerCode)]);
    await publish([
      envelopeOf(OrganizationRenamed, { organizationId: orgB, name: '乙支部（更名）' }, { aggregateId: orgB, version: 3 }),
      { ...organization(orgB, '乙支部', null), id: uniqueName('copy') },
    ]);
    for (const { reference } of copies) {
      expect(await reference.organization(orgB)).toMatchObject({ name: '乙支部（更名）' });
      // m1, m2 and m4 belong to organization B; m2 works for the enterprise.
      expect((await reference.enterprisePartyFigures([employerCode])).get(employerCode)).toEqual({
        hasPartyOrganization: true,
        partyOrganizationIds: [orgB],
        partyMembersEmployed: 1,
        membersInOwnOrganizations: 3,
      });
    }

    // A corrected employer (v2) outlives a replayed registration (v1) naming none.
    const correction = { ...MemberRecordCorrected.example, memberId: 'm4', corrected: ['employer' as const], employerCreditCode: unknownCode, organizationId: orgB, zoneId: zoneB };
    await publish([envelopeOf(MemberRecordCorrected, correction, { aggregateId: 'm4', version: 2 })]);
    await publish([{ ...member('m4', orgB, 'PROBATIONARY', '赵六', null), id: uniqueName('copy') }]);
    expect(await figuresOf(unknownCode)).toMatchObject({ partyMembersEmployed: 1 });

    // m2's membership ends: neither employed by the enterprise nor in its organization any more.
    const ended = { memberId: 'm2', kind: 'DECEASED' as const, endedOn: '2026-11-30', approvingOrganizationId: orgB, letterNumber: null, organizationId: orgB };
    await publish([envelopeOf(MembershipEnded, ended, { aggregateId: 'm2', version: 3 })]);
    expect(await figuresOf(employerCode)).toEqual({ hasPartyOrganization: true, partyOrganizationIds: [orgB], partyMembersEmployed: 0, membersInOwnOrganizations: 2 });

    // The host moves away, and the other enterprise's organization is dissolved.
    await publish([hostOfB(5, null), envelopeOf(OrganizationDissolved, { organizationId: orgA, dissolvedOn: '2026-12-01' }, { aggregateId: orgA, version: 6 })]);
    for (const code of [employerCode, hostCode]) expect(await figuresOf(code)).toMatchObject({ hasPartyOrganization: false, partyOrganizationIds: [], membersInOwnOrganizations: 0 });
  });
});
