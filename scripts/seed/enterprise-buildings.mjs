// Demo data: 太白楼路商圈's anchor enterprises (the companies hosting the商圈's Party organizations)
// registered in the buildings and complexes membership's seed registers (membership-buildings.mjs),
// so a building's page counts enterprises as well as organizations (#18, item 2). Fixed credit
// codes: a second run finds them there (409) and adds nothing.
import { BUILDINGS } from './membership-buildings.mjs';
import { creditCode } from './enterprise-ids.mjs';

const zoneId = BUILDINGS[0].zoneId;

/** [first 17 characters of the credit code, name, building, industry, employees] */
const ENTERPRISES_IN_BUILDINGS = [
  ['91370811MA3TB0001', '济宁万达广场商业管理有限公司', 'bld-tbl-wanda', '商业运营管理', 120],
  ['91370811MA3TB0002', '济宁万达物业服务有限公司', 'bld-tbl-wanda', '物业服务', 85],
  ['91370811MA3TB0003', '济宁苏宁广场商业管理有限公司', 'bld-tbl-suning', '商业运营管理', 64],
  ['91370811MA3TB0004', '济宁运河城商业管理有限公司', 'bld-tbl-yunhecheng', '商业运营管理', 96],
  ['91370811MA3TB0005', '济宁运河城物业管理有限公司', 'bld-tbl-yunhecheng', '物业服务', 70],
  ['91370811MA3TB0006', '济宁贵和购物中心有限公司', 'bld-tbl-guihe', '零售', 150],
  ['91370811MA3TB0007', '济宁太白楼商厦有限公司', 'bld-tbl-taibailou-mall', '零售', 58],
];

export async function seedEnterprisesInBuildings({ call, log }) {
  for (const [first17, name, buildingId, industry, employees] of ENTERPRISES_IN_BUILDINGS) {
    await call('POST', '/enterprise/enterprises', {
      creditCode: creditCode(first17),
      zoneId,
      buildingId,
      name,
      industry,
      size: employees >= 100 ? 'MEDIUM' : 'SMALL',
      employees,
      youngGraduates: Math.round(employees / 6),
      contacts: [],
      tags: ['商圈企业'],
    });
  }
  log(`太白楼路商圈: ${ENTERPRISES_IN_BUILDINGS.length} enterprises registered in its buildings and complexes`);
}
