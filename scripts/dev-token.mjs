#!/usr/bin/env node
// Prints a short-lived token for calling the local platform by hand, signed
// with the local INTERNAL_TOKEN_SECRET. Until user sign-in lands in the
// gateway, this is how a developer acts as a given role and jurisdiction:
//   npm run token -- --role DISTRICT_ADMIN --district rencheng
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { ROOT } from './lib/project.mjs';
import { localSecrets } from './lib/secrets.mjs';

const require = createRequire(import.meta.url);
const { JwtService } = require('@nestjs/jwt');

const { values } = parseArgs({
  options: {
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
const secret = process.env.INTERNAL_TOKEN_SECRET ?? localSecrets(process.env.PB_DATA_DIR ?? path.join(ROOT, '.data')).INTERNAL_TOKEN_SECRET;
const token = new JwtService().sign(
  { userId: values.user, role: values.role, scope },
  { secret, audience: 'party-building-services', issuer: 'party-building-gateway', expiresIn: Number(values.minutes) * 60, algorithm: 'HS256' },
);
process.stdout.write(`${token}\n`);
