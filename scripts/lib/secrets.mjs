// Local runs need an INTERNAL_TOKEN_SECRET shared by the gateway and the
// services. Unless one is configured, a random one is made once per data
// folder and kept there (never in the repository).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function localSecrets(dataDir) {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const secrets = { INTERNAL_TOKEN_SECRET: crypto.randomBytes(32).toString('base64url') };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
