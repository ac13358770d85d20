import { Connection } from 'mongoose';
import { Actor } from '@pb/platform';
import { TestZone } from '@pb/testing';

/** Who acts on an enterprise's records: the zone's administrators and the enterprise's own contact (企业联络人). */
export const districtAdmin = (zone: TestZone, userId = 'district-admin'): Actor => ({ userId, role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: zone.districtId } });
export const zoneAdmin = (zone: TestZone): Actor => ({
  userId: 'sub-admin',
  role: 'SUB_DISTRICT_ADMIN',
  scope: { level: 'SUB_DISTRICT', districtId: zone.districtId, subDistrictId: zone.subDistrictId },
});
export const contactOf = (zone: TestZone, creditCode: string, userId = 'contact-1'): Actor => ({
  userId,
  role: 'ENTERPRISE_CONTACT',
  scope: { level: 'ZONE', districtId: zone.districtId, zoneId: zone.zoneId },
  enterpriseCode: creditCode,
});

/** A registration of an enterprise in `zone`: a small e-commerce company with a contact. */
export function enterpriseBody(creditCode: string, zone: TestZone, overrides: Record<string, unknown> = {}) {
  return {
    creditCode,
    zoneId: zone.zoneId,
    name: '济宁海能电子商务有限公司',
    building: '海能电商园 A 座',
    industry: '电子商务',
    size: 'SMALL',
    employees: 30,
    youngGraduates: 12,
    contacts: [{ name: '李娜', title: '行政主管' }],
    tags: ['电商', '小微企业'],
    ...overrides,
  };
}

/** Documents per collection, to show that a refused request changed nothing. */
export async function counts(db: Connection, ...collections: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = { events: await db.collection('events').countDocuments() };
  for (const c of collections) out[c] = await db.collection(c).countDocuments();
  return out;
}
