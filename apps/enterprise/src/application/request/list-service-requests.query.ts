import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IsIn, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { Department, DEPARTMENTS, REQUEST_CATEGORIES, RequestCategory } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { Clock } from '@pb/platform';
import { REQUEST_STATUSES, RequestStatus, ServiceRequest } from '../../domain/request/service-request';
import { ServiceRequests } from '../../infrastructure/aggregates';
import { CATEGORY_MESSAGE, DEPARTMENT_MESSAGE, IsCreditCode, ZoneFilterDto } from '../shared/common.dto';
import { ServiceRequestView, toRequestView } from './service-request-view';
import { overdueTargetFilter } from './sweep-overdue-requests.command';

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

export class RequestFilterDto extends ZoneFilterDto {
  @IsOptional() @IsCreditCode() creditCode?: string;
  @IsOptional() @IsIn(REQUEST_STATUSES, { message: `status 必须是以下之一：${REQUEST_STATUSES.join(', ')}` }) status?: RequestStatus;
  @IsOptional() @IsIn(REQUEST_CATEGORIES, { message: CATEGORY_MESSAGE }) category?: RequestCategory;
  @IsOptional() @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE }) department?: Department;
  @IsOptional() @IsIn(['true', 'false'], { message: 'overdue 须为 true 或 false' }) overdue?: 'true' | 'false';
}
