import { isDatabaseUnavailable } from '@pb/platform';

/**
 * Codes of MongoDB server errors that say "not now" rather than "never": the server is shutting
 * down, stepping down or unreachable from the node asked, or an operation ran out of time.
 */
const TRANSIENT_SERVER_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  50, // MaxTimeMSExpired
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** Error labels the MongoDB driver puts on failures that a retry may cure. */
const TRANSIENT_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool', 'SystemOverloadedError'];

/** kafkajs's failures of reaching a broker (publishing from a handler), by name: retriable whatever `retriable` says. */
const BROKER_UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSMetadataNotLoaded',
]);

const TIMEOUT = /^(TimeoutError|AbortError)\b|ETIMEDOUT|timed out/i;

interface Inspectable {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  retriable?: unknown;
  errorLabels?: unknown;
  errorLabelSet?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

/**
 * True when a handler failed because the infrastructure is away for a while (the database failing
 * over: connection and network errors, FerretDB's SQLSTATE 08xxx/57P0x, timeouts; Kafka's
 * retriable errors), not because of the event: the consumer then tries again, with back-off, for
 * as long as it takes, and never dead-letters the event for it. Looks through wrapped causes.
 */
export function isInfrastructureFailure(error: unknown): boolean {
  for (let e = error as Inspectable | undefined, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (isDatabaseUnavailable(e)) return true;
    const name = typeof e.name === 'string' ? e.name : '';
    if (typeof e.code === 'number' && name.startsWith('Mongo') && TRANSIENT_SERVER_CODES.has(e.code)) return true;
    const labels = Array.isArray(e.errorLabels) ? (e.errorLabels as unknown[]) : e.errorLabelSet instanceof Set ? [...(e.errorLabelSet as Set<unknown>)] : [];
    if (labels.some((l) => TRANSIENT_LABELS.includes(String(l)))) return true;
    if (name.startsWith('KafkaJS') && (e.retriable === true || BROKER_UNREACHABLE.has(name))) return true;
    if (TIMEOUT.test(`${name} ${typeof e.message === 'string' ? e.message : ''}`)) return true;
    e = (e.cause ?? e.originalError) as Inspectable | undefined;
  }
  return false;
}
