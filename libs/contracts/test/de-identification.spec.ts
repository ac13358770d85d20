import { analystEventId, dayOf, dayStartMs, fiveYearBand, monthOf, NameIndex, SCRUBBED, scrubText } from '@pb/contracts';

describe('de-identification helpers (scrubbing free text, coarsening)', () => {
  it.each([
    ['13912345678', '请联系[电话]'],
    ['139 1234 5678', '请联系[电话]'],
    ['139-1234-5678', '请联系[电话]'],
    ['+86 13912345678', '请联系[电话]'],
    ['0537-2345678', '请联系[电话]'],
  ])('takes the phone number %s out of free text', (phone, expected) => {
    expect(scrubText(`请联系${phone}`)).toBe(expected);
  });

  it.each([
    ['370802199003151234', '身份证[证件号]。'],
    ['37080219900315123X', '身份证[证件号]。'],
    ['370802900315123', '身份证[证件号]。'],
    ['6222021234567890123', '身份证[证件号]。'],
  ])('takes the ID (or other long) number %s out of free text', (number, expected) => {
    expect(scrubText(`身份证${number}。`)).toBe(expected);
  });

  it('leaves short numbers, dates, amounts, hotlines and credit codes alone', () => {
    const text = '2026-03-15 拨打 12345 热线，需要 2000000 元，第 3 次，信用代码 91370800MA3C1234X5';
    expect(scrubText(text)).toBe(text);
  });

  it('replaces registered names, the longest first, and keeps no one-character name', () => {
    const names = new NameIndex();
    expect(names.add('张伟')).toBe(true);
    expect(names.add('张伟明')).toBe(true);
    expect(names.add('张伟')).toBe(false);
    expect(names.add('王')).toBe(false);
    expect(names.size).toBe(2);
    expect(scrubText('张伟明和张伟反映王大妈家漏水，电话 13912345678', names)).toBe(`${SCRUBBED.name}和${SCRUBBED.name}反映王大妈家漏水，电话 ${SCRUBBED.phone}`);
    // Never longer than the text it replaces: a field's length limit still holds.
    expect(SCRUBBED.name.length).toBeLessThanOrEqual(NameIndex.MIN_LENGTH);
  });

  it('bands birth years by five and keeps a date’s month and a moment’s day (China time)', () => {
    expect([1985, 1988, 1989, 1990, 2004].map(fiveYearBand)).toEqual([1985, 1985, 1985, 1990, 2000]);
    expect(monthOf('2015-07-15')).toBe('2015-07-01');
    expect(dayOf('2026-03-15T15:59:59.999Z')).toBe('2026-03-15T00:00:00+08:00');
    expect(dayOf('2026-03-15T16:00:00.000Z')).toBe('2026-03-16T00:00:00+08:00');
    expect(dayStartMs('2026-03-15T17:42:05.123Z')).toBe(Date.parse('2026-03-16T00:00:00+08:00'));
  });

  it('gives an analyst event an id of its own: stable per source id and key, UUID-shaped, not the source id', () => {
    const id = analystEventId('key-0123456789abcdef0123456789abcdef', 'e0b8a4f2-1111-4222-8333-444455556666');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(analystEventId('key-0123456789abcdef0123456789abcdef', 'e0b8a4f2-1111-4222-8333-444455556666')).toBe(id);
    expect(analystEventId('key-0123456789abcdef0123456789abcdef', 'e0b8a4f2-1111-4222-8333-444455556667')).not.toBe(id);
  });
});
