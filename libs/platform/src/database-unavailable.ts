/**
 * Errors of the MongoDB driver and mongoose that mean "no connection right now", not a bug: the
 * HTTP edge answers them with 503 and the Kafka consumer retries them instead of dead-lettering.
 * FerretDB answers with PostgreSQL's SQLSTATE when its own database is away: class 08 (connection
 * exception) and 57P01-57P03 (shutting down, starting up).
 */
const DATABASE_UNAVAILABLE =
  /^(MongoServerSelectionError|MongooseServerSelectionError|MongoNetworkError|MongoNetworkTimeoutError|MongoNotConnectedError|MongoPoolClearedError|MongoTopologyClosedError)\b|buffering timed out after|connection .* (closed|timed out)|ECONNREFUSED|ECONNRESET|EPIPE|socket has been ended by the other party|\(SQLSTATE (08[0-9A-Z]{3}|57P0[1-3])\)/;

/** True when `error` says the database cannot be reached at the moment (stopped, failing over, cut off). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof Error && DATABASE_UNAVAILABLE.test(`${error.name} ${error.message}`);
}
