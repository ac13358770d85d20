import { BadRequestException } from '@nestjs/common';

/**
 * 翻页游标: where a page ended, as its last item's sort key and its unique id. A bare sort key
 * is not enough: an import batch stamps hundreds of events with one time, and a page that ends
 * among them would skip (or repeat) the rest. Opaque to callers: base64url of the JSON pair,
 * the form governance's and enterprise's list cursors already had, so cursors handed out before
 * stay valid.
 */
export interface PagePosition {
  /** The sort key of the page's last item (a time as ISO 8601, a name…). */
  key: string;
  /** Its unique id, which orders the items sharing that key. */
  id: string;
}

const MAX_PART = 128;

export function encodePageCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');
}

/** The position a cursor names, or null when it is not one this platform handed out. */
export function decodePageCursor(cursor: string): PagePosition | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, id] = value as unknown[];
    if (typeof key !== 'string' || typeof id !== 'string' || key.length > MAX_PART || id.length === 0 || id.length > MAX_PART) return null;
    return { key, id };
  } catch {
    return null;
  }
}

/** The cursor's position (none without one); a malformed cursor is a 400 that names the parameter. */
export function pagePositionOf(cursor: string | null | undefined, parameter: string): PagePosition | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  const position = decodePageCursor(cursor);
  if (!position) throw new BadRequestException([`${parameter} 无效：须为上一页返回的游标`]);
  return position;
}

/**
 * The filter for the items after `position` in an order by (`field`, `_id`), both descending
 * (newest first) or both ascending; `key` is the position's key as the field stores it (a Date
 * for a date field).
 */
export function afterPosition(field: string, key: unknown, id: string, order: 'desc' | 'asc'): Record<string, unknown> {
  const beyond = order === 'desc' ? '$lt' : '$gt';
  return { $or: [{ [field]: { [beyond]: key } }, { [field]: key, _id: { [beyond]: id } }] };
}

/**
 * A page from up to `limit + 1` items read in order: the first `limit`, and the cursor of the
 * last of them when more follow (null on the last page).
 */
export function pageOf<T>(found: readonly T[], limit: number, positionOf: (item: T) => PagePosition): { items: T[]; next: string | null } {
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  if (found.length <= limit || last === undefined) return { items, next: null };
  const { key, id } = positionOf(last);
  return { items, next: encodePageCursor(key, id) };
}
