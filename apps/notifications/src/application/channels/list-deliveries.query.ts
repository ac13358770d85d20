import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Actor, afterPosition, DomainError, encodePageCursor, pagePositionOf } from '@pb/platform';
import { ChannelCollections, Delivery, DELIVERY_STATES, DeliveryState } from './deliveries';
import { CursorPageDto } from '../shared/cursor-page.dto';

/** 投递记录 as an administrator sees it: ids, rule, state and the last error's kind; no content. */
export interface DeliveryView {
  id: string;
  notificationId: string;
  userId: string;
  channel: string;
  rule: string;
  kind: string;
  districtId: string;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
}

export const toDeliveryView = (d: Delivery): DeliveryView => ({
  id: d._id,
  notificationId: d.notificationId,
  userId: d.userId,
  channel: d.channel,
  rule: d.rule,
  kind: d.kind,
  districtId: d.districtId,
  state: d.state,
  attempts: d.attempts,
  lastError: d.lastError,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  deadAt: d.deadAt?.toISOString() ?? null,
});

/** The deliveries a city administrator (all) or a district administrator (their district's) may see. */
export function deliveryScopeOf(actor: Actor): Record<string, string> {
  if (actor.role === 'CITY_ADMIN' && actor.scope.level === 'CITY') return {};
  if (actor.role === 'DISTRICT_ADMIN' && actor.scope.level === 'DISTRICT' && actor.scope.districtId) return { districtId: actor.scope.districtId };
  throw new DomainError('forbidden', 'FORBIDDEN', '只有市级或区县管理员可以查看外发投递记录');
}

export class DeliveryFilterDto extends CursorPageDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATES, description: 'PENDING 待发送，DELIVERED 已送达，DEAD 多次失败已停止（死信）' })
  @IsOptional()
  @IsIn(DELIVERY_STATES, { message: `state 必须是以下之一：${DELIVERY_STATES.join(', ')}` })
  state?: DeliveryState;
}

export class ListDeliveries {
  constructor(
    readonly actor: Actor,
    readonly filter: DeliveryFilterDto,
  ) {}
}

/** 外发投递记录, newest first by (createdAt, id); dead letters with `state=DEAD`. */
@QueryHandler(ListDeliveries)
export class ListDeliveriesHandler implements IQueryHandler<ListDeliveries, { items: DeliveryView[]; nextCursor: string | null }> {
  constructor(private readonly c: ChannelCollections) {}

  async execute({ actor, filter }: ListDeliveries) {
    const scope = deliveryScopeOf(actor);
    const limit = filter.limit ?? 50;
    const position = pagePositionOf(filter.cursor, 'cursor');
    const and: Record<string, unknown>[] = [{ ...scope, ...(filter.state ? { state: filter.state } : {}) }];
    if (position) and.push(afterPosition('createdAt', new Date(position.key), position.id, 'desc'));
    const rows = await this.c.deliveries
      .find({ $and: and })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .toArray();
    const items = rows.slice(0, limit).map(toDeliveryView);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodePageCursor(last.createdAt, last.id) : null };
  }
}
