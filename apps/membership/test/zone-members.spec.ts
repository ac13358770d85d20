import {
  countedPlaceOf,
  countsIn,
  EventEnvelope,
  FloatingMemberCheckedIn,
  FloatingMemberCheckedOut,
  MemberAdmittedAsFull,
  MemberRecordCorrected,
  MemberRegistered,
  MembershipEnded,
  MemberTransferCompleted,
} from '@pb/contracts';
import { countedInFilters, MemberReference, PlaceFilter, referenceChangeOf, standingOfReference } from '@pb/membership-reference';
import { envelopeOf } from '@pb/testing';
import { evolveMember, Member } from '../src/domain/member/member';

/** Organizations in two sub-districts of one district; the last is a 街道党工委 of no zone. */
const ORGS = [
  { organizationId: 'org-a', districtId: 'd1', subDistrictId: 's1', zoneId: 'z1' },
  { organizationId: 'org-b', districtId: 'd1', subDistrictId: 's1', zoneId: 'z2' },
  { organizationId: 'org-c', districtId: 'd1', subDistrictId: 's2', zoneId: 'z3' },
  { organizationId: 'org-s2', districtId: 'd1', subDistrictId: 's2', zoneId: null },
];
const PLACES: PlaceFilter[] = [{}, { districtId: 'd1' }, { districtId: 'd2' }, { subDistrictId: 's1' }, { subDistrictId: 's2' }, { zoneId: 'z1' }, { zoneId: 'z2' }, { zoneId: 'z3' }];

type Step = { kind: 'checkIn'; org: number } | { kind: 'checkOut' } | { kind: 'transfer'; org: number } | { kind: 'admit' } | { kind: 'correct'; org: number } | { kind: 'end' };
const STEPS: Step[] = [
  ...ORGS.map((_, org) => ({ kind: 'checkIn' as const, org })),
  { kind: 'checkOut' },
  ...ORGS.map((_, org) => ({ kind: 'transfer' as const, org })),
  { kind: 'admit' },
  // 修改党员信息 placing the member in another organization, and 党籍终止 (the last step a history can take).
  { kind: 'correct', org: 1 },
  { kind: 'correct', org: 3 },
  { kind: 'end' },
];

function eventOf(step: Step | { kind: 'register'; org: number; probationary: boolean }, version: number): EventEnvelope {
  const options = { aggregateId: 'm1', version };
  switch (step.kind) {
    case 'register':
      return envelopeOf(MemberRegistered, { ...MemberRegistered.example, memberId: 'm1', ...ORGS[step.org], status: step.probationary ? 'PROBATIONARY' : 'FULL' }, options);
    case 'checkIn':
      return envelopeOf(FloatingMemberCheckedIn, { ...FloatingMemberCheckedIn.example, memberId: 'm1', ...ORGS[step.org] }, options);
    case 'checkOut':
      return envelopeOf(FloatingMemberCheckedOut, { ...FloatingMemberCheckedOut.example, memberId: 'm1' }, options);
    case 'transfer': {
      const { organizationId, ...place } = ORGS[step.org];
      return envelopeOf(MemberTransferCompleted, { ...MemberTransferCompleted.example, memberId: 'm1', toOrganizationId: organizationId, ...place }, options);
    }
    case 'admit':
      return envelopeOf(MemberAdmittedAsFull, { ...MemberAdmittedAsFull.example, memberId: 'm1' }, options);
    case 'correct':
      return envelopeOf(MemberRecordCorrected, { ...MemberRecordCorrected.example, memberId: 'm1', corrected: ['organization'], ...ORGS[step.org] }, options);
    case 'end':
      return envelopeOf(MembershipEnded, { ...MembershipEnded.example, memberId: 'm1' }, options);
  }
}

