#!/usr/bin/env node
// Prints a short-lived token for calling one local service by hand, signed
// with that service's internal-token key (each service has its own):
//   npm run token -- --service membership --role DISTRICT_ADMIN --district rencheng
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { ROOT } from './lib/project.mjs';
import { localSecrets } from './lib/secrets.mjs';

const require = createRequire(import.meta.url);
const { JwtService } = require('@nestjs/jwt');

const { values } = parseArgs({
  options: {
    service: { type: 'string', default: 'membership' },
    role: { type: 'string', default: 'CITY_ADMIN' },
    user: { type: 'string', default: 'dev-user' },
    district: { type: 'string' },
    'sub-district': { type: 'string' },
    zone: { type: 'string' },
    minutes: { type: 'string', default: '60' },
  },
});
const scope = values.zone
  ? { level: 'ZONE', districtId: values.district, zoneId: values.zone }
  : values['sub-district']
    ? { level: 'SUB_DISTRICT', districtId: values.district, subDistrictId: values['sub-district'] }
    : values.district
      ? { level: 'DISTRICT', districtId: values.district }
      : { level: 'CITY' };
const SERVICES = ['membership', 'activities', 'governance', 'enterprise', 'notifications'];
if (!SERVICES.includes(values.service)) {
  process.stderr.write(`--service must be one of ${SERVICES.join(', ')}\n`);
  process.exit(2);
}
const key = `INTERNAL_TOKEN_SECRET_${values.service.toUpperCase()}`;
const secret = process.env[key] ?? localSecrets(process.env.PB_DATA_DIR ?? path.join(ROOT, '.data'))[key];
// The audience and issuer libs/platform/src/auth/internal-token.ts checks.
const token = new JwtService().sign(
  { userId: values.user, role: values.role, scope },
  { secret, audience: `party-building:${values.service}`, issuer: 'party-building-gateway', expiresIn: Number(values.minutes) * 60, algorithm: 'HS256' },
);
process.stdout.write(`${token}\n`);
