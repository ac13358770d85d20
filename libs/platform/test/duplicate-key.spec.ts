import { MongoBulkWriteError, MongoNetworkError } from 'mongodb';
import { onlyDuplicateKeys } from '../src/duplicate-key';

describe('onlyDuplicateKeys', () => {
  const bulkError = (writeErrors: { code: number; index: number }[]) => Object.assign(new Error('bulk write failed'), { writeErrors });

  it('is true when every failed document of a bulk write hit a taken key', () => {
    expect(
      onlyDuplicateKeys(
        bulkError([
          { code: 11000, index: 0 },
          { code: 11000, index: 3 },
        ]),
      ),
    ).toBe(true);
    expect(onlyDuplicateKeys(Object.assign(new Error('E11000'), { code: 11000 }))).toBe(true);
  });

  it('is false when another write error is among them', () => {
    expect(
      onlyDuplicateKeys(
        bulkError([
          { code: 11000, index: 0 },
          { code: 121, index: 1 },
        ]),
      ),
    ).toBe(false);
  });

  it('is false for a bulk write cut off by a lost connection (no write errors listed): nothing may have been stored', () => {
    const cut = new MongoBulkWriteError(new MongoNetworkError('connection <monitor> to 127.0.0.1:37777 closed'), {
      insertedCount: 0,
      matchedCount: 0,
      modifiedCount: 0,
      deletedCount: 0,
      upsertedCount: 0,
      insertedIds: {},
      upsertedIds: {},
    } as never);
    expect(cut.writeErrors).toEqual([]);
    expect(onlyDuplicateKeys(cut)).toBe(false);
  });
});
