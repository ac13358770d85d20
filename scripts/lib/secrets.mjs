// Local runs need secrets: one internal-token key per service (the gateway holds all five, each
// service its own), JWT_SECRET (users' tokens), MEMBERSHIP_DATA_KEY (personal data at rest),
// ANALYST_PSEUDONYM_KEY, the first administrator's password and the local PostgreSQL's password
// (FerretDB signs in with it). Unless configured, random ones are made once per data folder and
// kept there, never in the repository; there is no built-in default password.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const LOCAL_ADMIN = 'admin';
const SERVICES = ['membership', 'activities', 'governance', 'enterprise', 'notifications'];

/** The data folder holds keys, the database and logs: its owner alone may enter it. */
export function privateDir(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/**
 * Writes the secrets file readable by its owner only. The mode is set on every write, not only
 * when the file is made (`writeFileSync`'s mode applies to a new file alone), and the content goes
 * to a private temporary file first, so the keys are never readable by others, not even for a moment.
 */
export function writeSecretsFile(file, secrets) {
  privateDir(path.dirname(file));
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

export function localSecrets(dataDir) {
  const file = path.join(dataDir, 'secrets.json');
  const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const secrets = {
    ...Object.fromEntries(SERVICES.map((s) => [`INTERNAL_TOKEN_SECRET_${s.toUpperCase()}`, crypto.randomBytes(32).toString('base64url')])),
    JWT_SECRET: crypto.randomBytes(32).toString('base64url'),
    FIRST_ADMIN_USERNAME: LOCAL_ADMIN,
    FIRST_ADMIN_PASSWORD: crypto.randomBytes(12).toString('base64url'),
    // Encrypts members' ID numbers and phones at rest; losing it loses them.
    MEMBERSHIP_DATA_KEY: crypto.randomBytes(32).toString('base64'),
    // Keys the pseudonyms on the analyst topics; a new key gives every person a new pseudonym.
    ANALYST_PSEUDONYM_KEY: crypto.randomBytes(32).toString('base64url'),
    // Signs the notifications' webhook requests (X-PB-Signature); the receivers (SMS, WeChat gateways) hold it too.
    WEBHOOK_SECRET: crypto.randomBytes(32).toString('base64url'),
    // The local PostgreSQL's superuser password (password authentication; FerretDB connects with it).
    POSTGRES_PASSWORD: crypto.randomBytes(24).toString('base64url'),
    ...existing,
  };
  // The one key all services shared before each got its own: no app reads it any more.
  delete secrets.INTERNAL_TOKEN_SECRET;
  if (JSON.stringify(secrets) !== JSON.stringify(existing)) writeSecretsFile(file, secrets);
  else if (fs.existsSync(file) && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return secrets;
}

/**
 * The secrets one app is started with, and no others: the data key reaches membership only, the
 * JWT secret and the five internal-token keys the gateway only, each service its own key.
 */
export function secretsFor(app, secrets) {
  if (app === 'gateway') {
    return {
      JWT_SECRET: secrets.JWT_SECRET,
      FIRST_ADMIN_USERNAME: secrets.FIRST_ADMIN_USERNAME,
      FIRST_ADMIN_PASSWORD: secrets.FIRST_ADMIN_PASSWORD,
      ...Object.fromEntries(SERVICES.map((s) => [`INTERNAL_TOKEN_SECRET_${s.toUpperCase()}`, secrets[`INTERNAL_TOKEN_SECRET_${s.toUpperCase()}`]])),
    };
  }
  if (app === 'analyst-streams') return { ANALYST_PSEUDONYM_KEY: secrets.ANALYST_PSEUDONYM_KEY };
  return {
    INTERNAL_TOKEN_SECRET: secrets[`INTERNAL_TOKEN_SECRET_${app.toUpperCase()}`],
    ...(app === 'membership' ? { MEMBERSHIP_DATA_KEY: secrets.MEMBERSHIP_DATA_KEY } : {}),
    ...(app === 'notifications' ? { WEBHOOK_SECRET: secrets.WEBHOOK_SECRET } : {}),
  };
}

/** Every variable `secretsFor` may set: the launcher does not pass these on from its own environment to every app. */
export const SECRET_VARIABLES = [
  'INTERNAL_TOKEN_SECRET',
  ...SERVICES.map((s) => `INTERNAL_TOKEN_SECRET_${s.toUpperCase()}`),
  'JWT_SECRET',
  'MEMBERSHIP_DATA_KEY',
  'WEBHOOK_SECRET',
  'ANALYST_PSEUDONYM_KEY',
  'FIRST_ADMIN_USERNAME',
  'FIRST_ADMIN_PASSWORD',
];
