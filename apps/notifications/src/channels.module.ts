import { DynamicModule, Module } from '@nestjs/common';
import { CHANNEL_HANDLERS } from './application/channels/handlers';
import { ChannelCollections } from './application/channels/deliveries';
import { DeliveriesController } from './interface/http/deliveries.controller';
import { DailyDigestJob } from './interface/schedule/daily-digest.job';
import { WebhookDeliveriesJob } from './interface/schedule/webhook-deliveries.job';
import { NotificationsConfig } from './notifications.config';

/**
 * 外发与摘要: the webhook channel (fan-out, signed sending with retries, dead letters) and the daily
 * digest. Imported by the service's module; its jobs run under the service's `ScheduledWorkModule`.
 */
@Module({})
export class ChannelsModule {
  static register(config: NotificationsConfig): DynamicModule {
    return {
      module: ChannelsModule,
      controllers: [DeliveriesController],
      providers: [...CHANNEL_HANDLERS, ChannelCollections, WebhookDeliveriesJob, DailyDigestJob, { provide: NotificationsConfig, useValue: config }],
    };
  }
}
