import { AdvanceServiceRequestHandler } from './advance-service-request.command';
import { EscalateServiceRequestHandler } from './escalate-service-request.command';
import { GetRoutingTableHandler } from './get-routing-table.query';
import { GetServiceRequestHandler } from './get-service-request.query';
import { GetServiceTargetsHandler } from './get-service-targets.query';
import { ListServiceRequestsHandler } from './list-service-requests.query';
import { SetRoutingRuleHandler } from './set-routing-rule.command';
import { SetServiceTargetsHandler } from './set-service-targets.command';
import { SubmitServiceRequestHandler } from './submit-service-request.command';
import { SweepOverdueRequestsHandler } from './sweep-overdue-requests.command';

/** 企业诉求 service requests, routing and targets: the handlers of every use case. */
export const REQUEST_HANDLERS = [
  AdvanceServiceRequestHandler,
  EscalateServiceRequestHandler,
  SetRoutingRuleHandler,
  SetServiceTargetsHandler,
  SubmitServiceRequestHandler,
  SweepOverdueRequestsHandler,
  GetRoutingTableHandler,
  GetServiceRequestHandler,
  GetServiceTargetsHandler,
  ListServiceRequestsHandler,
];
