import { ServiceTarget } from '@pb/contracts';
import { Snapshot } from '@pb/messaging';
import { requestLights, ServiceRequest, STATUS_NAMES, TargetStatus } from '../../domain/request/service-request';
import { TargetLight } from '../../domain/request/service-targets';

export type ServiceRequestView = ServiceRequest & {
  version: number;
  statusName: string;
  light: TargetLight;
  targets: Record<ServiceTarget, TargetStatus>;
};

export function toRequestView(snapshot: Snapshot<ServiceRequest>, now: Date): ServiceRequestView {
  const { _id, lastEventAt: _l, ...state } = snapshot;
  const lights = requestLights(state, now);
  return { ...state, statusName: STATUS_NAMES[state.status], light: lights.light, targets: lights.targets };
}
