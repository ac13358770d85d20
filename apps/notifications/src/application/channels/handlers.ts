import { FanOutWebhooksHandler } from './fan-out-webhooks.command';
import { ListDeliveriesHandler } from './list-deliveries.query';
import { MakeDailyDigestsHandler } from './make-daily-digests.command';
import { RetryDeliveryHandler } from './retry-delivery.command';
import { SendWebhooksHandler } from './send-webhooks.command';

export const CHANNEL_HANDLERS = [FanOutWebhooksHandler, SendWebhooksHandler, ListDeliveriesHandler, RetryDeliveryHandler, MakeDailyDigestsHandler];
