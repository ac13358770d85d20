import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Observable, throwError } from 'rxjs';
import { isDatabaseUnavailable } from '../database-unavailable';
import { DomainError, DomainErrorKind } from '../domain-error';

const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
};

const DATABASE_RETRY_AFTER_SECONDS = 5;

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  details?: Record<string, unknown>;
}

const KNOWN_BY_NAME: Record<string, { status: number; error: string }> = {
  ConcurrencyConflictError: { status: HttpStatus.CONFLICT, error: 'CONCURRENT_MODIFICATION' },
  SchemaViolation: { status: HttpStatus.BAD_REQUEST, error: 'INVALID_EVENT_DATA' },
};

/**
 * One error shape for every service. Known failures keep their 4xx; anything
 * unexpected is logged (without the request body) and answered with a plain 500.
 * Errors of event handlers pass through unchanged to the Kafka consumer.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Event handlers: hand the original error back to the consumer, which retries or dead-letters it.
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    const retryAfter = exception instanceof HttpException ? (exception.getResponse() as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    else if (body.statusCode === 503) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    if (body.statusCode === 503) this.logger.warn(`answered 503: ${(exception as Error).name}: ${(exception as Error).message}`.slice(0, 500));
    else if (body.statusCode >= 500) this.logger.error({ err: exception }, 'unhandled error');
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: STATUS_OF[exception.kind], error: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const status = exception.getStatus();
      if (typeof response === 'object' && response !== null) {
        const r = response as { message?: string | string[]; error?: string };
        return { statusCode: status, error: r.error ?? exception.name, message: r.message ?? exception.message };
      }
      return { statusCode: status, error: exception.name, message: String(response) };
    }
    const known = exception instanceof Error ? KNOWN_BY_NAME[exception.name] : undefined;
    if (known && exception instanceof Error) return { statusCode: known.status, error: known.error, message: exception.message };
    // The body parser's refusals (too large, unreadable) are the client's fault: keep their 4xx.
    const parser = exception as { status?: unknown; expose?: unknown; type?: unknown };
    if (exception instanceof Error && typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500 && parser.expose === true) {
      if (parser.type === 'entity.too.large') return { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: '请求体过大，请缩小后重试' };
      return { statusCode: parser.status, error: 'BAD_REQUEST_BODY', message: '请求体无法解析，请发送 UTF-8 编码的 JSON' };
    }
    // The database is unreachable (stopped, failing over): the client may retry shortly.
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: 503, error: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法访问，请稍后重试' };
    }
    return { statusCode: 500, error: 'INTERNAL_ERROR', message: '服务器内部错误' };
  }
}
