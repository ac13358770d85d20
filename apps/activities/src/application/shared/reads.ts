export type Doc<T> = T & { _id: string; version: number };
export type Filter = Record<string, unknown>;

export function page<T extends { _id?: string }>(items: T[], limit: number, cursorOf: (t: T) => string) {
  const more = items.length > limit;
  const kept = items.slice(0, limit);
  return { items: kept.map(strip), next: more ? cursorOf(kept[kept.length - 1]) : null };
}

export function strip<T>(doc: T): T {
  const { _id, lastEventAt, ...rest } = doc as T & { _id?: string; lastEventAt?: unknown };
  return rest as T;
}
