import { randomUUID } from 'crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
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
