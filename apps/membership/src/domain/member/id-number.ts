/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit
 * sequence, check character. Pure rules, used by registration and bulk import.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'FORMAT' | 'CHECK_DIGIT' | 'BIRTH_DATE' | 'BIRTH_DATE_MISMATCH';

export const ID_NUMBER_PROBLEM_MESSAGES: Record<IdNumberProblem, string> = {
  FORMAT: 'idNumber 须为 18 位居民身份证号码（前 17 位数字，末位为数字或 X）',
  CHECK_DIGIT: 'idNumber 校验位不正确，请核对身份证号码',
  BIRTH_DATE: 'idNumber 中的出生日期不是有效日期',
  BIRTH_DATE_MISMATCH: 'idNumber 中的出生日期与 birthDate 不一致',
};

/** The check character the first 17 digits call for. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Upper-case 'x' and trim: people write the check character both ways. */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

export function isValidCalendarDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** The birth date (YYYY-MM-DD) encoded in the number. */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/**
 * What is wrong with the number, or null. `today` bounds the birth date (no one
 * is born in the future or before 1900); `birthDate`, when given, must match.
 */
export function idNumberProblem(raw: string, today: string, birthDate?: string): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'FORMAT';
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return 'CHECK_DIGIT';
  const born = birthDateOf(id);
  if (!isValidCalendarDate(born) || born < '1900-01-01' || born > today) return 'BIRTH_DATE';
  if (birthDate !== undefined && born !== birthDate) return 'BIRTH_DATE_MISMATCH';
  return null;
}

/** `370802199001011234` → `3708**********1234`. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 4)}${'*'.repeat(Math.max(0, idNumber.length - 8))}${idNumber.slice(-4)}`;
}

/** `13800000000` → `138****0000`. */
export function maskPhone(phone: string): string {
  return phone.length <= 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** Mainland mobile numbers: 11 digits starting 13-19. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
