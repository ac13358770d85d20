import { registerDecorator, ValidationArguments } from 'class-validator';

/**
 * Words that mark a value someone meant to replace (`change-me`, the example Secret's
 * `REPLACE_ME_PLACEHOLDER_…`). Long words are looked for anywhere in the value: a random key of
 * 32 bytes contains one of them by chance about once in ten million. Short ones (`xxx`, `test`)
 * would turn up in random keys far more often, so they count only as a whole word in a value made
 * of words (`my-xxx-key`): a generated key's pieces between `/`, `+`, `-` or `_` mix cases and
 * digits (`…/xXx/…` once stopped a key `openssl rand -base64 32` had made).
 */
const PLACEHOLDER_WORDS = ['changeme', 'change-me', 'change_me', 'replace', 'placeholder', 'example', 'secret', 'password', 'passwd', 'default', 'sample'];
const PLACEHOLDER_TOKENS = ['xxx', 'xxxx', 'todo', 'fixme', 'test', 'dummy', 'foo', 'bar'];

/**
 * The fewest bits a key may carry, estimated as its length times the Shannon entropy of its
 * characters: a random 32-byte key (`openssl rand -base64 32`, base64url, hex) scores 180 or more,
 * `'x'.repeat(32)` scores 0, a repeated short pattern scores below 100.
 */
export const MIN_SECRET_BITS = 128;

/** The estimated entropy of a value, in bits (length × Shannon entropy per character). */
export function estimatedBits(value: string): number {
  const counts = new Map<string, number>();
  const chars = [...value];
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/** Why a value cannot be a key (placeholder, too little entropy), or null when it can. */
export function weakSecretReason(value: string): string | null {
  const lower = value.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((w) => lower.includes(w));
  if (word) return `looks like a placeholder ("${word}"): generate a key, e.g. \`openssl rand -base64 32\``;
  const pieces = value.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const madeOfWords = pieces.every((p) => /^([a-z]+|[A-Z]+|[0-9]+)$/.test(p));
  const token = madeOfWords ? PLACEHOLDER_TOKENS.find((t) => pieces.some((p) => p.toLowerCase() === t)) : undefined;
  if (token) return `looks like a placeholder ("${token}"): generate a key, e.g. \`openssl rand -base64 32\``;
  const bits = estimatedBits(value);
  if (bits < MIN_SECRET_BITS) {
    return `has too little entropy (about ${Math.floor(bits)} bits, at least ${MIN_SECRET_BITS} needed): generate a key, e.g. \`openssl rand -base64 32\``;
  }
  return null;
}

/**
 * The setting is a key: a placeholder or a guessable value stops the app at start (exit 78, the
 * message names the variable) instead of running with it. Checks nothing when the value is absent
 * (`@IsString`/`@ValidateIf` beside it say whether it is required).
 */
export function IsStrongSecret(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isStrongSecret',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || weakSecretReason(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${weakSecretReason(String(args?.value)) ?? 'is not a usable key'}`,
      },
    });
  };
}
