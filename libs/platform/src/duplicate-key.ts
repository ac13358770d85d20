/** MongoDB's (and FerretDB's) error code for a unique-index violation. */
export const DUPLICATE_KEY = 11000;

/** Whether a write failed only because a unique key was already taken. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}

/** Whether a bulk write failed only on keys already taken (an unordered insert stored every other document). */
export function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown[] } | null)?.writeErrors;
  return writeErrors ? writeErrors.every(isDuplicateKey) : isDuplicateKey(error);
}
