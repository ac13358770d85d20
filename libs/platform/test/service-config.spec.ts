import { ConfigurationError, loadConfig, ServiceConfig } from '@pb/platform';

const valid = {
  INTERNAL_TOKEN_SECRET: 'x'.repeat(32),
  PORT: '3001',
  KAFKA_BROKERS: '127.0.0.1:9092,10.0.0.2:9092',
  MONGODB_URI: 'mongodb://127.0.0.1:27017',
  MONGODB_DATABASE: 'membership',
};

describe('service configuration', () => {
  it('reads a valid environment with defaults for the optional settings', () => {
    const config = loadConfig(ServiceConfig, valid);
    expect(config).toMatchObject({ PORT: 3001, KAFKA_PARTITIONS: 6, KAFKA_REPLICATION_FACTOR: 1, LOG_LEVEL: 'info' });
  });

  it.each([
    ['KAFKA_BROKERS', { KAFKA_BROKERS: undefined }, /KAFKA_BROKERS \(not set\)/],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS \(invalid value\): KAFKA_BROKERS must be a comma-separated list of host:port/],
    ['MONGODB_URI', { MONGODB_URI: 'postgres://x' }, /MONGODB_URI \(invalid value\)/],
    ['PORT', { PORT: 'eighty' }, /PORT \(invalid value\)/],
    ['KAFKA_PARTITIONS', { KAFKA_PARTITIONS: '0' }, /KAFKA_PARTITIONS/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    ['INTERNAL_TOKEN_SECRET', { INTERNAL_TOKEN_SECRET: 'short' }, /INTERNAL_TOKEN_SECRET must be at least 32 characters/],
    ['KAFKA_SASL_MECHANISM', { KAFKA_SASL_MECHANISM: 'kerberos' }, /KAFKA_SASL_MECHANISM must be scram-sha-256, scram-sha-512 or plain/],
    ['KAFKA_SASL_PASSWORD', { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'membership' }, /KAFKA_SASL_PASSWORD must be set with KAFKA_SASL_MECHANISM/],
  ])('names %s when it is missing or malformed', (_, change, message) => {
    const env = { ...valid, ...change } as Record<string, string | undefined>;
    expect(() => loadConfig(ServiceConfig, env)).toThrow(ConfigurationError);
    expect(() => loadConfig(ServiceConfig, env)).toThrow(message);
  });

  it('reads the Kafka login of a production cluster', () => {
    const config = loadConfig(ServiceConfig, { ...valid, KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'membership', KAFKA_SASL_PASSWORD: 'p' });
    expect(config).toMatchObject({ KAFKA_SSL: true, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'membership' });
    expect(loadConfig(ServiceConfig, valid).KAFKA_SSL).toBe(false);
  });
});
