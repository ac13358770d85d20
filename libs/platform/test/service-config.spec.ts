import { randomBytes } from 'crypto';
import { ConfigurationError, loadConfig, ServiceConfig, weakSecretReason } from '@pb/platform';

const valid = {
  INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url'),
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
    ['KAFKA_MIN_INSYNC_REPLICAS', { KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '4' }, /KAFKA_MIN_INSYNC_REPLICAS must not exceed KAFKA_REPLICATION_FACTOR/],
    ['MONGODB_PASSWORD', { MONGODB_USERNAME: 'membership' }, /MONGODB_PASSWORD must be set with MONGODB_USERNAME/],
    ['KAFKA_SSL_CA_FILE', { KAFKA_SSL_CA_FILE: 'ca.pem' }, /KAFKA_SSL_CA_FILE must be an absolute path/],
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

  it('reads the database login, TLS and the topics’ durability of a production deployment', () => {
    const config = loadConfig(ServiceConfig, {
      ...valid,
      MONGODB_USERNAME: 'membership',
      MONGODB_PASSWORD: 'p',
      MONGODB_AUTH_SOURCE: 'admin',
      MONGODB_TLS_CA_FILE: '/etc/party-building/mongodb-ca/ca.crt',
      KAFKA_SSL_CA_FILE: '/etc/party-building/kafka-ca/ca.crt',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
      KAFKA_DLQ_RETENTION_MS: '604800000',
    });
    expect(config).toMatchObject({ MONGODB_USERNAME: 'membership', MONGODB_AUTH_SOURCE: 'admin', KAFKA_MIN_INSYNC_REPLICAS: 2, KAFKA_DLQ_RETENTION_MS: 604_800_000 });
    expect(loadConfig(ServiceConfig, valid)).toMatchObject({ KAFKA_MIN_INSYNC_REPLICAS: 1, KAFKA_DLQ_RETENTION_MS: 30 * 24 * 3600 * 1000, MONGODB_TLS: false });
  });
});

describe('keys that stop the app at start', () => {
  it.each([
    ['the example Secret’s value', 'REPLACE_ME_PLACEHOLDER_internal_token_secret', /placeholder/],
    ['change-me', 'change-me-change-me-change-me-change-me', /placeholder \("change-me"\)/],
    ['changeme', 'changemeQ2hhbmdlTWVQbGVhc2UxMjM0NTY3ODkw', /placeholder \("changeme"\)/],
    ['a word like secret', 'my-super-secret-key-for-the-platform-2024', /placeholder \("secret"\)/],
    ['example', 'exampleKeyZm9vYmFyYmF6cXV4MDEyMzQ1Njc4OQ', /placeholder \("example"\)/],
    ['xxx as a word of a value made of words', 'prod-xxx-key-for-the-platform-2024', /placeholder \("xxx"\)/],
    ['one repeated character', 'x'.repeat(64), /too little entropy \(about 0 bits/],
    ['a repeated short pattern', 'abcd1234'.repeat(5), /too little entropy/],
    ['32 equal bytes, base64', Buffer.alloc(32, 7).toString('base64'), /too little entropy/],
  ])('refuses %s, naming the variable and saying why', (_, value, why) => {
    expect(weakSecretReason(value)).toMatch(why);
    expect(() => loadConfig(ServiceConfig, { ...valid, INTERNAL_TOKEN_SECRET: value })).toThrow(
      /INTERNAL_TOKEN_SECRET \(invalid value\): .*INTERNAL_TOKEN_SECRET (looks like a placeholder|has too little entropy)/,
    );
  });

  it('accepts generated keys (openssl rand, base64, base64url, hex) and never prints the value', () => {
    // One a full run drew, refused for its piece `/xXx/` before short placeholder words counted only in values made of words.
    expect(weakSecretReason('AJpacb3Vl0PUcV7+XW+/BCXtejUX6Ay/xXx/4AkCa/w=')).toBeNull();
    for (let i = 0; i < 2000; i++) {
      for (const key of [randomBytes(32).toString('base64'), randomBytes(32).toString('base64url'), randomBytes(32).toString('hex'), randomBytes(48).toString('base64')]) {
        expect([key, weakSecretReason(key)]).toEqual([key, null]);
      }
    }
    const weak = 'REPLACE_ME_PLACEHOLDER_internal_token_secret';
    try {
      loadConfig(ServiceConfig, { ...valid, INTERNAL_TOKEN_SECRET: weak });
      throw new Error('loaded');
    } catch (error) {
      expect((error as Error).message).not.toContain(weak);
    }
  });
});
