// The test run's own Kafka and database: a data folder and ports apart from
// the ones `npm start` uses, so tests never touch a running platform's data.
// The ports stay below Linux's ephemeral range (32768-60999): a port in it can be held by
// some outgoing connection just when a restarted broker wants to bind it again.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function testInfraOptions(env = process.env) {
  const kafkaPort = Number(env.TEST_KAFKA_PORT ?? 29092);
  return {
    dataDir: env.TEST_DATA_DIR ?? path.join(root, '.data', 'test'),
    kafkaPort,
    controllerPort: kafkaPort + 1,
    mongoPort: Number(env.TEST_MONGO_PORT ?? 29017),
    portEnv: { kafka: 'TEST_KAFKA_PORT', controller: 'TEST_KAFKA_PORT (the controller takes the port after it)', mongo: 'TEST_MONGO_PORT' },
  };
}
