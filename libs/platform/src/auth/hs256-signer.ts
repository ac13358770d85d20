import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'crypto';

const signers = new Map<string, JwtService>();

/**
 * The JwtService that signs and verifies with one HS256 secret, holding it as a
 * KeyObject: given a string, jsonwebtoken tries to read it as a PEM key on every
 * call and throws, which is costly (docs/performance.md). Secrets come from
 * configuration, so a process has only a handful.
 */
export function hs256Signer(secret: string): JwtService {
  let signer = signers.get(secret);
  if (!signer) {
    signer = new JwtService({ secret: createSecretKey(Buffer.from(secret, 'utf8')), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
    signers.set(secret, signer);
  }
  return signer;
}
