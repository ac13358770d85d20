import { NotFoundException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectModel } from '@nestjs/mongoose';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsOptional, Matches, ValidateIf } from 'class-validator';
import { Model } from 'mongoose';
import { Actor, Clock } from '@pb/platform';
import { audiencesOf, NotificationRecord } from '../../domain/notification';
import { NOTIFICATIONS } from '../../infrastructure/notifications.collection';
import { ALL_READ, NOTIFICATION_STATES, NotificationState, stateId } from '../../infrastructure/states.collection';

/** What a user does with notifications of theirs: read (已读) or dismiss (移除). */
export type Mark = 'read' | 'dismissed';

export class MarkNotifications {
  constructor(
    readonly actor: Actor,
    readonly mark: Mark,
    /** The notifications, or `all` (read only: 全部已读): every one addressed to me. */
    readonly ids: string[] | 'all',
  ) {}
}

/** 标记已读 / 移除: only my own (an id that is not mine is a 404 and nothing changes); marking twice keeps the first time. */
@CommandHandler(MarkNotifications)
export class MarkNotificationsHandler implements ICommandHandler<MarkNotifications, void> {
  constructor(
    @InjectModel(NOTIFICATIONS) private readonly notifications: Model<NotificationRecord>,
    @InjectModel(NOTIFICATION_STATES) private readonly states: Model<NotificationState>,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, mark, ids }: MarkNotifications): Promise<void> {
    const audiences = audiencesOf(actor);
    if (ids === 'all' && mark !== 'read') throw new Error('only reading marks all notifications at once');
    if (ids !== 'all') {
      const unique = [...new Set(ids)];
      const found = await this.notifications
        .find({ _id: { $in: unique } }, { audience: 1 })
        .lean<Pick<NotificationRecord, '_id' | 'audience'>[]>()
        .exec();
      const mine = new Set(found.filter((n) => audiences.includes(n.audience)).map((n) => n._id));
      const missing = unique.filter((id) => !mine.has(id));
      if (missing.length > 0) throw new NotFoundException([`通知不存在：${missing.slice(0, 5).join(', ')}`]);
      await this.write(actor.userId, mark, unique);
      return;
    }
    // 全部已读: one mark for everything stored until now, and the one-by-one read marks it covers go.
    const now = this.clock.now();
    await this.states.updateOne({ _id: stateId(actor.userId, ALL_READ) }, { $set: { readAt: now }, $setOnInsert: { userId: actor.userId, notificationId: ALL_READ } }, { upsert: true });
    await this.states.deleteMany({ userId: actor.userId, notificationId: { $ne: ALL_READ }, dismissedAt: null, readAt: { $lte: now } });
  }

  private async write(userId: string, mark: Mark, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const field = mark === 'read' ? 'readAt' : 'dismissedAt';
    const now = this.clock.now();
    // Two steps, both repeatable: create the missing states, then stamp those not stamped yet.
    await this.states.bulkWrite(
      ids.map((notificationId) => ({
        updateOne: { filter: { _id: stateId(userId, notificationId) }, update: { $setOnInsert: { userId, notificationId } }, upsert: true },
      })),
      { ordered: false },
    );
    await this.states.updateMany({ _id: { $in: ids.map((id) => stateId(userId, id)) }, [field]: null }, { $set: { [field]: now } });
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class MarkManyDto {
  @ApiPropertyOptional({ type: [String], description: '要标记已读的通知 id（与 all 二选一）' })
  @ValidateIf((dto: MarkManyDto) => dto.all === undefined || dto.ids !== undefined)
  @IsArray({ message: 'ids 须为通知 id 的数组（或改用 all: true）' })
  @ArrayMinSize(1, { message: 'ids 不能为空' })
  @ArrayMaxSize(500, { message: 'ids 最多 500 个' })
  @Matches(ID, { each: true, message: 'ids 中含有无效的通知 id' })
  ids?: string[];

  @ApiPropertyOptional({ enum: [true], description: 'true：我的全部通知标记已读' })
  @IsOptional()
  @Equals(true, { message: 'all 只能为 true' })
  all?: true;
}

export class NotificationParamDto {
  @Matches(ID, { message: 'id 格式不正确' })
  id!: string;
}
