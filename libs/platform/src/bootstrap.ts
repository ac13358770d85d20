import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { CustomTransportStrategy, NestMicroservice } from '@nestjs/microservices';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ConfigurationError } from './config/service-config';
import { InputValidationPipe } from './http/input-validation.pipe';
import { ProblemFilter } from './http/problem.filter';
import { accessLog, nestLogger } from './logging/logging.module';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { describeValidatedDtos } from './openapi/validation-schemas';

/**
 * An app that serves more than its own routes at `/docs` (the gateway adds the
 * services' routes) provides this; it is asked on every request for the document.
 */
export abstract class OpenApiDocumentPatcher {
  abstract patch(document: OpenAPIObject): Promise<OpenAPIObject>;
}

export interface ServiceAppOptions {
  title: string;
  /** Resolved after the module graph is built, e.g. `app => app.get(KafkaEventTransport)`; null when the app consumes nothing. */
  consumer?: (app: INestApplication) => CustomTransportStrategy | null;
  bodyLimit?: string;
  /** For an app whose `/docs` shows more than its own routes, e.g. `app => app.get(OpenApiCatalogue)`. */
  openApiPatcher?: (app: INestApplication) => OpenApiDocumentPatcher;
  /** Express middleware served ahead of the access log and the HTTP metrics, as `/docs` is (the gateway's console and security headers). */
  servedAhead?: (app: INestApplication) => void;
}

/** Builds an app the same way for `main.ts` and for tests. */
export async function createServiceApp(rootModule: unknown, options: ServiceAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule as never, { bufferLogs: true, bodyParser: false, abortOnError: false });
  app.useLogger(nestLogger(app.get(Logger)));
  app.useBodyParser('json', { limit: options.bodyLimit ?? '256kb' });
  // Text checked for control characters and broken UTF-8, then the DTOs' rules (whitelist, no unknown fields).
  app.useGlobalPipes(new InputValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  // `/docs` (UI) and `/docs-json`: routes and DTO schemas as the code declares them.
  const config = new DocumentBuilder().setTitle(options.title).setVersion('0.1.0').addBearerAuth().addSecurityRequirements('bearer').build();
  let document = SwaggerModule.createDocument(app, config);
  try {
    document = describeValidatedDtos(app, document);
  } catch (error) {
    // Documentation never stops an app from starting.
    app.get(Logger).warn(`OpenAPI schemas from validation rules skipped: ${(error as Error).message}`);
  }
  const patcher = options.openApiPatcher?.(app);
  SwaggerModule.setup('docs', app, document, patcher ? { patchDocumentOnRequest: (_req, _res, doc) => patcher.patch(doc) } : undefined);
  options.servedAhead?.(app);
  // Ahead of every route (Nest adds its routes at init): the correlation id, the access log, the latency histogram.
  app.use(accessLog(app));
  app.use(httpMetrics);
  const strategy = options.consumer?.(app);
  if (strategy) {
    // Events are not requests: the request pipe (which refuses line breaks in single-line fields)
    // must not judge them; the transport checks each event against its contract's schema. The
    // filter is needed: it hands a handler's error back to the consumer as it was thrown, so a
    // database outage is retried, not dead-lettered. Global filters are read when the listeners
    // are registered, so that waits (deferred) until the consumer starts; the app's own init()
    // runs the lifecycle hooks, once.
    const consumer = app.connectMicroservice({ strategy }, { inheritAppConfig: false, deferInitialization: true }) as NestMicroservice;
    consumer.useGlobalFilters(new ProblemFilter());
    consumer.setIsInitHookCalled(true);
  }
  return app;
}

/** `main.ts` of every app: a configuration problem ends the process with a message naming it. */
export async function runService(name: string, start: () => Promise<{ app: INestApplication; port: number }>): Promise<void> {
  try {
    const { app, port } = await start();
    // Topics are created by lifecycle hooks in init(); the consumer subscribes after that.
    await app.init();
    await app.startAllMicroservices();
    await app.listen(port, process.env.HOST ?? '127.0.0.1');
    app.get(Logger).log(`${name} listening on http://${process.env.HOST ?? '127.0.0.1'}:${port}`);
    stopOnSignals(name, app);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`[${name}] ${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`[${name}] failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  }
}

const SHUTDOWN_GRACE_MS = 10_000;

/** Ctrl-C or an orchestrator's SIGTERM: finish in-flight work, stop the relay and consumer, exit 0. */
function stopOnSignals(name: string, app: INestApplication): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[${name}] ${signal} received, shutting down\n`);
    setTimeout(() => {
      process.stderr.write(`[${name}] shutdown took longer than ${SHUTDOWN_GRACE_MS} ms, exiting\n`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`[${name}] error while shutting down: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
