import { Connection } from 'mongoose';
import { CONTEXT_TOPICS, EventEnvelope } from '@pb/contracts';
import { bearer, infraEnv, readTopic, SYSTEM, TestApp } from '@pb/testing';

/** Registers 济宁市 → `district` → `subDistrict` → the zones, through the jurisdictions API; one already there is fine. */
export async function registerPlaces(t: TestApp, district: string, subDistrict = 'fuqiao', zones = ['zone-taibailou']): Promise<void> {
  const register = async (body: Record<string, unknown>) => {
    const res = await t.http().post('/jurisdictions').set('authorization', bearer(SYSTEM)).send(body);
    if (![201, 409].includes(res.status)) throw new Error(`jurisdiction ${body.jurisdictionId}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await register({ jurisdictionId: 'jining', level: 'CITY', name: '济宁市' });
  await register({ jurisdictionId: district, level: 'DISTRICT', name: '任城区', parentId: 'jining' });
  await register({ jurisdictionId: subDistrict, level: 'SUB_DISTRICT', name: '阜桥街道', parentId: district });
  for (const zone of zones) await register({ jurisdictionId: zone, level: 'ZONE', name: `片区${zone}`, parentId: subDistrict, zoneKind: 'BUSINESS_DISTRICT' });
}

const committees = new Map<string, Promise<string>>();

/**
 * Registers an organization through the organizations API. Branches without a parent get their
 * zone's 商圈党委 as parent (one per zone and database).
 */
export async function createOrganization(t: TestApp, body: Record<string, unknown>): Promise<string> {
  if (['BRANCH', 'JOINT_BRANCH', 'GENERAL_BRANCH'].includes(body.type as string) && body.parentId === undefined && body.zoneId) {
    const key = `${t.db.name}/${body.zoneId as string}`;
    if (!committees.has(key)) {
      committees.set(key, createOrganization(t, { districtId: body.districtId, subDistrictId: body.subDistrictId, zoneId: body.zoneId, name: '商圈党委', type: 'DISTRICT_COMMITTEE' }));
    }
    body = { ...body, parentId: await committees.get(key)! };
  }
  const res = await t.http().post('/organizations').set('authorization', bearer()).send(body);
  if (res.status !== 201) throw new Error(`organization setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.organizationId as string;
}

/** Document counts of everything a member command may write. */
export async function memberCounts(db: Connection): Promise<Record<string, number>> {
  const names = ['events', 'members', 'member_id_numbers', 'member_personal_data', 'identity_declarations', 'recommendations'];
  const out: Record<string, number> = {};
  for (const name of names) out[name] = await db.collection(name).countDocuments();
  return out;
}

/** The envelopes of one aggregate on the membership topic, once `count` of them are there. */
export async function eventsOf(subject: string, count = 1): Promise<EventEnvelope[]> {
  const messages = await readTopic(infraEnv().KAFKA_BROKERS, CONTEXT_TOPICS.membership, (m) => m.filter((x) => x.key === subject).length >= count);
  return messages
    .filter((m) => m.key === subject)
    .map((m) => JSON.parse(m.value!) as EventEnvelope)
    .sort((a, b) => a.aggregateversion - b.aggregateversion);
}
