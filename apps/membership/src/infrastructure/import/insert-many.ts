import type { Collection } from 'mongoose';
import { DUPLICATE_KEY } from '@pb/platform';

const ATTEMPTS = 6;

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
  for (let attempt = 1; pending.length > 0; attempt++) {
    try {
      await collection.insertMany(pending.map((i) => docs[i]) as never[], { ordered: false });
      // Trust, then verify: under heavy load FerretDB 1.x has been seen to acknowledge a bulk
      // insert that did not store every document. What is missing is inserted again.
      const stored = await collection.find({ _id: { $in: pending.map(idOf) } } as never, { projection: { _id: 1 } }).toArray();
      const storedIds = new Set(stored.map((d) => String((d as { _id: unknown })._id)));
      pending = pending.filter((i) => !storedIds.has(String(idOf(i))));
      if (pending.length === 0) return duplicates;
      if (attempt >= ATTEMPTS) throw new Error(`${pending.length} documents acknowledged but not stored in ${collection.collectionName}`);
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number; code: number }[] }).writeErrors;
      // Without per-document errors nothing says what was stored; guessing could hand one ID number to two members.
      if (!writeErrors || attempt >= ATTEMPTS) throw error;
      // A document that failed was not stored, so a duplicate on a retry is a true duplicate too.
      const retry: number[] = [];
      for (const w of writeErrors) {
        if (w.code === DUPLICATE_KEY) duplicates.add(pending[w.index]!);
        else retry.push(pending[w.index]!);
      }
      pending = retry;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  return duplicates;
}
