import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '@pb/platform';

/** Tries of webhook deliveries by outcome: delivered, failed (retried later), dead (dead-lettered). */
export const webhookTries = new Counter({
  name: 'pb_notification_webhook_tries_total',
  help: 'Webhook delivery tries by outcome (delivered, failed, dead)',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});

/** Deliveries waiting in the dead letters (state DEAD), as of the sender's last run. */
export const webhookDead = new Gauge({
  name: 'pb_notification_webhook_dead',
  help: 'Webhook deliveries dead-lettered and not re-queued',
  registers: [metricsRegistry],
});
