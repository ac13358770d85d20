import { DynamicModule, INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import request from 'supertest';
import { KafkaEventTransport, MESSAGING_OPTIONS, MessagingOptions } from '@pb/messaging';
import { Clock, createServiceApp, loadConfig, OpenApiDocumentPatcher, ServiceConfig, ServiceModuleOptions } from '@pb/platform';
import { startGroupAtEnd } from './consumer-groups';
import { freePort } from './ports';
import { AppName, serviceEnv } from './service-env';

/** How an app is built, as its `main.ts` builds it; each app's tests declare this once. */
export interface ServiceAppDescription<C extends ServiceConfig> {
  name: AppName;
  /** Its settings, validated from the test's environment; its `SCHEDULE_*` jobs are off unless the test sets one. */
  config: new () => C;
  /** The defaults `main.ts` gives `loadConfig` beyond the port and database (the gateway's service URLs). */
  defaults?: Partial<Record<keyof C, unknown>>;
  module: (config: C, options: ServiceModuleOptions) => DynamicModule;
  /** For an app whose `/docs` shows more than its own routes (the gateway). */
  openApiPatcher?: (app: INestApplication) => OpenApiDocumentPatcher;
}

export function describeServiceApp<C extends ServiceConfig>(description: ServiceAppDescription<C>): ServiceAppDescription<C> {
  return description;
}

export interface StartOptions<K extends Clock> {
  /** The app's one Clock (a `ManualClock` the test moves); without it the app reads the system time. */
  clock?: K;
  /** Settings to add or change, e.g. `{ SCHEDULE_TERM_REMINDERS: '* * * * * *' }`. */
  env?: Record<string, string>;
  /** The app's consumer group starts at the current end of the topics it consumes instead of their beginning. */
  fromEnd?: boolean;
}

export interface TestApp<K extends Clock = Clock, C extends ServiceConfig = ServiceConfig> {
  app: INestApplication;
  /** The app's own database. */
  db: Connection;
  clock: K;
  config: C;
  /** A request to the app, e.g. `t.http().post('/cases').set('authorization', bearer()).send(body)`. */
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/**
 * Starts an app in this process as production builds it (validated settings, its module, its
 * consumer when it has one), on the test run's broker and database with a database and consumer
 * group of its own and the test file's topics. `t.app.listen(0)` serves it on a port when a
 * separate process has to call it.
 */
export async function startServiceApp<C extends ServiceConfig, K extends Clock = Clock>(description: ServiceAppDescription<C>, options: StartOptions<K> = {}): Promise<TestApp<K, C>> {
  const env = serviceEnv(description.name, { config: description.config, env: { PORT: String(await freePort()), ...options.env } });
  const config = loadConfig(description.config, env, description.defaults);
  const app = await createServiceApp(description.module(config, { clock: options.clock }), {
    title: description.name,
    consumer: (a) => a.get(KafkaEventTransport),
    openApiPatcher: description.openApiPatcher,
  });
  // Topics are created during init; the consumer joins its group after that.
  await app.init();
  const consumed = app.get<MessagingOptions>(MESSAGING_OPTIONS, { strict: false }).consumes?.topics ?? [];
  if (options.fromEnd && consumed.length > 0)
    await startGroupAtEnd(
      config.KAFKA_GROUP_ID!,
      consumed.map((t) => config.KAFKA_TOPIC_PREFIX + t),
    );
  await app.startAllMicroservices();
  return {
    app,
    db: app.get<Connection>(getConnectionToken()),
    clock: app.get(Clock) as K,
    config,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
