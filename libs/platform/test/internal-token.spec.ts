import { JwtService } from '@nestjs/jwt';
import { Actor, INTERNAL_ISSUER, internalAudience, signInternalToken, verifyInternalToken } from '@pb/platform';

const SECRET = 'internal-token-unit-key-Qm9vS3dhcnQ7ZWxmMjAyNA';
const MEMBERSHIP = internalAudience('membership');
const actor: Actor = { userId: 'u-1', role: 'DISTRICT_ADMIN', scope: { level: 'DISTRICT', districtId: 'rencheng' } };
const claims = { ...actor, aud: MEMBERSHIP, iss: INTERNAL_ISSUER };
/** A token made by hand, as a forger or a misconfigured sender would. */
const sign = (payload: object, secret: string, options: { algorithm?: 'HS256' | 'HS512' } = {}) => new JwtService().sign(payload, { secret, algorithm: options.algorithm ?? 'HS256' });

describe('internal tokens (the gateway → service identity)', () => {
  it('carries the caller to the service that holds the same secret', () => {
    expect(verifyInternalToken(signInternalToken(actor, SECRET, MEMBERSHIP), SECRET, MEMBERSHIP)).toEqual(actor);
    // The signer is kept per secret; a second secret in the same process is not confused with the first.
    expect(verifyInternalToken(signInternalToken(actor, `${SECRET}-2`, MEMBERSHIP), SECRET, MEMBERSHIP)).toBeNull();
  });

  it('refuses tokens signed otherwise, unsigned, of another algorithm, expired or for another audience', () => {
    expect(verifyInternalToken(sign(claims, 'another-secret-0123456789abcdef0123'), SECRET, MEMBERSHIP)).toBeNull();
    const unsigned = [Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'), Buffer.from(JSON.stringify(claims)).toString('base64url'), ''].join('.');
    expect(verifyInternalToken(unsigned, SECRET, MEMBERSHIP)).toBeNull();
    expect(verifyInternalToken(sign(claims, SECRET, { algorithm: 'HS512' }), SECRET, MEMBERSHIP)).toBeNull();
    expect(verifyInternalToken(sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }, SECRET), SECRET, MEMBERSHIP)).toBeNull();
    expect(verifyInternalToken(sign({ ...claims, aud: 'party-building-users' }, SECRET), SECRET, MEMBERSHIP)).toBeNull();
    expect(verifyInternalToken(sign(claims, SECRET), SECRET, MEMBERSHIP)).toEqual(actor);
  });

  it('is good for the one service it was made for: a token for membership is refused by governance, even with the same key', () => {
    const forMembership = signInternalToken(actor, SECRET, MEMBERSHIP);
    expect(verifyInternalToken(forMembership, SECRET, internalAudience('governance'))).toBeNull();
    // The shared audience every service accepted before each got its own.
    expect(verifyInternalToken(sign({ ...claims, aud: 'party-building-services' }, SECRET), SECRET, MEMBERSHIP)).toBeNull();
  });
});
