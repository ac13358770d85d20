import { defineEvent } from '../event-definition';
import { id, jurisdictionProperties, optionalId, optionalText, text } from './schema-parts';

export interface GridEstablishedData {
  gridId: string;
  name: string;
  description: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 网格划定 */
export const GridEstablished = defineEvent<GridEstablishedData>({
  context: 'governance',
  name: 'GridEstablished',
  version: 1,
  aggregateType: 'Grid',
  description: { zh: '片区内划定了新的网格。', en: 'A grid was drawn inside a zone.' },
  schema: {
    type: 'object',
    required: ['gridId', 'name', 'description', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: { gridId: id, name: text(100), description: optionalText(500), ...jurisdictionProperties },
  },
  personalFields: [],
  example: { gridId: 'grid-taibailou-1', name: '运河城网格', description: '运河城购物中心及周边', districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou' },
});

export interface GridWorkerRegisteredData {
  /** The worker's platform user id: what their sign-in token carries as userId. */
  workerId: string;
  /** Personal data: pseudonymised on analyst streams; other events carry the worker id only. */
  name: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
}

/** 商圈专属网格员登记 */
export const GridWorkerRegistered = defineEvent<GridWorkerRegisteredData>({
  context: 'governance',
  name: 'GridWorkerRegistered',
  version: 1,
  aggregateType: 'GridWorker',
  description: { zh: '片区专属网格员已登记（网格员是工作人员，姓名属个人信息）。', en: 'A dedicated grid worker was registered in a zone (the name is personal data).' },
  schema: {
    type: 'object',
    required: ['workerId', 'name', 'districtId', 'subDistrictId', 'zoneId'],
    additionalProperties: false,
    properties: { workerId: id, name: text(50), ...jurisdictionProperties },
  },
  personalFields: ['name'],
  personIds: ['workerId'],
  example: { workerId: 'gw-taibailou-01', name: '李晓梅', districtId: 'rencheng', subDistrictId: 'fuqiao', zoneId: 'zone-taibailou' },
});

export interface GridWorkerAssignedData {
  workerId: string;
  gridId: string;
}

/** 网格员分配到网格 */
export const GridWorkerAssigned = defineEvent<GridWorkerAssignedData>({
  context: 'governance',
  name: 'GridWorkerAssigned',
  version: 1,
  aggregateType: 'GridWorker',
  description: { zh: '网格员被分配到一个网格（可负责多个网格）。', en: 'A grid worker was assigned to a grid (a worker may serve several).' },
  schema: { type: 'object', required: ['workerId', 'gridId'], additionalProperties: false, properties: { workerId: id, gridId: id } },
  personalFields: [],
  personIds: ['workerId'],
  example: { workerId: 'gw-taibailou-01', gridId: 'grid-taibailou-1' },
});

/** 网格员撤出网格 */
export const GridWorkerUnassigned = defineEvent<GridWorkerAssignedData>({
  context: 'governance',
  name: 'GridWorkerUnassigned',
  version: 1,
  aggregateType: 'GridWorker',
  description: { zh: '网格员不再负责该网格。', en: 'A grid worker no longer serves a grid.' },
  schema: { type: 'object', required: ['workerId', 'gridId'], additionalProperties: false, properties: { workerId: id, gridId: id } },
  personalFields: [],
  personIds: ['workerId'],
  example: { workerId: 'gw-taibailou-01', gridId: 'grid-taibailou-1' },
});

/** 职能部门类别: 工商/市场监管, 城管, 公安, 司法, 住建, 税务, 金融, 社区, 其他. */
export const DEPARTMENT_KINDS = ['MARKET_REGULATION', 'URBAN_MANAGEMENT', 'PUBLIC_SECURITY', 'JUSTICE', 'HOUSING', 'TAX', 'FINANCE', 'COMMUNITY', 'OTHER'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export interface DepartmentRegisteredData {
  departmentId: string;
  name: string;
  kind: DepartmentKind;
  districtId: string;
  /** Null for a district-wide department. */
  subDistrictId: string | null;
}

/** 职能部门登记（案件派遣对象） */
export const DepartmentRegistered = defineEvent<DepartmentRegisteredData>({
  context: 'governance',
  name: 'DepartmentRegistered',
  version: 1,
  aggregateType: 'Department',
  description: { zh: '可接收案件派遣的职能部门已登记。', en: 'A government department that cases can be dispatched to was registered.' },
  schema: {
    type: 'object',
    required: ['departmentId', 'name', 'kind', 'districtId', 'subDistrictId'],
    additionalProperties: false,
    properties: { departmentId: id, name: text(100), kind: { enum: [...DEPARTMENT_KINDS] }, districtId: id, subDistrictId: optionalId },
  },
  personalFields: [],
  example: { departmentId: 'dept-rencheng-scjg', name: '任城区市场监督管理局', kind: 'MARKET_REGULATION', districtId: 'rencheng', subDistrictId: null },
});

export interface GridBuildingsSetData {
  gridId: string;
  /** The 楼宇 and 综合体 (membership's BuildingRegistered, of the grid's zone) the grid covers, as it now stands; [] none. */
  buildingIds: string[];
}

/** 网格覆盖楼宇调整 */
export const GridBuildingsSet = defineEvent<GridBuildingsSetData>({
  context: 'governance',
  name: 'GridBuildingsSet',
  version: 1,
  aggregateType: 'Grid',
  description: {
    zh: '网格覆盖的楼宇、综合体已调整（均在网格所在片区），事件载荷为调整后的完整清单。',
    en: 'The buildings and commercial complexes a grid covers (all in its zone) were set; the payload is the whole new list.',
  },
  schema: {
    type: 'object',
    required: ['gridId', 'buildingIds'],
    additionalProperties: false,
    properties: { gridId: id, buildingIds: { type: 'array', maxItems: 50, uniqueItems: true, items: id } },
  },
  personalFields: [],
  example: { gridId: 'grid-taibailou-1', buildingIds: ['bld-wanda-plaza'] },
});
