import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pb/platform';
import { ListNotifications, NotificationFilterDto, NotificationPage } from '../../application/inbox/list-notifications.query';

/** 我的待办与通知: every signed-in user, about what is addressed to one of their audiences only. */
@ApiTags('notifications 待办与通知')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  list(@Query() dto: NotificationFilterDto, @CurrentActor() actor: Actor): Promise<NotificationPage> {
    return this.queries.execute(new ListNotifications(actor, { kind: dto.kind, state: dto.state, unread: dto.unread === 'true' }, dto.limit ?? 20, dto.cursor));
  }
}
