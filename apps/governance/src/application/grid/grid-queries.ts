import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { InjectSnapshots } from '@pb/messaging';
import { Case } from '../../domain/case/case';
import { OPEN_STATES } from '../../domain/case/case-state-machine';
import { Department, Grid, GridWorker } from '../../domain/grid/grid';
import { Cases, Departments, GridWorkers, Grids } from '../../infrastructure/aggregates';

type Doc<T> = T & { _id: string; version: number };
const HIDDEN = { _id: 0, lastEventAt: 0 };
const MAX_LIST = 500;

function defined(filter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

export class ListGrids {
  constructor(readonly filter: { districtId?: string; subDistrictId?: string; zoneId?: string }) {}
}

@QueryHandler(ListGrids)
export class ListGridsHandler implements IQueryHandler<ListGrids> {
  constructor(@InjectSnapshots(Grids) private readonly grids: Model<Doc<Grid>>) {}

  execute({ filter }: ListGrids) {
    return this.grids.find(defined(filter), HIDDEN).sort({ zoneId: 1, name: 1 }).limit(MAX_LIST).lean<Doc<Grid>[]>().exec();
  }
}

export class GetGrid {
  constructor(readonly gridId: string) {}
}

@QueryHandler(GetGrid)
export class GetGridHandler implements IQueryHandler<GetGrid> {
  constructor(@InjectSnapshots(Grids) private readonly grids: Model<Doc<Grid>>) {}

  execute({ gridId }: GetGrid) {
    return this.grids.findById(gridId, HIDDEN).lean<Doc<Grid>>().exec();
  }
}

export interface Workload {
  /** Open cases the worker is responsible for. */
  open: number;
  overdue: number;
  onHold: number;
  /** Every case ever reported for the worker. */
  total: number;
}

export type GridWorkerView = Doc<GridWorker> & { workload: Workload };

/** Workers with their workload, counted from the case snapshots. */
export class ListGridWorkers {
  constructor(readonly filter: { districtId?: string; subDistrictId?: string; zoneId?: string; gridId?: string }) {}
}

export class GetGridWorker {
  constructor(readonly workerId: string) {}
}

abstract class WorkloadReader {
  constructor(protected readonly cases: Model<Case & { _id: string }>) {}

  protected async workload(workerId: string): Promise<Workload> {
    const open = { workerId, status: { $in: [...OPEN_STATES] } };
    return {
      open: await this.cases.countDocuments(open).exec(),
      overdue: await this.cases.countDocuments({ ...open, overdue: true }).exec(),
      onHold: await this.cases.countDocuments({ workerId, status: 'ON_HOLD' }).exec(),
      total: await this.cases.countDocuments({ workerId }).exec(),
    };
  }
}

@QueryHandler(ListGridWorkers)
export class ListGridWorkersHandler extends WorkloadReader implements IQueryHandler<ListGridWorkers, GridWorkerView[]> {
  constructor(
    @InjectSnapshots(GridWorkers) private readonly workers: Model<Doc<GridWorker>>,
    @InjectSnapshots(Cases) cases: Model<Case & { _id: string }>,
  ) {
    super(cases);
  }

  async execute({ filter }: ListGridWorkers): Promise<GridWorkerView[]> {
    const { gridId, ...rest } = filter;
    const query = defined({ ...rest, gridIds: gridId });
    const workers = await this.workers.find(query, HIDDEN).sort({ zoneId: 1, workerId: 1 }).limit(200).lean<Doc<GridWorker>[]>().exec();
    return Promise.all(workers.map(async (w) => ({ ...w, workload: await this.workload(w.workerId) })));
  }
}

@QueryHandler(GetGridWorker)
export class GetGridWorkerHandler extends WorkloadReader implements IQueryHandler<GetGridWorker, GridWorkerView | null> {
  constructor(
    @InjectSnapshots(GridWorkers) private readonly workers: Model<Doc<GridWorker>>,
    @InjectSnapshots(Cases) cases: Model<Case & { _id: string }>,
  ) {
    super(cases);
  }

  async execute({ workerId }: GetGridWorker): Promise<GridWorkerView | null> {
    const worker = await this.workers.findById(workerId, HIDDEN).lean<Doc<GridWorker>>().exec();
    return worker ? { ...worker, workload: await this.workload(workerId) } : null;
  }
}

export class ListDepartments {
  constructor(readonly filter: { districtId?: string }) {}
}

@QueryHandler(ListDepartments)
export class ListDepartmentsHandler implements IQueryHandler<ListDepartments> {
  constructor(@InjectSnapshots(Departments) private readonly departments: Model<Doc<Department>>) {}

  execute({ filter }: ListDepartments) {
    return this.departments.find(defined(filter), HIDDEN).sort({ districtId: 1, name: 1 }).limit(MAX_LIST).lean<Doc<Department>[]>().exec();
  }
}

export class GetDepartment {
  constructor(readonly departmentId: string) {}
}

@QueryHandler(GetDepartment)
export class GetDepartmentHandler implements IQueryHandler<GetDepartment> {
  constructor(@InjectSnapshots(Departments) private readonly departments: Model<Doc<Department>>) {}

  execute({ departmentId }: GetDepartment) {
    return this.departments.findById(departmentId, HIDDEN).lean<Doc<Department>>().exec();
  }
}
