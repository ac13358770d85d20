import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'crypto';

/**
 * The token pair a refresh gave, encrypted (AES-256-GCM) with a key derived from the refresh
 * token that was spent for it: the database keeps only that token's SHA-256, so whoever reads
 * the database cannot open it; whoever presents the spent token again within the grace window can.
 */
const keyOf = (spentToken: string) => createHmac('sha256', spentToken).update('pb-refresh-grace-v1').digest();

export function sealPair(pair: object, spentToken: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(spentToken), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The pair, or null when the token does not open it. */
export function openPair<T>(sealed: string, spentToken: string): T | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(spentToken), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T;
  } catch {
    return null;
  }
}
