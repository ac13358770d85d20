import { AppointDepartmentHeadHandler } from './appoint-department-head.command';
import { EstablishDepartmentHandler } from './establish-department.command';
import { FormAllianceHandler } from './form-alliance.command';
import { GetAllianceHandler } from './get-alliance.query';
import { JoinAllianceHandler } from './join-alliance.command';
import { LeaveAllianceHandler } from './leave-alliance.command';
import { ListAlliancesHandler } from './list-alliances.query';

/** 党建联盟 alliances: the handlers of every use case. */
export const ALLIANCE_HANDLERS = [
  AppointDepartmentHeadHandler,
  EstablishDepartmentHandler,
  FormAllianceHandler,
  JoinAllianceHandler,
  LeaveAllianceHandler,
  GetAllianceHandler,
  ListAlliancesHandler,
];
