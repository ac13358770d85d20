import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Model } from 'mongoose';
import { Actor, encodePageCursor, pagePositionOf } from '@pb/platform';
import { audiencesOf, NOTIFICATION_KINDS, NotificationKind, NotificationRecord } from '../../domain/notification';
import { NOTIFICATIONS } from '../../infrastructure/notifications.collection';
import { allReadAtOf, isRead, NOTIFICATION_STATES, NotificationState, stateId } from '../../infrastructure/states.collection';
import { NotificationItem, notificationsOf, toItem } from './my-notifications';
import { CursorPageDto } from '../shared/cursor-page.dto';

/** Read per round at least: a round is one query per audience and one for my marks. */
const CHUNK = 50;

export interface NotificationFilter {
  kind?: NotificationKind;
  state?: 'OPEN' | 'DONE';
  unread?: boolean;
}

export class ListNotifications {
  constructor(
    readonly actor: Actor,
    readonly filter: NotificationFilter,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {}
}

export interface NotificationPage {
  items: NotificationItem[];
  nextCursor: string | null;
}

/** 我的待办与通知: what is addressed to one of my audiences, newest first, dismissed ones left out. */
@QueryHandler(ListNotifications)
export class ListNotificationsHandler implements IQueryHandler<ListNotifications, NotificationPage> {
  constructor(
    @InjectModel(NOTIFICATIONS) private readonly notifications: Model<NotificationRecord>,
    @InjectModel(NOTIFICATION_STATES) private readonly states: Model<NotificationState>,
  ) {}

  async execute({ actor, filter, limit, cursor }: ListNotifications): Promise<NotificationPage> {
    const audiences = audiencesOf(actor);
    const where: Record<string, unknown> = {};
    if (filter.kind) where.kind = filter.kind;
    if (filter.state) where.state = filter.state;
    const allReadAt = await allReadAtOf(this.states, actor.userId);
    // What the last 全部已读 covered is left out by the query itself.
    if (filter.unread && allReadAt) where.createdAt = { $gt: allReadAt };
    let position = pagePositionOf(cursor, 'cursor');
    const items: NotificationItem[] = [];
    // Dismissed (and, asked for unread, read) ones are left out after reading, so a page may take
    // more than one round; each round reads on from the last item it saw, until the page is full.
    for (;;) {
      const want = Math.max(limit + 1 - items.length, CHUNK);
      const chunk = await notificationsOf(this.notifications, audiences, where, position, want);
      if (chunk.length === 0) break;
      const states = await this.states
        .find({ _id: { $in: chunk.map((n) => stateId(actor.userId, n._id)) } })
        .lean<NotificationState[]>()
        .exec();
      const byId = new Map(states.map((s) => [s.notificationId, s]));
      for (const n of chunk) {
        const state = byId.get(n._id);
        const read = isRead(n.createdAt, state, allReadAt);
        if (state?.dismissedAt || (filter.unread && read)) continue;
        items.push(toItem(n, read));
      }
      const last = chunk[chunk.length - 1]!;
      position = { key: new Date(last.createdAt).toISOString(), id: last._id };
      if (items.length > limit || chunk.length < want) break;
    }
    const page = items.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > limit && last ? encodePageCursor(last.createdAt, last.id) : null };
  }
}

export class NotificationFilterDto extends CursorPageDto {
  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, description: 'TODO 待办 / NOTICE 通知' })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS, { message: 'kind 必须是 TODO 或 NOTICE' })
  kind?: NotificationKind;

  @ApiPropertyOptional({ enum: ['OPEN', 'DONE'], description: '待办状态：OPEN 待处理 / DONE 已完成' })
  @IsOptional()
  @IsIn(['OPEN', 'DONE'], { message: 'state 必须是 OPEN 或 DONE' })
  state?: 'OPEN' | 'DONE';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true：只看未读' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unread 须为 true 或 false' })
  unread?: 'true' | 'false';
}
