import { randomUUID } from 'crypto';
import { DynamicModule, LoggerService, Module } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
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

@Module({})
export class StructuredLoggingModule {
  static forService(service: string, level: string): DynamicModule {
    return {
      module: StructuredLoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            base: { service },
            messageKey: 'msg',
            timestamp: () => `,"time":"${new Date().toISOString()}"`,
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const id = correlationIdOf(req);
              res.setHeader(CORRELATION_HEADER, id);
              return id;
            },
            // Every line logged while serving a request carries its correlation id.
            customProps: (req: IncomingMessage & { id?: unknown }) => ({ correlationId: String(req.id) }),
            formatters: { level: (label: string) => ({ level: label }) },
            // Request bodies are never logged; headers only without credentials.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: {
              paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`)],
              censor: '[redacted]',
            },
            autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
          },
        }),
      ],
    };
  }
}
