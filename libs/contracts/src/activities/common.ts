/** Schema pieces shared by the activities context's events. */
export const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
export const optionalId = { type: ['string', 'null'], maxLength: 64 } as const;
export const instant = { type: 'string', format: 'date-time' } as const;
export const date = { type: 'string', format: 'date' } as const;
export const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
export const jurisdictionProps = { districtId: id, subDistrictId: id, zoneId: optionalId } as const;
export const JURISDICTION_FIELDS = ['districtId', 'subDistrictId', 'zoneId'] as const;

export interface ActivitiesJurisdiction {
  districtId: string;
  subDistrictId: string;
  zoneId: string | null;
}
