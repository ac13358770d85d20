import { MemberRecordStatus, MemberStatus } from './member-events';

/** A place in the jurisdiction tree where a member is placed or has checked in. */
export interface MemberPlace {
  organizationId: string;
  districtId: string;
  subDistrictId: string;
  /** null for an organization of no zone (a 街道党工委). */
  zoneId: string | null;
}

/** 计入: where a member counts in the figures of a zone and of the levels above it. */
export interface CountedPlace extends MemberPlace {
  /** Counted as a floating member 流动党员 (through a check-in), not through a placement. */
  floating: boolean;
}

/** The facts that decide where a member counts, as membership's state and every copy of it keep them. */
export interface MemberStanding {
  /** null while still in the development pipeline (not yet a member); ENDED once the membership ended (counts nowhere). */
  status: MemberRecordStatus | null;
  /** The organization the member is placed in (registration, completed transfers). */
  placement: MemberPlace | null;
  /** 流动党员报到: the local organization the member is checked in with now. */
  checkedIn: MemberPlace | null;
  /** A floating member who checked out and has not checked in again nor been transferred since. */
  checkedOut: boolean;
}

/**
 * The statuses that count. An ended membership (ENDED: 停止党籍, 出党, 除名, 退党, 死亡,
 * transferred out of the city) is not in this list, so it counts nowhere.
 */
const COUNTED_STATUSES: readonly string[] = ['FULL', 'PROBATIONARY'] satisfies MemberStatus[];

/**
 * One definition of "a member of this zone" (片区党员), used by membership's counts and by
 * the gateway's dashboards alike (docs/services/membership.md, "Who counts where"):
 * - a floating member checked in counts where they checked in, and only there: their
 *   membership is held elsewhere (流出地), so a local placement does not count for them;
 * - a floating member who checked out has left and counts nowhere;
 * - any other member counts where they are placed.
 * A member counts in one place at most, so the zones add up to their sub-district, district
 * and city (members of an organization of no zone count at the sub-district and above only).
 * Applicants, activists and development targets are not members and count nowhere.
 */
export function countedPlaceOf(member: MemberStanding): CountedPlace | null {
  if (member.status === null || !COUNTED_STATUSES.includes(member.status)) return null;
  if (member.checkedIn) return { ...placeOnly(member.checkedIn), floating: true };
  if (member.checkedOut || !member.placement) return null;
  return { ...placeOnly(member.placement), floating: false };
}

/** Whether a counted place lies in a place asked about (no key: the whole city). */
export function countsIn(counted: CountedPlace | null, place: Partial<Record<'districtId' | 'subDistrictId' | 'zoneId', string>>): boolean {
  if (!counted) return false;
  return (
    (place.districtId === undefined || counted.districtId === place.districtId) &&
    (place.subDistrictId === undefined || counted.subDistrictId === place.subDistrictId) &&
    (place.zoneId === undefined || counted.zoneId === place.zoneId)
  );
}

function placeOnly({ organizationId, districtId, subDistrictId, zoneId }: MemberPlace): MemberPlace {
  return { organizationId, districtId, subDistrictId, zoneId };
}
