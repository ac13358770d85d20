import type { Collection } from 'mongoose';
import { DUPLICATE_KEY } from './duplicate-key';
import { findEach } from './find-each';
import { retry } from './retry';

class NotAllStored extends Error {}

/**
 * insertMany (unordered) that treats duplicate keys as answers, not failures,
 * and retries the documents that failed for another reason (a busy database),
 * so a bulk write ends with every document either stored or known to be a
 * duplicate. Returns the indexes of the duplicates; throws if failures persist
 * or the database does not say which documents failed.
 */
export async function insertManyTolerant<T extends object>(collection: Collection<T>, docs: T[]): Promise<Set<number>> {
  const idOf = (i: number) => (docs[i] as { _id?: unknown })._id;
  const duplicates = new Set<number>();
  let pending = docs.map((_, i) => i);
  await retry(
    async () => {
      if (pending.length === 0) return;
      try {
        const result = await collection.insertMany(pending.map((i) => docs[i]) as never[], { ordered: false });
        if (result.insertedCount === pending.length) {
          pending = [];
          return;
        }
        // FerretDB can acknowledge fewer documents than it was sent, without an error (docs/performance.md).
        // Which ones are missing only a lookup can tell; those are inserted again.
        const stored = await findEach(pending.map(idOf), (id) => collection.findOne({ _id: id } as never, { projection: { _id: 1 } }));
        const storedIds = new Set(stored.map((d) => String((d as { _id: unknown })._id)));
        pending = pending.filter((i) => !storedIds.has(String(idOf(i))));
        if (pending.length > 0) throw new NotAllStored(`${pending.length} documents acknowledged but not stored in ${collection.collectionName}`);
      } catch (error) {
        const writeErrors = (error as { writeErrors?: { index: number; code: number }[] }).writeErrors;
        if (!writeErrors) throw error;
        // A document that failed was not stored, so a duplicate on a retry is a true duplicate too.
        const again: number[] = [];
        for (const w of writeErrors) {
          if (w.code === DUPLICATE_KEY) duplicates.add(pending[w.index]!);
          else again.push(pending[w.index]!);
        }
        pending = again;
        if (pending.length > 0) throw error;
      }
    },
    {
      attempts: 6,
      // Without per-document errors nothing says what was stored; guessing could hand one ID number to two members.
      retryIf: (error) => error instanceof NotAllStored || Array.isArray((error as { writeErrors?: unknown }).writeErrors),
      backoff: { initialMs: 200, maxMs: 2_000 },
    },
  );
  return duplicates;
}
