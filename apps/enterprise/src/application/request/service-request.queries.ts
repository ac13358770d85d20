import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Model } from 'mongoose';
import { Department, REQUEST_CATEGORIES, RequestCategory, ServiceTarget } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { CATEGORY_NAMES, DEFAULT_ROUTING, DEPARTMENT_NAMES, RoutingRule } from '../../domain/request/routing';
import { RequestStatus, requestLights, ServiceRequest, STATUS_NAMES, TargetStatus } from '../../domain/request/service-request';
import { DEFAULT_SERVICE_TARGETS, ServiceTargets, TargetLight } from '../../domain/request/service-targets';
import { RoutingRules, ServiceRequests, ServiceTargetsSettings } from '../../infrastructure/aggregates';
import { overdueTargetFilter } from './sweep-overdue-requests.command';

export type ServiceRequestView = ServiceRequest & {
  version: number;
  statusName: string;
  light: TargetLight;
  targets: Record<ServiceTarget, TargetStatus>;
};

export interface RequestFilter {
  districtId?: string;
  subDistrictId?: string;
  zoneId?: string;
  creditCode?: string;
  status?: RequestStatus;
  category?: RequestCategory;
  department?: Department;
  overdue?: boolean;
}

export class ListServiceRequests {
  constructor(
    readonly filter: RequestFilter,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {}
}

export class GetServiceRequest {
  constructor(readonly requestId: string) {}
}

export class GetRoutingTable {}
export class GetServiceTargets {}

/** The cursor is the (submittedAt, requestId) of the last item: newest first, stable under inserts. */
export function encodeCursor(item: { submittedAt: string; requestId: string }): string {
  return Buffer.from(JSON.stringify([item.submittedAt, item.requestId])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string' && v.length <= 64)) return value as [string, string];
  } catch {
    // fall through
  }
  return null;
}

export function toRequestView(snapshot: Snapshot<ServiceRequest>, now: Date): ServiceRequestView {
  const { _id, lastEventAt: _l, ...state } = snapshot;
  const lights = requestLights(state, now);
  return { ...state, statusName: STATUS_NAMES[state.status], light: lights.light, targets: lights.targets };
}

@QueryHandler(ListServiceRequests)
export class ListServiceRequestsHandler implements IQueryHandler<ListServiceRequests, { items: ServiceRequestView[]; next: string | null }> {
  constructor(
    @InjectSnapshots(ServiceRequests) private readonly requests: Model<Snapshot<ServiceRequest>>,
    private readonly clock: Clock,
  ) {}

  async execute({ filter, limit, cursor }: ListServiceRequests) {
    const now = this.clock.now();
    const and: Record<string, unknown>[] = [];
    const plain: Record<string, unknown> = {};
    for (const key of ['districtId', 'subDistrictId', 'zoneId', 'creditCode', 'status', 'category', 'department'] as const) {
      if (filter[key] !== undefined) plain[key] = filter[key];
    }
    if (Object.keys(plain).length) and.push(plain);
    if (filter.overdue) {
      const iso = now.toISOString();
      and.push({ $or: (['FIRST_CONTACT', 'INTERIM_REPLY', 'CLOSURE'] as const).map((t) => overdueTargetFilter(t, iso)) });
    }
    const position = cursor ? decodeCursor(cursor) : null;
    if (position) {
      const [submittedAt, requestId] = position;
      and.push({ $or: [{ submittedAt: { $lt: submittedAt } }, { submittedAt, _id: { $lt: requestId } }] });
    }
    const rows = await this.requests
      .find(and.length ? { $and: and } : {})
      .sort({ submittedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<Snapshot<ServiceRequest>[]>()
      .exec();
    const page = rows.slice(0, limit).map((r) => toRequestView(r, now));
    return { items: page, next: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
  }
}

@QueryHandler(GetServiceRequest)
export class GetServiceRequestHandler implements IQueryHandler<GetServiceRequest, ServiceRequestView | null> {
  constructor(
    @InjectSnapshots(ServiceRequests) private readonly requests: Model<Snapshot<ServiceRequest>>,
    private readonly clock: Clock,
  ) {}

  async execute({ requestId }: GetServiceRequest): Promise<ServiceRequestView | null> {
    const found = await this.requests.findById(requestId).lean<Snapshot<ServiceRequest>>().exec();
    return found ? toRequestView(found, this.clock.now()) : null;
  }
}

/** 分派规则表: every category with its department, marking the admin's changes. */
@QueryHandler(GetRoutingTable)
export class GetRoutingTableHandler implements IQueryHandler<GetRoutingTable> {
  constructor(@InjectSnapshots(RoutingRules) private readonly rules: Model<Snapshot<RoutingRule>>) {}

  async execute() {
    const set = new Map((await this.rules.find().lean<Snapshot<RoutingRule>[]>().exec()).map((r) => [r.category, r]));
    return REQUEST_CATEGORIES.map((category) => {
      const department = set.get(category)?.department ?? DEFAULT_ROUTING[category];
      return {
        category,
        categoryName: CATEGORY_NAMES[category],
        department,
        departmentName: DEPARTMENT_NAMES[department],
        isDefault: !set.has(category),
        version: set.get(category)?.version ?? 0,
      };
    });
  }
}

@QueryHandler(GetServiceTargets)
export class GetServiceTargetsHandler implements IQueryHandler<GetServiceTargets> {
  constructor(@InjectSnapshots(ServiceTargetsSettings) private readonly targets: Model<Snapshot<ServiceTargets>>) {}

  async execute() {
    const found = await this.targets.findOne().lean<Snapshot<ServiceTargets>>().exec();
    if (!found) return { ...DEFAULT_SERVICE_TARGETS, isDefault: true, version: 0 };
    const { _id, lastEventAt: _l, ...rest } = found;
    return { ...rest, isDefault: false };
  }
}
