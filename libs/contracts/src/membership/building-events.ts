import { defineEvent } from '../event-definition';

/** 楼宇 an office building, 综合体 a commercial complex: places inside a zone. */
export const BUILDING_KINDS = ['BUILDING', 'COMPLEX'] as const;
export type BuildingKind = (typeof BUILDING_KINDS)[number];

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;

export interface BuildingRegisteredData {
  buildingId: string;
  name: string;
  kind: BuildingKind;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  /** The building's street address (a place, not a person's). */
  address: string | null;
}

/** 楼宇、综合体登记 */
export const BuildingRegistered = defineEvent<BuildingRegisteredData>({
  context: 'membership',
  name: 'BuildingRegistered',
  version: 1,
  aggregateType: 'Building',
  description: { zh: '片区内的楼宇或综合体已登记。', en: 'An office building or commercial complex inside a zone was registered.' },
  schema: {
    type: 'object',
    required: ['buildingId', 'name', 'kind', 'districtId', 'subDistrictId', 'zoneId', 'address'],
    additionalProperties: false,
    properties: {
      buildingId: id,
      name: { type: 'string', minLength: 1, maxLength: 100 },
      kind: { enum: [...BUILDING_KINDS] },
      districtId: id,
      subDistrictId: id,
      zoneId: id,
      address: { type: ['string', 'null'], maxLength: 200 },
    },
  },
  personalFields: [],
  example: {
    buildingId: 'bld-wanda-plaza',
    name: '万达广场',
    kind: 'COMPLEX',
    districtId: 'rencheng',
    subDistrictId: 'fuqiao',
    zoneId: 'zone-taibailou',
    address: '济宁市任城区太白楼中路',
  },
});
