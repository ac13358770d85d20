import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from 'kafkajs';
import { MongoNetworkError, MongoNetworkTimeoutError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { SchemaViolation } from '@pb/contracts';
import { DomainError } from '@pb/platform';
import { isInfrastructureFailure } from '../src/consumer/infrastructure-failure';

/** What a handler can throw while the database fails over or a broker is away, and what it throws for a bad event. */
function serverError(code: number, message: string): MongoServerError {
  return new MongoServerError({ code, errmsg: message, message });
}

describe('which handler failures are the infrastructure being away (retried, never dead-lettered)', () => {
  it.each([
    ['the database connection dropped', new MongoNetworkError('connection 4 to 127.0.0.1:27017 closed')],
    ['no database server could be selected', new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:27017', { type: 'Unknown', servers: new Map() } as never)],
    ['a socket timed out', new MongoNetworkTimeoutError('connection 2 to 127.0.0.1:27017 timed out')],
    ['mongoose buffered past its timeout', new Error('Operation `views.updateOne()` buffering timed out after 10000ms')],
    ['FerretDB lost its PostgreSQL (SQLSTATE 08006)', serverError(1, 'failed to connect to `host=127.0.0.1 user=ferretdb database=ferretdb`: dial error (SQLSTATE 08006)')],
    ['PostgreSQL is shutting down (SQLSTATE 57P01)', serverError(1, 'terminating connection due to administrator command (SQLSTATE 57P01)')],
    ['the primary stepped down', serverError(189, 'PrimarySteppedDown')],
    ['not the primary any more', serverError(10107, 'not primary')],
    ['an operation ran out of time', serverError(50, 'operation exceeded time limit')],
    ['a broker is unreachable', new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092')],
    ['a broker request timed out', new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out')],
    [
      'a broker says to retry',
      new KafkaJSProtocolError({ message: 'This server is not the leader for that topic-partition', type: 'NOT_LEADER_FOR_PARTITION', code: 6, retriable: true } as never),
    ],
    ['a wrapped network error', Object.assign(new Error('could not save the view'), { cause: new MongoNetworkError('read ECONNRESET') })],
  ])('%s', (_, error) => {
    expect(isInfrastructureFailure(error)).toBe(true);
  });

  it.each([
    ["a handler's domain rejection", new DomainError('conflict', 'ALREADY_CLOSED', '案件已办结')],
    ['a payload its schema refuses', new SchemaViolation('membership.OrganizationRegistered.v1', ['/type must be equal to one of the allowed values'])],
    ['a bug in a handler', new TypeError("Cannot read properties of undefined (reading 'name')")],
    ['a plain handler error', new Error('handler cannot process this event')],
    ['a duplicate key', serverError(11000, 'E11000 duplicate key error collection: views index: _id_')],
    [
      'a broker refusal that will not change',
      new KafkaJSNonRetriableError(new KafkaJSProtocolError({ message: 'too large', type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false } as never)),
    ],
  ])('not %s', (_, error) => {
    expect(isInfrastructureFailure(error)).toBe(false);
  });
});
