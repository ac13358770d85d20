import { GetBuildingHandler } from './get-building.query';
import { ListBuildingsHandler } from './list-buildings.query';
import { RegisterBuildingHandler } from './register-building.command';

/** 楼宇、综合体 buildings: the handlers of every use case. */
export const BUILDING_HANDLERS = [RegisterBuildingHandler, GetBuildingHandler, ListBuildingsHandler];
