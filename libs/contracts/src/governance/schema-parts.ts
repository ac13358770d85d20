/** JSON Schema fragments shared by the governance contracts. */
export const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
export const optionalId = { type: ['string', 'null'], maxLength: 64 } as const;
export const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
export const optionalText = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const date = { type: 'string', format: 'date' } as const;
export const jurisdictionProperties = { districtId: id, subDistrictId: id, zoneId: id } as const;
