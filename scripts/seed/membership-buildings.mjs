// Demo data: the buildings and commercial complexes (楼宇、综合体) of 太白楼路商圈 as places of
// their own, and the商圈's organizations located in them (#18). The article names four of the
// eight complexes (万达、苏宁、运河城、贵和); 太白楼商厦 is the building of the seed's
// 太白楼商厦党支部. Fixed ids: a second run finds them all there (409) and adds nothing.
import { ids } from './membership-ids.mjs';

const zoneId = ids.zones.taibailou;

export const BUILDINGS = [
  { buildingId: 'bld-tbl-wanda', name: '万达广场', kind: 'COMPLEX', zoneId, address: null },
  { buildingId: 'bld-tbl-suning', name: '苏宁广场', kind: 'COMPLEX', zoneId, address: null },
  { buildingId: 'bld-tbl-yunhecheng', name: '运河城', kind: 'COMPLEX', zoneId, address: null },
  { buildingId: 'bld-tbl-guihe', name: '贵和购物中心', kind: 'COMPLEX', zoneId, address: null },
  { buildingId: 'bld-tbl-taibailou-mall', name: '太白楼商厦', kind: 'BUILDING', zoneId, address: null },
];

/** Organization → the building it is in. */
export const LOCATIONS = {
  'org-tbl-wanda': 'bld-tbl-wanda',
  'org-tbl-wanda-property': 'bld-tbl-wanda',
  'org-tbl-wanda-merchants': 'bld-tbl-wanda',
  'org-tbl-suning': 'bld-tbl-suning',
  'org-tbl-yunhecheng': 'bld-tbl-yunhecheng',
  'org-tbl-yunhecheng-property': 'bld-tbl-yunhecheng',
  'org-tbl-yunhecheng-joint': 'bld-tbl-yunhecheng',
  'org-tbl-guihe': 'bld-tbl-guihe',
  'org-tbl-taibailou-mall': 'bld-tbl-taibailou-mall',
};

export async function seedBuildings({ call, log }) {
  for (const building of BUILDINGS) await call('POST', '/membership/buildings', building);
  for (const [organizationId, buildingId] of Object.entries(LOCATIONS)) await call('PUT', `/membership/organizations/${organizationId}/building`, { buildingId });
  log(`  ${BUILDINGS.length} buildings and complexes in 太白楼路商圈, ${Object.keys(LOCATIONS).length} organizations located in them`);
}
