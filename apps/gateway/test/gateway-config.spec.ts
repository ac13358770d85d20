import { ConfigurationError, loadConfig } from '@pb/platform';
import { TEST_KEYS } from '@pb/testing';
import { GATEWAY_DEFAULTS, GatewayConfig, isTrustedProxyList } from '../src/gateway.config';

const BASE = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  MONGODB_URI: 'mongodb://127.0.0.1:27017',
  ...TEST_KEYS,
};

describe('gateway settings for sessions and sign-in', () => {
  it('trusts no proxy unless told, and takes addresses, CIDR ranges and express’s range names', () => {
    const config = loadConfig(GatewayConfig, BASE, GATEWAY_DEFAULTS);
    expect(config.TRUSTED_PROXIES).toBe('');
    expect(config.SESSION_MAX_SECONDS).toBe(12 * 3600);
    for (const ok of ['loopback', '10.0.0.0/8, 192.168.1.7', 'uniquelocal,linklocal', '::1', 'fd00::/8']) expect([ok, isTrustedProxyList(ok)]).toEqual([ok, true]);
  });

  it('refuses a proxy list that would believe every client (true, *, a hop count) or is malformed', () => {
    for (const bad of ['true', '*', '2', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1/8/1']) {
      expect([bad, isTrustedProxyList(bad)]).toEqual([bad, false]);
      expect(() => loadConfig(GatewayConfig, { ...BASE, TRUSTED_PROXIES: bad }, GATEWAY_DEFAULTS)).toThrow(ConfigurationError);
    }
  });
});
