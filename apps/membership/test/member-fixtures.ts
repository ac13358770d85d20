import { idCheckCharacter } from '../src/domain/member/id-number';

/** A fictitious ID number with a valid check character: region + birth date + sequence. */
export function idNumberFor(birthDate: string, sequence: number, region = '370811'): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** Deterministic fictitious mobile numbers. */
export function phoneFor(n: number): string {
  return `139${String(n % 100_000_000).padStart(8, '0')}`;
}

/** A base64 32-byte key for MEMBERSHIP_DATA_KEY in tests. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');
