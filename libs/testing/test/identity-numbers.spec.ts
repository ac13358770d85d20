import { creditCodeCheck, idNumberCheck, idNumberFor, newCreditCode } from '@pb/testing';

/**
 * The test data's ID numbers and credit codes are only worth sending if they are valid: checked
 * here against numbers whose check characters the standards' own examples give.
 */
describe('test identity numbers', () => {
  it('computes GB 11643 check characters, X included', () => {
    expect(idNumberCheck('11010519491231002')).toBe('X');
    expect(idNumberCheck('44052418800101001')).toBe('4');
    expect(idNumberFor('1949-12-31', 2, '110105')).toBe('11010519491231002X');
  });

  it('computes GB 32100 check characters and makes random codes of 18 characters from the allowed ones', () => {
    expect(creditCodeCheck('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheck('91370811MA3HN0001')).toBe('T');
    const codes = Array.from({ length: 50 }, () => newCreditCode());
    for (const code of codes) {
      expect(code).toMatch(/^91370811[0-9A-HJ-NPQRTUWXY]{10}$/);
      expect(creditCodeCheck(code.slice(0, 17))).toBe(code[17]);
    }
    expect(new Set(codes).size).toBe(50);
  });
});
