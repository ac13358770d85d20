import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigurationError, ServiceConfig } from '@pb/platform';

const KEY_PATTERN = /^[A-Za-z0-9+/]{43}=$/;
const FORMAT = 'v1';

/**
 * Keeps ID and phone numbers unreadable in a database dump. Values are
 * encrypted with AES-256-GCM, bound to the record and field they belong to (a
 * ciphertext copied onto another member does not decrypt). Uniqueness is
 * looked up through a keyed HMAC ("blind index") so equal numbers match
 * without the number being stored. Encryption and index use separate keys
 * derived from MEMBERSHIP_DATA_KEY.
 */
export class MemberDataProtection {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('MEMBERSHIP_DATA_KEY must be 32 bytes');
    this.encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pb-membership/personal-data/aes-256-gcm', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pb-membership/personal-data/blind-index', 32));
  }

  /** From the service config; a missing or malformed key stops the app at start (exit 78). */
  static fromConfig(config: ServiceConfig): MemberDataProtection {
    const key = (config as ServiceConfig & { MEMBERSHIP_DATA_KEY?: string }).MEMBERSHIP_DATA_KEY;
    if (!key || !KEY_PATTERN.test(key)) {
      throw new ConfigurationError(['MEMBERSHIP_DATA_KEY (not set or invalid): must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)']);
    }
    return new MemberDataProtection(Buffer.from(key, 'base64'));
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(sealed: string, context: string): string {
    if (!sealed.startsWith(`${FORMAT}:`)) throw new Error('unknown personal-data format');
    const raw = Buffer.from(sealed.slice(FORMAT.length + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Same number, same index; without the key the index says nothing about the number. */
  blindIndex(kind: 'idNumber' | 'phone', value: string): string {
    return createHmac('sha256', this.indexKey).update(`${kind}:${value}`).digest('base64url');
  }
}
