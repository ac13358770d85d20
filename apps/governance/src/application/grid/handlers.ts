import { AssignGridWorkerHandler } from './assign-grid-worker.command';
import { EstablishGridHandler } from './establish-grid.command';
import { GetDepartmentHandler } from './get-department.query';
import { GetGridWorkerHandler } from './get-grid-worker.query';
import { GetGridHandler } from './get-grid.query';
import { ListDepartmentsHandler } from './list-departments.query';
import { ListGridWorkersHandler } from './list-grid-workers.query';
import { ListGridsHandler } from './list-grids.query';
import { RegisterDepartmentHandler } from './register-department.command';
import { RegisterGridWorkerHandler } from './register-grid-worker.command';
import { SetGridBuildingsHandler } from './set-grid-buildings.command';

/** 网格与网格员 grids, grid workers and departments: the handlers of every use case. */
export const GRID_HANDLERS = [
  AssignGridWorkerHandler,
  EstablishGridHandler,
  RegisterDepartmentHandler,
  RegisterGridWorkerHandler,
  SetGridBuildingsHandler,
  GetDepartmentHandler,
  GetGridWorkerHandler,
  GetGridHandler,
  ListDepartmentsHandler,
  ListGridWorkersHandler,
  ListGridsHandler,
];
