import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per process; every app exposes it at /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const eventsStored = new Counter({
  name: 'pb_events_stored_total',
  help: 'Domain events appended to the event store',
  labelNames: ['type'],
  registers: [metricsRegistry],
});

export const eventsPublished = new Counter({
  name: 'pb_events_published_total',
  help: 'Events the outbox relay handed to Kafka',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const relayBacklog = new Gauge({
  name: 'pb_relay_backlog',
  help: 'Entries in the outbox (stored events not yet published), as the database estimates the collection',
  registers: [metricsRegistry],
});

export const relayOrphans = new Counter({
  name: 'pb_relay_orphans_deleted_total',
  help: 'Outbox entries the relay deleted because their events were never stored (the writer died between its two inserts or lost a race)',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const eventsConsumed = new Counter({
  name: 'pb_events_consumed_total',
  help: 'Events taken from Kafka, by outcome (handled, duplicate, ignored, dead_lettered)',
  labelNames: ['topic', 'outcome'],
  registers: [metricsRegistry],
});

export const consumerLag = new Gauge({
  name: 'pb_consumer_lag',
  help: 'Messages between the consumer position and the partition high watermark',
  labelNames: ['group', 'topic', 'partition'],
  registers: [metricsRegistry],
});

export const deadLettered = new Counter({
  name: 'pb_dead_lettered_total',
  help: 'Messages sent to a dead-letter topic',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const relayRefusedBatches = new Counter({
  name: 'pb_relay_refused_batches_total',
  help: 'Sends the broker refused as too large (MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE); the relay split them and sent again',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const relaySetAside = new Counter({
  name: 'pb_relay_set_aside_total',
  help: 'Stored events the relay set aside because the broker refuses them even alone (noted in outbox_set_aside)',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const consumerInfrastructureRetries = new Counter({
  name: 'pb_consumer_infrastructure_retries_total',
  help: 'Handler attempts that failed on the database or the broker being away and were tried again (never dead-lettered)',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const scheduledRuns = new Counter({
  name: 'pb_scheduled_runs_total',
  help: 'Times a scheduled job came due, by outcome (done, failed, skipped: another instance holds its lease or its last run is still going)',
  labelNames: ['job', 'outcome'],
  registers: [metricsRegistry],
});