/** Every history of up to three steps after a registration that membership's rules allow. */
function histories(): EventEnvelope[][] {
  const result: EventEnvelope[][] = [];
  const grow = (events: EventEnvelope[], floating: boolean, probationary: boolean, left: number) => {
    result.push(events);
    if (left === 0 || events[events.length - 1]!.type === MembershipEnded.type) return;
    for (const step of STEPS) {
      if (step.kind === 'checkIn' && floating) continue;
      if (step.kind === 'checkOut' && !floating) continue;
      if (step.kind === 'admit' && !probationary) continue;
      grow([...events, eventOf(step, events.length + 1)], step.kind === 'checkIn' || (floating && step.kind !== 'checkOut'), probationary && step.kind !== 'admit', left - 1);
    }
  };
  for (const [org] of ORGS.entries()) for (const probationary of [false, true]) grow([eventOf({ kind: 'register', org, probationary }, 1)], false, probationary, 3);
  return result;
}

/** The reference copy's document after the events, as the projector writes it (reference-writes.ts). */
function referenceAfter(events: EventEnvelope[]): MemberReference {
  const doc: Record<string, unknown> = { version: 0 };
  for (const event of events) {
    const change = referenceChangeOf(event, { keepNames: false })!;
    if (change.version > (doc.version as number)) Object.assign(doc, change.ordered);
    Object.assign(doc, change.once);
    for (const [field, value] of Object.entries(change.grows)) doc[field] = doc[field] === true || value;
    doc.version = Math.max(doc.version as number, change.version);
  }
  return { _id: 'm1', ...doc } as unknown as MemberReference;
}

/** The few operators the filters use, as the database applies them (null also matches a missing field). */
function matches(filter: Record<string, unknown>, doc: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([field, expected]) => {
    const actual = doc[field];
    if (expected !== null && typeof expected === 'object') {
      if ('$ne' in expected) return actual !== expected.$ne;
      if ('$exists' in expected) return (actual !== undefined) === expected.$exists;
      throw new Error(`operator not handled in ${JSON.stringify(expected)}`);
    }
    return expected === null ? actual == null : actual === expected;
  });
}

describe('one definition of a member of a zone (countedPlaceOf)', () => {
  it('counts a floating member where they checked in, nowhere once checked out, and others where they are placed', () => {
    const placement = ORGS[0];
    const elsewhere = ORGS[2];
    expect(countedPlaceOf({ status: 'FULL', placement, checkedIn: null, checkedOut: false })).toEqual({ ...placement, floating: false });
    expect(countedPlaceOf({ status: 'PROBATIONARY', placement, checkedIn: elsewhere, checkedOut: false })).toEqual({ ...elsewhere, floating: true });
    expect(countedPlaceOf({ status: 'FULL', placement, checkedIn: null, checkedOut: true })).toBeNull();
    // 入党申请人、积极分子、发展对象 are not members yet.
    expect(countedPlaceOf({ status: null, placement, checkedIn: null, checkedOut: false })).toBeNull();
    expect(countsIn({ ...elsewhere, floating: true }, { subDistrictId: 's2' })).toBe(true);
    expect(countsIn({ ...elsewhere, floating: true }, { zoneId: 'z1' })).toBe(false);
  });

  it("keeps membership's state and the gateway's copy in agreement on every place, after every history of registrations, check-ins, check-outs, transfers and admissions", () => {
    const all = histories();
    expect(all.length).toBeGreaterThan(500);
    for (const events of all) {
      const member = events.reduce<Member | null>((state, event) => evolveMember(state, event), null)!;
      const doc = referenceAfter(events);
      // The copy's facts say what membership's state says…
      expect({ events: events.map((e) => e.type), counted: countedPlaceOf(standingOfReference(doc)) }).toEqual({ events: events.map((e) => e.type), counted: member.countedIn });
      for (const place of PLACES) {
        // … and its database filters count the member exactly where the rule does, in one of the two at most.
        const { checkedIn, placed } = countedInFilters(place);
        const byFilters = [matches(checkedIn, doc as never), matches(placed, doc as never)];
        expect({ place, events: events.map((e) => e.type), byFilters: byFilters.filter(Boolean).length }).toEqual({
          place,
          events: events.map((e) => e.type),
          byFilters: countsIn(member.countedIn, place) ? 1 : 0,
        });
        expect({ place, floating: byFilters[0] }).toEqual({ place, floating: countsIn(member.countedIn, place) && member.countedIn!.floating });
      }
    }
  });
});
