/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet
 * (no I, O, Z, S, V, so they cannot be misread), the last one a check character
 * over the first 17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'LENGTH' | 'CHARACTERS' | 'REGION' | 'CHECK_CHARACTER';

/** The check character for the first 17 characters (assumed to be in the alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** What is wrong with a code, or null when it is a valid one. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'LENGTH';
  for (const c of code) if (!CREDIT_CODE_ALPHABET.includes(c)) return 'CHARACTERS';
  // Positions 3–8 are the administrative region code, always digits.
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'REGION';
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return 'CHECK_CHARACTER';
  return null;
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  LENGTH: '统一社会信用代码须为 18 位',
  CHARACTERS: '统一社会信用代码只能由数字和大写字母组成，且不含 I、O、Z、S、V',
  REGION: '统一社会信用代码第 3–8 位（行政区划码）须为数字',
  CHECK_CHARACTER: '统一社会信用代码校验位不正确',
};
