import { Model } from 'mongoose';
import { Case } from '../../domain/case/case';
import { OPEN_STATES } from '../../domain/case/case-state-machine';
import { Grid, GridWorker } from '../../domain/grid/grid';

export type Doc<T> = T & { _id: string; version: number };
export const HIDDEN = { _id: 0, lastEventAt: 0 };
export const MAX_LIST = 500;

export function defined(filter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/** Snapshots of grids drawn before buildings lack `buildingIds`: none, until the grid's next event. */
export function withBuildings(grid: Doc<Grid>): Doc<Grid> {
  return { ...grid, buildingIds: grid.buildingIds ?? [] };
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

export abstract class WorkloadReader {
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
