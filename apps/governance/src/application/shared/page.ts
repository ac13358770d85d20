import { afterPosition, encodePageCursor, pagePositionOf } from '@pb/platform';

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** How a list is ordered: a sort key records may share, then the unique id (both the same direction). */
export interface PageOrder<T> {
  field: string;
  order: 'asc' | 'desc';
  key: (item: T) => string;
  id: (item: T) => string;
}

/** The filter for the items after the cursor `after` (none without one); a malformed cursor is a 400 naming `after`. */
export function afterCursor<T>(after: string | undefined, order: PageOrder<T>): Record<string, unknown> {
  // Never the first page again for a cursor we cannot read: a client would loop for ever.
  const position = pagePositionOf(after, 'after');
  return position ? afterPosition(order.field, position.key, position.id, order.order) : {};
}

export function sortOf(order: Pick<PageOrder<never>, 'field' | 'order'>): Record<string, 1 | -1> {
  const direction = order.order === 'asc' ? 1 : -1;
  return { [order.field]: direction, _id: direction };
}

/** `found` was read with `limit + 1`: one more than the page says whether there is a next one. */
export function pageOf<T>(found: T[], limit: number, order: PageOrder<T>): Page<T> {
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: found.length > limit && last ? encodePageCursor(order.key(last), order.id(last)) : null };
}
