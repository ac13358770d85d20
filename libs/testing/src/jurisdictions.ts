import { Connection } from 'mongoose';
import { BuildingKind, BuildingRegistered, CONTEXT_TOPICS, EventEnvelope, JurisdictionLevel, JurisdictionRegistered, OrganizationRegistered, ZoneKind } from '@pb/contracts';
import { envelopeOf, publishEnvelopes } from './event-factory';
import { infraEnv, uniqueName } from './infra-env';
import { waitFor } from './wait-for';

/*
 * Jurisdictions (辖区) as the other services learn them: membership's events, published on the
 * test file's membership topic, then awaited in the app's copy of membership's reference data.
 */

/** Where a jurisdiction sits; null above its own level. */
export interface Place {
  parentId: string | null;
  districtId: string | null;
  subDistrictId: string | null;
}

/** 辖区登记: one JurisdictionRegistered (version 1) as membership's relay publishes it. */
export function jurisdictionRegistered(id: string, level: JurisdictionLevel, name: string, place: Place, zoneKind: ZoneKind = 'BUSINESS_DISTRICT'): EventEnvelope {
  const zoneId = level === 'ZONE' ? id : null;
  return envelopeOf(
    JurisdictionRegistered,
    { jurisdictionId: id, level, name, ...place, zoneId, zoneKind: zoneId ? zoneKind : null },
    { aggregateId: id, version: 1, districtId: place.districtId ?? '', zoneId: zoneId ?? '' },
  );
}

/** 区 → 街道 → 片区: a zone in a sub-district of a district, all three of the test's own. */
export interface TestZone {
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

export function newZone(): TestZone {
  const district = uniqueName('d');
  return { districtId: district, subDistrictId: `${district}-s`, zoneId: `${district}-zone` };
}

/** The district, sub-district and zone of `zone` registered, the district under `cityId` when given. */
export function zoneRegistered(zone: TestZone, name = '测试片区', cityId: string | null = null): EventEnvelope[] {
  const { districtId, subDistrictId, zoneId } = zone;
  return [
    jurisdictionRegistered(districtId, 'DISTRICT', '测试区', { parentId: cityId, districtId, subDistrictId: null }),
    jurisdictionRegistered(subDistrictId, 'SUB_DISTRICT', '测试街道', { parentId: districtId, districtId, subDistrictId }),
    jurisdictionRegistered(zoneId, 'ZONE', name, { parentId: subDistrictId, districtId, subDistrictId }),
  ];
}

/**
 * A city of the test's own: a district with a sub-district and two zones, another district with a
 * zone, and a 商圈党委 in the first zone. Cases escalate zone → sub-district → district → city in it.
 */
export interface World {
  cityId: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  otherZoneId: string;
  otherDistrictId: string;
  otherDistrictZoneId: string;
  organizationId: string;
}

export function newWorld(): World {
  const tag = uniqueName('w');
  return {
    cityId: `city-${tag}`,
    districtId: `rencheng-${tag}`,
    subDistrictId: `fuqiao-${tag}`,
    zoneId: `zone-taibailou-${tag}`,
    otherZoneId: `zone-other-${tag}`,
    otherDistrictId: `other-${tag}`,
    otherDistrictZoneId: `zone-far-${tag}`,
    organizationId: `org-${tag}`,
  };
}

export function worldRegistered(w: World): EventEnvelope[] {
  const first = { districtId: w.districtId, subDistrictId: w.subDistrictId };
  const other = { districtId: w.otherDistrictId, subDistrictId: `${w.otherDistrictId}-s`, zoneId: w.otherDistrictZoneId };
  return [
    jurisdictionRegistered(w.cityId, 'CITY', '济宁市', { parentId: null, districtId: null, subDistrictId: null }),
    ...zoneRegistered({ ...first, zoneId: w.zoneId }, '太白楼路商圈', w.cityId),
    jurisdictionRegistered(w.otherZoneId, 'ZONE', '另一商圈', { parentId: w.subDistrictId, ...first }),
    ...zoneRegistered(other, '济宁软件园', w.cityId),
    envelopeOf(
      OrganizationRegistered,
      { organizationId: w.organizationId, name: '太白楼路商圈党委', type: 'DISTRICT_COMMITTEE', parentId: null, ...first, zoneId: w.zoneId, host: null },
      { aggregateId: w.organizationId, version: 1, districtId: w.districtId, zoneId: w.zoneId },
    ),
  ];
}

/** 楼宇、综合体登记: one BuildingRegistered (version 1) in `zone`, as membership's relay publishes it. */
export function buildingRegistered(buildingId: string, zone: TestZone, name: string, kind: BuildingKind = 'BUILDING'): EventEnvelope {
  return envelopeOf(
    BuildingRegistered,
    { buildingId, name, kind, districtId: zone.districtId, subDistrictId: zone.subDistrictId, zoneId: zone.zoneId, address: null },
    { aggregateId: buildingId, version: 1, districtId: zone.districtId, zoneId: zone.zoneId },
  );
}

/**
 * Publishes membership's events and waits until the app behind `db` has every jurisdiction,
 * organization and building they register in its reference views.
 */
export async function announce(db: Connection, events: EventEnvelope[], timeoutMs = 90_000): Promise<void> {
  await publishEnvelopes(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, events);
  const idsOf = (type: string) => events.filter((e) => e.type === type).map((e) => e.subject);
  const expected: [string, string[]][] = [
    ['membership_jurisdictions', idsOf(JurisdictionRegistered.type)],
    ['membership_organizations', idsOf(OrganizationRegistered.type)],
    ['membership_buildings', idsOf(BuildingRegistered.type)],
  ];
  await waitFor(
    async () => {
      for (const [collection, ids] of expected) {
        if (ids.length > 0 && (await db.collection(collection).countDocuments({ _id: { $in: ids } } as never)) < new Set(ids).size) return false;
      }
      return true;
    },
    `membership's events to reach ${db.name}`,
    timeoutMs,
    200,
  );
}

export const announceWorld = (db: Connection, w: World): Promise<void> => announce(db, worldRegistered(w));

export const announceZone = (db: Connection, zone: TestZone, name?: string): Promise<void> => announce(db, zoneRegistered(zone, name));
