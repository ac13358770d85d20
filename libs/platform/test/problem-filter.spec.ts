import { ArgumentsHost } from '@nestjs/common';
import { ProblemFilter } from '../src/http/problem.filter';

/** What a client sees for failures that are not the service's bugs. */
describe('ProblemFilter', () => {
  const answer = (exception: unknown) => {
    const res = { statusCode: 0, body: undefined as unknown, headers: {} as Record<string, string> };
    const response = {
      status: (s: number) => ((res.statusCode = s), response),
      json: (b: unknown) => ((res.body = b), response),
      setHeader: (k: string, v: string) => void (res.headers[k] = v),
    };
    const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    new ProblemFilter().catch(exception, host);
    return res;
  };
  const parserError = (status: number, type: string) => Object.assign(new Error('request entity too large'), { status, statusCode: status, expose: true, type });

  it('keeps the body parser’s 413 and 400 instead of answering 500', () => {
    expect(answer(parserError(413, 'entity.too.large'))).toMatchObject({ statusCode: 413, body: { error: 'PAYLOAD_TOO_LARGE' } });
    expect(answer(parserError(400, 'entity.parse.failed'))).toMatchObject({ statusCode: 400, body: { error: 'BAD_REQUEST_BODY' } });
    expect(answer(parserError(415, 'encoding.unsupported')).statusCode).toBe(415);
  });

  it('answers 503 with Retry-After while the database cannot be reached', () => {
    for (const e of [
      Object.assign(new Error('Server selection timed out after 5000 ms'), { name: 'MongoServerSelectionError' }),
      new Error('Operation `events.insertOne()` buffering timed out after 10000ms'),
      new Error('This socket has been ended by the other party'),
      // FerretDB while its PostgreSQL stops (seen by the fault suite as a 500 before).
      Object.assign(new Error('failed to connect to `user=nobody database=ferretdb`: server error: FATAL: the database system is shutting down (SQLSTATE 57P03)'), {
        name: 'MongoServerError',
      }),
    ]) {
      const res = answer(e);
      expect(res).toMatchObject({ statusCode: 503, body: { error: 'DATABASE_UNAVAILABLE' } });
      expect(Number(res.headers['Retry-After'])).toBeGreaterThan(0);
    }
  });

  it('keeps other database errors a 500', () => {
    expect(answer(Object.assign(new Error('duplicate key value violates unique constraint (SQLSTATE 23505)'), { name: 'MongoServerError' })).statusCode).toBe(500);
  });

  it('still answers a plain 500 for a bug, without details', () => {
    expect(answer(new TypeError("Cannot read properties of undefined (reading 'kind')"))).toMatchObject({
      statusCode: 500,
      body: { error: 'INTERNAL_ERROR', message: '服务器内部错误' },
    });
  });
});
