// Local runs need secrets: INTERNAL_TOKEN_SECRET (gateway ↔ services), JWT_SECRET
// (users' tokens), MEMBERSHIP_DATA_KEY (personal data at rest) and the first
// administrator's password. Unless configured,
// random ones are made once per data folder and kept there, never in the
// repository; there is no built-in default password.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const LOCAL_ADMIN = 'admin';

export function localSecrets(dataDir) {
  const file = path.join(dataDir, 'secrets.json');
  const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const secrets = {
    INTERNAL_TOKEN_SECRET: crypto.randomBytes(32).toString('base64url'),
    JWT_SECRET: crypto.randomBytes(32).toString('base64url'),
    FIRST_ADMIN_USERNAME: LOCAL_ADMIN,
    FIRST_ADMIN_PASSWORD: crypto.randomBytes(12).toString('base64url'),
    // Encrypts members' ID numbers and phones at rest; losing it loses them.
    MEMBERSHIP_DATA_KEY: crypto.randomBytes(32).toString('base64'),
    // Keys the pseudonyms on the analyst topics; a new key gives every person a new pseudonym.
    ANALYST_PSEUDONYM_KEY: crypto.randomBytes(32).toString('base64url'),
    ...existing,
  };
  if (JSON.stringify(secrets) !== JSON.stringify(existing)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
