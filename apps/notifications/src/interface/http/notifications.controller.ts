import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@pb/platform';
import { CountUnread, UnreadCount } from '../../application/inbox/count-unread.query';
import { ListNotifications, NotificationFilterDto, NotificationPage } from '../../application/inbox/list-notifications.query';
import { MarkManyDto, MarkNotifications, NotificationParamDto } from '../../application/inbox/mark-read.command';
import { GetPreferences } from '../../application/preferences/get-preferences.query';
import { SetPreferences, SetPreferencesDto } from '../../application/preferences/set-preferences.command';

/** 我的待办与通知: every signed-in user, about what is addressed to one of their audiences only. */
@ApiTags('notifications 待办与通知')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  list(@Query() dto: NotificationFilterDto, @CurrentActor() actor: Actor): Promise<NotificationPage> {
    return this.queries.execute(new ListNotifications(actor, { kind: dto.kind, state: dto.state, unread: dto.unread === 'true' }, dto.limit ?? 20, dto.cursor));
  }

  @Get('unread-count')
  unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCount> {
    return this.queries.execute(new CountUnread(actor));
  }

  @Get('preferences')
  preferences(@CurrentActor() actor: Actor) {
    return this.queries.execute(new GetPreferences(actor));
  }

  @Put('preferences')
  setPreferences(@Body() dto: SetPreferencesDto, @CurrentActor() actor: Actor) {
    return this.commands.execute(new SetPreferences(actor, dto.entries));
  }

  /** 全部/批量已读: `{ ids: [...] }` or `{ all: true }`. */
  @Post('read')
  @HttpCode(204)
  async readMany(@Body() dto: MarkManyDto, @CurrentActor() actor: Actor): Promise<void> {
    if (dto.all && dto.ids) throw new BadRequestException(['ids 与 all 只能二选一']);
    if (!dto.all && !dto.ids) throw new BadRequestException(['须给出 ids（通知 id 数组）或 all: true']);
    await this.commands.execute(new MarkNotifications(actor, 'read', dto.all ? 'all' : dto.ids!));
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(@Param() { id }: NotificationParamDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.commands.execute(new MarkNotifications(actor, 'read', [id]));
  }

  @Post(':id/dismiss')
  @HttpCode(204)
  async dismiss(@Param() { id }: NotificationParamDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.commands.execute(new MarkNotifications(actor, 'dismissed', [id]));
  }
}
