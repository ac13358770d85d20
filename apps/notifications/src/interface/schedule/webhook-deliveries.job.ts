import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ScheduledRun, ScheduledWork } from '@pb/platform';
import { FanOutResult, FanOutWebhooks } from '../../application/channels/fan-out-webhooks.command';
import { SendResult, SendWebhooks } from '../../application/channels/send-webhooks.command';
import { NotificationsConfig } from '../../notifications.config';

/** 外发投递: queues the new notifications' webhook deliveries, then sends what is due (SCHEDULE_WEBHOOK_DELIVERIES). */
@Injectable()
export class WebhookDeliveriesJob extends ScheduledWork<'WEBHOOK_DELIVERIES'> {
  constructor(
    private readonly commands: CommandBus,
    config: NotificationsConfig,
  ) {
    super('WEBHOOK_DELIVERIES', config);
  }

  async run(_run: ScheduledRun): Promise<void> {
    await this.sweep();
  }

  /** One round, with what it did (the operators' endpoint answers it). */
  async sweep(): Promise<{ fanOut: FanOutResult; sent: SendResult }> {
    const fanOut = await this.commands.execute<FanOutWebhooks, FanOutResult>(new FanOutWebhooks());
    const sent = await this.commands.execute<SendWebhooks, SendResult>(new SendWebhooks());
    return { fanOut, sent };
  }
}
