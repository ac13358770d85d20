import { randomInt } from 'crypto';

/*
 * Fictitious but valid identity numbers for test data. The check characters are computed here from
 * the standards' definitions rather than with the services' own code, so a test that sends one also
 * checks the service's validation against an independent reading of the standard.
 */

/** 居民身份证号码 (GB 11643): the check character over the first 17 digits, weights 2^(18-i) mod 11. */
export function idNumberCheck(first17: string): string {
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (2 ** (17 - i) % 11), 0);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

/** A valid ID number for someone born on `birthDate` (YYYY-MM-DD): region, birth date, a 3-digit sequence, check character. */
export function idNumberFor(birthDate: string, sequence: number, region = '370811'): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheck(first17);
}

/** A fictitious mainland mobile number, the same for the same `n`. */
export function phoneFor(n: number): string {
  return `139${String(n % 100_000_000).padStart(8, '0')}`;
}

/** The 31 characters of a 统一社会信用代码 (no I, O, Z, S, V). */
const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 统一社会信用代码 (GB 32100): the check character over the first 17, weights 3^(i-1) mod 31. */
export function creditCodeCheck(first17: string): string {
  const sum = [...first17].reduce((acc, c, i) => acc + CREDIT_CODE_CHARACTERS.indexOf(c) * (3 ** i % 31), 0);
  return CREDIT_CODE_CHARACTERS[(31 - (sum % 31)) % 31];
}

/** A valid, random 统一社会信用代码 of an enterprise (类别 9, 1) registered in `region` (default 任城区). */
export function newCreditCode(region = '370811'): string {
  let first17 = `91${region}`;
  while (first17.length < 17) first17 += CREDIT_CODE_CHARACTERS[randomInt(CREDIT_CODE_CHARACTERS.length)];
  return first17 + creditCodeCheck(first17);
}
