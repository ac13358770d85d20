import { randomInt } from 'crypto';
import { creditCodeCheckCharacter, CREDIT_CODE_ALPHABET } from '../src/domain/enterprise/credit-code';

/** A valid, random, fictitious 统一社会信用代码 (region 370811 任城区), for tests of any suite. */
export function newCreditCode(): string {
  let body = '91370811';
  for (let i = 0; i < 9; i++) body += CREDIT_CODE_ALPHABET[randomInt(CREDIT_CODE_ALPHABET.length)];
  return body + creditCodeCheckCharacter(body);
}
