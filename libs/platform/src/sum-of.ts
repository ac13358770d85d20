import { Model } from 'mongoose';

/**
 * The total of one numeric field over the documents matching `match`, counted by the database
 * (no documents travel, no cap). One accumulator per `$group`: FerretDB 1.x mis-sums when several
 * are combined.
 */
export async function sumOf<T>(model: Model<T>, match: Record<string, unknown>, field: string): Promise<number> {
  const [row] = await model.aggregate<{ total: number }>([{ $match: match }, { $group: { _id: null, total: { $sum: `$${field}` } } }]).exec();
  return row?.total ?? 0;
}
