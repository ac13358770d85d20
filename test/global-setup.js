/**
 * Jest global setup: use the broker and database given by KAFKA_BROKERS and
 * MONGODB_URI, or provision the project's own local ones (real Kafka, real
 * FerretDB) under .data/test on ports of their own, so a running platform is
 * left alone.
 */
module.exports = async function globalSetup() {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) return;
  const path = require('path');
  const { pathToFileURL } = require('url');
  const infra = await import(pathToFileURL(path.join(__dirname, '../scripts/infra.mjs')).href);
  const { testInfraOptions } = await import(pathToFileURL(path.join(__dirname, '../scripts/test-infra-options.mjs')).href);
  const env = await infra.ensureInfra(testInfraOptions());
  process.env.KAFKA_BROKERS = env.kafkaBrokers;
  process.env.MONGODB_URI = env.mongodbUri;
};
