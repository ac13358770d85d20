import type {
  DepartmentKind,
  DepartmentRegisteredData,
  EventEnvelope,
  GridBuildingsSetData,
  GridEstablishedData,
  GridWorkerAssignedData,
  GridWorkerRegisteredData,
} from '@pb/contracts';
import { DomainError } from '@pb/platform/domain-error';

/** A zone as governance learned it from membership's events. */
export interface KnownZone {
  zoneId: string;
  districtId: string;
  subDistrictId: string;
}

/** 网格 */
export interface Grid {
  gridId: string;
  name: string;
  description: string | null;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  /** 覆盖楼宇: the registered buildings and complexes of its zone the grid covers (GridBuildingsSet). */
  buildingIds: string[];
  establishedAt: string;
}

export function evolveGrid(state: Grid | null, event: EventEnvelope): Grid {
  switch (event.type) {
    case 'governance.GridEstablished.v1':
      return { ...(event.data as GridEstablishedData), buildingIds: [], establishedAt: event.time };
    case 'governance.GridBuildingsSet.v1':
      if (!state) throw new Error(`${event.type} before GridEstablished for ${event.subject}`);
      return { ...state, buildingIds: (event.data as GridBuildingsSetData).buildingIds };
    default:
      throw new Error(`Grid cannot apply ${event.type}`);
  }
}

/** A registered 楼宇 or 综合体, as far as a grid needs it. */
export interface BuildingPlace {
  buildingId: string;
  name: string;
  zoneId: string;
}

export const MAX_BUILDINGS_PER_GRID = 50;

/**
 * 网格覆盖楼宇: the whole list as it now stands, each a building membership registered in the
 * grid's own zone (`buildings[i]` is what is known of `buildingIds[i]`, null when unknown).
 */
export function decideGridBuildings(grid: Grid | null, gridId: string, buildingIds: string[], buildings: (BuildingPlace | null)[]): GridBuildingsSetData {
  if (!grid) throw new DomainError('not_found', 'GRID_NOT_FOUND', `网格 ${gridId} 不存在`, { gridId });
  const ids = [...new Set(buildingIds)];
  if (ids.length > MAX_BUILDINGS_PER_GRID) throw new DomainError('invalid', 'TOO_MANY_BUILDINGS', `buildingIds：一个网格最多覆盖 ${MAX_BUILDINGS_PER_GRID} 座楼宇`, { gridId });
  buildingIds.forEach((buildingId, i) => {
    const building = buildings[i];
    if (!building) throw new DomainError('invalid', 'BUILDING_NOT_FOUND', `buildingIds：楼宇 ${buildingId} 未登记（或共治服务尚未同步到该楼宇）`, { buildingId });
    if (building.zoneId !== grid.zoneId) {
      throw new DomainError(
        'invalid',
        'BUILDING_IN_OTHER_ZONE',
        `buildingIds：楼宇${building.name}属于片区 ${building.zoneId}，网格${grid.name}属于片区 ${grid.zoneId}，只能覆盖本片区的楼宇`,
        {
          buildingId,
          zoneId: building.zoneId,
        },
      );
    }
  });
  const current = grid.buildingIds ?? [];
  if (ids.length === current.length && ids.every((id) => current.includes(id))) {
    throw new DomainError('conflict', 'BUILDINGS_UNCHANGED', `网格${grid.name}覆盖的楼宇与当前一致，无需调整`, { gridId });
  }
  return { gridId, buildingIds: ids };
}

export function requireZone(zone: KnownZone | null, zoneId: string): KnownZone {
  if (!zone) throw new DomainError('invalid', 'ZONE_NOT_FOUND', `片区 ${zoneId} 不存在（尚未从党员服务获知）`, { zoneId });
  return zone;
}

/** A grid is drawn once, inside a zone membership has registered (its buildings are set afterwards). */
export function decideGrid(existing: Grid | null, zone: KnownZone | null, request: { gridId: string; name: string; description: string | null; zoneId: string }): GridEstablishedData {
  if (existing) throw new DomainError('conflict', 'GRID_EXISTS', `网格 ${request.gridId} 已存在`, { gridId: request.gridId });
  const z = requireZone(zone, request.zoneId);
  return {
    gridId: request.gridId,
    name: request.name.trim(),
    description: request.description?.trim() || null,
    districtId: z.districtId,
    subDistrictId: z.subDistrictId,
    zoneId: z.zoneId,
  };
}

/** 网格员: staff, not Party members; their name stays in governance. */
export interface GridWorker {
  workerId: string;
  name: string;
  districtId: string;
  subDistrictId: string;
  zoneId: string;
  gridIds: string[];
  registeredAt: string;
}

