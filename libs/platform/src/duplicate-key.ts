/** MongoDB's (and FerretDB's) error code for a unique-index violation. */
export const DUPLICATE_KEY = 11000;

/** Whether a write failed only because a unique key was already taken. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}

/**
 * Whether a bulk write failed only on keys already taken (an unordered insert stored every other
 * document). A bulk write cut off by a lost connection fails with an empty list of write errors:
 * that is not "only duplicates", nothing may have been stored.
 */
export function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown[] } | null)?.writeErrors;
  return writeErrors && writeErrors.length > 0 ? writeErrors.every(isDuplicateKey) : isDuplicateKey(error);
}
