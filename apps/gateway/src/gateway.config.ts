import { IsUrl } from 'class-validator';
import { ServiceConfig } from '@pb/platform';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayConfig extends ServiceConfig {
  @IsUrl(URL_OPTIONS, { message: 'MEMBERSHIP_URL must be an http(s) URL' })
  MEMBERSHIP_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'ACTIVITIES_URL must be an http(s) URL' })
  ACTIVITIES_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'GOVERNANCE_URL must be an http(s) URL' })
  GOVERNANCE_URL!: string;

  @IsUrl(URL_OPTIONS, { message: 'ENTERPRISE_URL must be an http(s) URL' })
  ENTERPRISE_URL!: string;
}

export const GATEWAY_DEFAULTS = {
  PORT: 3000,
  MONGODB_DATABASE: 'gateway',
  MEMBERSHIP_URL: 'http://127.0.0.1:3001',
  ACTIVITIES_URL: 'http://127.0.0.1:3002',
  GOVERNANCE_URL: 'http://127.0.0.1:3003',
  ENTERPRISE_URL: 'http://127.0.0.1:3004',
};
