import type { Jurisdiction } from '../../domain/jurisdiction/jurisdiction';
import type { PlaceFilter } from './jurisdiction-statistics';

export type JurisdictionView = Jurisdiction & { version: number };

export const HIDDEN = { _id: 0, lastEventAt: 0 } as const;

/** The records that lie inside a jurisdiction, in the fields they carry. */
export function placeFilterOf(j: Pick<Jurisdiction, 'level' | 'districtId' | 'subDistrictId' | 'zoneId'>): PlaceFilter {
  switch (j.level) {
    case 'CITY':
      return {};
    case 'DISTRICT':
      return { districtId: j.districtId! };
    case 'SUB_DISTRICT':
      return { districtId: j.districtId!, subDistrictId: j.subDistrictId! };
    case 'ZONE':
      return { districtId: j.districtId!, zoneId: j.zoneId! };
  }
}
