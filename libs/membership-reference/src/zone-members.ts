import type { MemberStanding } from '@pb/contracts';
import type { MemberReference } from './reference-views';

/** A place in the jurisdiction tree to list or count in; no key means the whole city. */
export type PlaceFilter = Partial<Record<'districtId' | 'subDistrictId' | 'zoneId', string>>;

/**
 * A copy's member document as the facts of the one rule (`countedPlaceOf`, @pb/contracts).
 * The copy keeps only events of Party members (the pipeline's are not among MEMBER_EVENTS),
 * so every document is a member's: full unless known to be probationary.
 */
export function standingOfReference(member: MemberReference): MemberStanding {
  const placed = member.organizationId && member.districtId && member.subDistrictId;
  const checkedIn = member.floating && member.floatingOrganizationId && member.floatingDistrictId && member.floatingSubDistrictId;
  return {
    status: member.ended === true ? 'ENDED' : member.full === false ? 'PROBATIONARY' : 'FULL',
    placement: placed ? { organizationId: member.organizationId!, districtId: member.districtId!, subDistrictId: member.subDistrictId!, zoneId: member.zoneId ?? null } : null,
    checkedIn: checkedIn
      ? { organizationId: member.floatingOrganizationId!, districtId: member.floatingDistrictId!, subDistrictId: member.floatingSubDistrictId!, zoneId: member.floatingZoneId ?? null }
      : null,
    checkedOut: member.checkedOut === true,
  };
}

/**
 * `countedPlaceOf` over the copy's documents as database filters, so the dashboards count
 * without reading every member: the members who count in a place are those matching either
 * filter, and no document matches both (the first is of floating members checked in there,
 * the second of members placed there who are neither checked in nor checked out). Equalities
 * only where a place is given, so each starts from an index (FerretDB scans for anything else).
 * test/zone-members.spec.ts holds this to the rule.
 */
export function countedInFilters(place: PlaceFilter): { checkedIn: Record<string, unknown>; placed: Record<string, unknown> } {
  // An ended membership (MembershipEnded) counts nowhere: both filters leave it out.
  const checkedIn: Record<string, unknown> = { floating: true, ended: { $ne: true } };
  if (place.districtId) checkedIn.floatingDistrictId = place.districtId;
  if (place.subDistrictId) checkedIn.floatingSubDistrictId = place.subDistrictId;
  if (place.zoneId) checkedIn.floatingZoneId = place.zoneId;
  const placed: Record<string, unknown> = { ...place, organizationId: { $exists: true }, floating: { $ne: true }, checkedOut: { $ne: true }, ended: { $ne: true } };
  return { checkedIn, placed };
}
