import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { Department, DEPARTMENTS, REQUEST_CATEGORIES, RequestCategory } from '@pb/contracts';
import { InjectSnapshots, Snapshot } from '@pb/messaging';
import { afterPosition, Clock, encodePageCursor, EscalationDesk, pagePositionOf } from '@pb/platform';
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
  /** 督办到本级: requests escalated to this level (and jurisdiction, below the city). */
  escalatedTo?: EscalationDesk;
}

export class ListServiceRequests {
  constructor(
    readonly filter: RequestFilter,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {}
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
    if (filter.escalatedTo) {
      plain.escalationLevel = filter.escalatedTo.level;
      if (filter.escalatedTo.jurisdictionId) plain.escalatedTo = filter.escalatedTo.jurisdictionId;
    }
    if (Object.keys(plain).length) and.push(plain);
    if (filter.overdue) {
      const iso = now.toISOString();
      and.push({ $or: (['FIRST_CONTACT', 'INTERIM_REPLY', 'CLOSURE'] as const).map((t) => overdueTargetFilter(t, iso)) });
    }
    // Newest first by (submittedAt, requestId): stable under inserts, and requests submitted at one
    // instant are neither skipped nor repeated. A malformed cursor is a 400, never the first page again.
    const position = pagePositionOf(cursor, 'after');
    if (position) and.push(afterPosition('submittedAt', position.key, position.id, 'desc'));
    const rows = await this.requests
      .find(and.length ? { $and: and } : {})
      .sort({ submittedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<Snapshot<ServiceRequest>[]>()
      .exec();
    const page = rows.slice(0, limit).map((r) => toRequestView(r, now));
    return { items: page, next: rows.length > limit ? encodePageCursor(page[page.length - 1].submittedAt, page[page.length - 1].requestId) : null };
  }
}

export class RequestFilterDto extends ZoneFilterDto {
  @IsOptional() @IsCreditCode() creditCode?: string;
  @IsOptional() @IsIn(REQUEST_STATUSES, { message: `status 必须是以下之一：${REQUEST_STATUSES.join(', ')}` }) status?: RequestStatus;
  @IsOptional() @IsIn(REQUEST_CATEGORIES, { message: CATEGORY_MESSAGE }) category?: RequestCategory;
  @IsOptional() @IsIn(DEPARTMENTS, { message: DEPARTMENT_MESSAGE }) department?: Department;
  @IsOptional() @IsIn(['true', 'false'], { message: 'overdue 须为 true 或 false' }) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['me'], description: 'me：督办到调用者本级辖区（街道、区县、市）的诉求' })
  @IsOptional()
  @IsIn(['me'], { message: 'escalatedTo 只能为 me' })
  escalatedTo?: 'me';
}
