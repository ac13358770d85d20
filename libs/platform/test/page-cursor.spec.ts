import { BadRequestException } from '@nestjs/common';
import { afterPosition, decodePageCursor, encodePageCursor, pagePositionOf } from '@pb/platform/http/page-cursor';

describe('page cursor (翻页游标)', () => {
  it('round-trips a sort key and an id, opaquely', () => {
    const cursor = encodePageCursor('2026-03-02T08:00:00.000Z', 'e-1');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageCursor(cursor)).toEqual({ key: '2026-03-02T08:00:00.000Z', id: 'e-1' });
  });

  it('reads the cursors governance and enterprise handed out before (a base64url JSON pair)', () => {
    const old = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'case-1'])).toString('base64url');
    expect(decodePageCursor(old)).toEqual({ key: '2026-01-01T00:00:00.000Z', id: 'case-1' });
  });

  it.each([
    ['not base64url', 'a+b/c'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['an object', Buffer.from('{"a":"x"}').toString('base64url')],
    ['one part', Buffer.from('["x"]').toString('base64url')],
    ['a number', Buffer.from('["x",1]').toString('base64url')],
    ['an empty id', Buffer.from('["x",""]').toString('base64url')],
    ['too long a part', Buffer.from(JSON.stringify(['x', 'y'.repeat(200)])).toString('base64url')],
  ])('refuses %s with a 400 naming the parameter', (_, cursor) => {
    expect(decodePageCursor(cursor)).toBeNull();
    let thrown: unknown;
    try {
      pagePositionOf(cursor, 'after');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BadRequestException);
    expect(JSON.stringify((thrown as BadRequestException).getResponse())).toContain('after 无效');
  });

  it('is no position without a cursor', () => {
    expect(pagePositionOf(undefined, 'after')).toBeNull();
    expect(pagePositionOf('', 'after')).toBeNull();
  });

  it('filters for what follows the position in (key, id) order, either way', () => {
    expect(afterPosition('time', 't', 'e-1', 'desc')).toEqual({ $or: [{ time: { $lt: 't' } }, { time: 't', _id: { $lt: 'e-1' } }] });
    expect(afterPosition('startsAt', 't', 'a-1', 'asc')).toEqual({ $or: [{ startsAt: { $gt: 't' } }, { startsAt: 't', _id: { $gt: 'a-1' } }] });
  });
});
