/**
 * Creates a platform user from the command line, e.g. the first administrator
 * of a new installation (the password is read from standard input, never from
 * an argument, so it stays out of shell history and process lists):
 *   echo "$PASSWORD" | npm run user:create -- --username admin --role CITY_ADMIN
 *   echo "$PASSWORD" | npm run user:create -- --username rc-admin --role DISTRICT_ADMIN --district rencheng
 */
import mongoose from 'mongoose';
import { parseArgs } from 'util';
import { JurisdictionScope, Role, ROLES } from '@pb/platform';
import { createUserRecord } from '../application/auth/user-accounts';
import { USER_MODEL, UserSchema } from '../infrastructure/user/user.schema';

async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string', default: 'CITY_ADMIN' },
      district: { type: 'string' },
      'sub-district': { type: 'string' },
      zone: { type: 'string' },
      organization: { type: 'string' },
      enterprise: { type: 'string' },
    },
  });
  if (!values.username) throw new Error('--username is required');
  if (!ROLES.includes(values.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI must be set');
  const scope: JurisdictionScope = values.zone
    ? { level: 'ZONE', districtId: values.district, zoneId: values.zone }
    : values['sub-district']
      ? { level: 'SUB_DISTRICT', districtId: values.district, subDistrictId: values['sub-district'] }
      : values.district
        ? { level: 'DISTRICT', districtId: values.district }
        : { level: 'CITY' };
  const password = await readPassword();
  const connection = await mongoose.createConnection(uri, { dbName: process.env.MONGODB_DATABASE ?? 'gateway' }).asPromise();
  try {
    const users = connection.model(USER_MODEL, UserSchema);
    await users.syncIndexes();
    const user = await createUserRecord(
      users,
      {
        username: values.username,
        displayName: values['display-name'] ?? values.username,
        password,
        role: values.role as Role,
        scope,
        organizationId: values.organization,
        enterpriseCode: values.enterprise,
      },
      'cli',
    );
    process.stdout.write(`created ${user.role} ${user.username} (${user.userId})\n`);
  } finally {
    await connection.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`create-user: ${error.message}\n`);
  process.exit(1);
});