export function evolveGridWorker(state: GridWorker | null, event: EventEnvelope): GridWorker {
  switch (event.type) {
    case 'governance.GridWorkerRegistered.v1':
      return { ...(event.data as GridWorkerRegisteredData), gridIds: [], registeredAt: event.time };
    case 'governance.GridWorkerAssigned.v1': {
      const s = requireWorkerState(state, event);
      return { ...s, gridIds: [...s.gridIds, (event.data as GridWorkerAssignedData).gridId] };
    }
    case 'governance.GridWorkerUnassigned.v1': {
      const s = requireWorkerState(state, event);
      const gridId = (event.data as GridWorkerAssignedData).gridId;
      return { ...s, gridIds: s.gridIds.filter((g) => g !== gridId) };
    }
    default:
      throw new Error(`GridWorker cannot apply ${event.type}`);
  }
}

function requireWorkerState(state: GridWorker | null, event: EventEnvelope): GridWorker {
  if (!state) throw new Error(`${event.type} before GridWorkerRegistered for ${event.subject}`);
  return state;
}

export function decideWorkerRegistration(existing: GridWorker | null, zone: KnownZone | null, request: { workerId: string; name: string; zoneId: string }): GridWorkerRegisteredData {
  if (existing) throw new DomainError('conflict', 'WORKER_EXISTS', `网格员 ${request.workerId} 已登记`, { workerId: request.workerId });
  const z = requireZone(zone, request.zoneId);
  return { workerId: request.workerId, name: request.name.trim(), districtId: z.districtId, subDistrictId: z.subDistrictId, zoneId: z.zoneId };
}

export const MAX_GRIDS_PER_WORKER = 20;

/** A worker serves grids of their own zone only. */
export function decideAssignment(worker: GridWorker | null, grid: Grid | null, workerId: string, gridId: string): GridWorkerAssignedData {
  if (!worker) throw new DomainError('not_found', 'WORKER_NOT_FOUND', `网格员 ${workerId} 未登记`, { workerId });
  if (!grid) throw new DomainError('invalid', 'GRID_NOT_FOUND', `网格 ${gridId} 不存在`, { gridId });
  if (grid.zoneId !== worker.zoneId) throw new DomainError('invalid', 'GRID_IN_OTHER_ZONE', `网格 ${gridId} 不在网格员所属片区`, { gridId, zoneId: worker.zoneId });
  if (worker.gridIds.includes(gridId)) throw new DomainError('conflict', 'ALREADY_ASSIGNED', `网格员 ${workerId} 已负责网格 ${gridId}`, { workerId, gridId });
  if (worker.gridIds.length >= MAX_GRIDS_PER_WORKER) throw new DomainError('invalid', 'TOO_MANY_GRIDS', `一名网格员最多负责 ${MAX_GRIDS_PER_WORKER} 个网格`, { workerId });
  return { workerId, gridId };
}

export function decideUnassignment(worker: GridWorker | null, workerId: string, gridId: string): GridWorkerAssignedData {
  if (!worker) throw new DomainError('not_found', 'WORKER_NOT_FOUND', `网格员 ${workerId} 未登记`, { workerId });
  if (!worker.gridIds.includes(gridId)) throw new DomainError('conflict', 'NOT_ASSIGNED', `网格员 ${workerId} 不负责网格 ${gridId}`, { workerId, gridId });
  return { workerId, gridId };
}

/** 职能部门 (工商/市场监管, 城管, 公安, 司法, 住建 …): governance's own records, cases are dispatched to them. */
export interface Department {
  departmentId: string;
  name: string;
  kind: DepartmentKind;
  districtId: string;
  subDistrictId: string | null;
  registeredAt: string;
}

export function evolveDepartment(_: Department | null, event: EventEnvelope): Department {
  if (event.type !== 'governance.DepartmentRegistered.v1') throw new Error(`Department cannot apply ${event.type}`);
  return { ...(event.data as DepartmentRegisteredData), registeredAt: event.time };
}

export function decideDepartment(existing: Department | null, request: DepartmentRegisteredData): DepartmentRegisteredData {
  if (existing) throw new DomainError('conflict', 'DEPARTMENT_EXISTS', `职能部门 ${request.departmentId} 已登记`, { departmentId: request.departmentId });
  return { ...request, name: request.name.trim() };
}

/**
 * The grid worker record (网格员档案) a grid worker's account acts as: the record the account is linked
 * to (账号关联, checked by the gateway), else, for accounts made before links, the user id itself.
 */
export function actingWorkerId(actor: { userId: string; gridWorkerId?: string }): string {
  return actor.gridWorkerId ?? actor.userId;
}
