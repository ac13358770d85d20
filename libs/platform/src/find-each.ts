const PARALLELISM = 16;

/**
 * Looks documents up one key at a time, a few in parallel, and returns those
 * found, in the order of `keys`.
 *
 * Why not `{_id: {$in: keys}}`: FerretDB (the local and CI database) answers an
 * equality filter from an index but `$in` by reading the whole collection, so
 * on a large collection a handful of point lookups is far cheaper. MongoDB
 * serves both from the index.
 */
export async function findEach<K, T>(keys: readonly K[], lookup: (key: K) => Promise<T | null | undefined>): Promise<T[]> {
  const found: T[] = [];
  for (let i = 0; i < keys.length; i += PARALLELISM) {
    for (const doc of await Promise.all(keys.slice(i, i + PARALLELISM).map(lookup))) if (doc) found.push(doc);
  }
  return found;
}
