import type { Collection } from 'mongoose';
import { DUPLICATE_KEY } from '@pb/platform/duplicate-key';
import { insertManyTolerant } from '@pb/platform/insert-many';

type Doc = { _id: string };

/**
 * A collection whose unordered insertMany answers as the database does: per-document write
 * errors (duplicates, or a busy server for the documents named in `busy`, once each).
 */
function collection(existing: string[], busy: string[] = [], acknowledgesFewer = false) {
  const stored = new Set(existing);
  const stillBusy = new Set(busy);
  const calls: string[][] = [];
  let quietOnce = acknowledgesFewer;
  const fake = {
    collectionName: 'things',
    insertMany: async (docs: Doc[]) => {
      calls.push(docs.map((d) => d._id));
      const writeErrors: { index: number; code: number }[] = [];
      let insertedCount = 0;
      docs.forEach((d, index) => {
        if (stored.has(d._id)) writeErrors.push({ index, code: DUPLICATE_KEY });
        else if (stillBusy.delete(d._id)) writeErrors.push({ index, code: 91 });
        else if (quietOnce && index === docs.length - 1) quietOnce = false;
        else {
          stored.add(d._id);
          insertedCount++;
        }
      });
      if (writeErrors.length > 0) throw Object.assign(new Error('bulk write error'), { writeErrors });
      return { insertedCount };
    },
    findOne: async (filter: { _id: string }) => (stored.has(filter._id) ? { _id: filter._id } : null),
  };
  return { fake: fake as unknown as Collection<Doc>, stored, calls };
}

const docs = (...ids: string[]) => ids.map((_id) => ({ _id }));

describe('insertManyTolerant (no database)', () => {
  it('answers duplicates by their index and stores every other document', async () => {
    const { fake, stored } = collection(['b']);
    expect([...(await insertManyTolerant(fake, docs('a', 'b', 'c')))]).toEqual([1]);
    expect([...stored].sort()).toEqual(['a', 'b', 'c']);
  });

  it('inserts again only the documents that failed for another reason, until they are stored', async () => {
    const { fake, stored, calls } = collection(['d'], ['b']);
    expect([...(await insertManyTolerant(fake, docs('a', 'b', 'c', 'd')))]).toEqual([3]);
    expect(calls).toEqual([['a', 'b', 'c', 'd'], ['b']]);
    expect([...stored].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('looks up and inserts again what the database acknowledged without storing', async () => {
    const { fake, stored, calls } = collection([], [], true);
    expect((await insertManyTolerant(fake, docs('a', 'b', 'c'))).size).toBe(0);
    expect(calls).toEqual([['a', 'b', 'c'], ['c']]);
    expect([...stored].sort()).toEqual(['a', 'b', 'c']);
  });

  it('fails at once when the database does not say which documents failed', async () => {
    let calls = 0;
    const fake = { collectionName: 'things', insertMany: async () => (calls++, Promise.reject(new Error('connection reset'))) } as unknown as Collection<Doc>;
    await expect(insertManyTolerant(fake, docs('a'))).rejects.toThrow('connection reset');
    expect(calls).toBe(1);
  });
});
