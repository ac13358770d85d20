import { randomUUID } from 'crypto';
import { DynamicModule, Global, INestApplication, LoggerService, Module } from '@nestjs/common';
import { Logger, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import pino, { Logger as PinoLoggerInstance } from 'pino';
import type { IncomingMessage, ServerResponse } from 'http';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keys whose values are personal data or secrets; pino replaces them wherever they appear. */
export const REDACTED_KEYS = ['idNumber', 'phone', 'password', 'authorization', 'cookie', 'token', 'refreshToken'];

/** The caller's correlation id when it is well-formed, otherwise a fresh one. */
export function correlationIdOf(req: IncomingMessage): string {
  const given = req.headers[CORRELATION_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

/** Nest's own start-up listing: every module loaded, every route mapped, "successfully started". */
const NEST_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'NestMicroservice']);

/**
 * The logger Nest itself writes through: its start-up listing is debug, so that a start shows
 * what a user needs (the app's own lines, warnings, errors); everything else goes on as it is.
 */
export function nestLogger(logger: Logger): LoggerService {
  return {
    log: (message: unknown, ...params: unknown[]) => (NEST_START_UP.has(String(params[params.length - 1])) ? logger.debug(message, ...params) : logger.log(message, ...params)),
    error: (message: unknown, ...params: unknown[]) => logger.error(message, ...params),
    warn: (message: unknown, ...params: unknown[]) => logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]) => logger.debug(message, ...params),
    verbose: (message: unknown, ...params: unknown[]) => logger.verbose(message, ...params),
    fatal: (message: unknown, ...params: unknown[]) => logger.fatal(message, ...params),
  };
}

/**
 * What log lines written while serving a request are bound to (nestjs-pino's `Store`). The
 * request's child logger is made only when something logs during the request: a read that logs
 * nothing costs no child logger.
 */
class RequestLogStore {
  private child?: PinoLoggerInstance;

  constructor(
    private readonly root: PinoLoggerInstance,
    private readonly bindings: Record<string, unknown>,
  ) {}

  get logger(): PinoLoggerInstance {
    return (this.child ??= this.root.child(this.bindings));
  }

  /** `PinoLogger.assign` narrowing the request's logger. */
  set logger(value: PinoLoggerInstance) {
    this.child = value;
  }
}

const ROOT_LOGGER = Symbol('ROOT_LOGGER');

const IGNORED = /^\/(health|metrics)/;

/**
 * The access log: one line per request when it ends (`request completed`, or `request errored` for
 * a 5xx, `request aborted` when the client left), with the request's id, method and URL, the status,
 * the time taken and the correlation id; none when the level drops it (no work at all then). Every
 * answer carries the correlation id, and lines logged while serving a request carry it too.
 *
 * A plain express middleware (`createServiceApp` mounts it ahead of the routes), not a Nest one:
 * Nest's matches a `*path` pattern and wraps the call on every request.
 */
export function accessLog(app: INestApplication): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const root = app.get<PinoLoggerInstance>(ROOT_LOGGER);
  return (req, res, next) => {
    const id = typeof req.id === 'string' && req.id ? req.id : correlationIdOf(req);
    req.id = id;
    res.setHeader(CORRELATION_HEADER, id);
    const bindings = { req: { id, method: req.method, url: req.url }, correlationId: id };
    if (root.isLevelEnabled('info') && !IGNORED.test(req.url ?? '')) {
      const started = Date.now();
      const done = () => {
        res.removeListener('finish', done);
        res.removeListener('close', done);
        const line: Record<string, unknown> = { ...bindings, res: { statusCode: res.statusCode }, responseTime: Date.now() - started };
        if (res.statusCode >= 500) {
          line.err = new Error(`failed with status code ${res.statusCode}`);
          root.info(line, 'request errored');
          return;
        }
        root.info(line, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
      };
      res.on('finish', done);
      res.on('close', done);
    }
    storage.run(new RequestLogStore(root, bindings) as unknown as Store, next);
  };
}

/** The app's pino logger: JSON lines with the service's name, personal data and secrets redacted. */
function rootLogger(service: string, level: string): PinoLoggerInstance {
  return pino({
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    redact: {
      paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`)],
      censor: '[redacted]',
    },
  });
}

/**
 * nestjs-pino's loggers (`Logger`, `PinoLogger`) over the app's root logger, with the access log
 * above in place of pino-http (which made two child loggers per request, even for a line the
 * level drops).
 */
@Global()
@Module({})
export class StructuredLoggingModule {
  static forService(service: string, level: string): DynamicModule {
    const root = rootLogger(service, level);
    return {
      module: StructuredLoggingModule,
      providers: [{ provide: ROOT_LOGGER, useValue: root }, { provide: PARAMS_PROVIDER_TOKEN, useValue: { pinoHttp: { logger: root } } }, PinoLogger, Logger],
      exports: [Logger, PinoLogger, PARAMS_PROVIDER_TOKEN],
    };
  }
}
