import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@pb/platform';
import { DeliveryFilterDto, ListDeliveries } from '../../application/channels/list-deliveries.query';
import { RetryDelivery } from '../../application/channels/retry-delivery.command';
import { DailyDigestJob } from '../schedule/daily-digest.job';
import { WebhookDeliveriesJob } from '../schedule/webhook-deliveries.job';

@ApiTags('notification channels 外发与摘要')
@Controller('notifications')
export class DeliveriesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly webhooks: WebhookDeliveriesJob,
    private readonly digests: DailyDigestJob,
  ) {}

  /** 外发投递记录 of the caller's jurisdiction; `state=DEAD`: the dead letters. */
  @Get('deliveries')
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN')
  list(@Query() filter: DeliveryFilterDto, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListDeliveries(actor, filter));
  }

  /** 重新投递: a dead letter back in the queue. */
  @Post('deliveries/:deliveryId/retry')
  @HttpCode(200)
  @Roles('CITY_ADMIN', 'DISTRICT_ADMIN')
  retry(@Param('deliveryId') deliveryId: string, @CurrentActor() actor: Actor) {
    return this.commands.execute(new RetryDelivery(deliveryId, actor));
  }

  /** 外发投递 now: the timer runs it too; this is for operators and tests. */
  @Post('deliveries/sweep')
  @HttpCode(200)
  @Roles('CITY_ADMIN', 'SYSTEM')
  sweepDeliveries() {
    return this.webhooks.sweep();
  }

  /** 每日摘要 now (made once per user and day however often it runs); for operators and tests. */
  @Post('digests/sweep')
  @HttpCode(200)
  @Roles('CITY_ADMIN', 'SYSTEM')
  sweepDigests() {
    return this.digests.sweep();
  }
}
