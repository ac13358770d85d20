/** Another command changed the aggregate first; the caller should reload and retry. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number,
  ) {
    super(`记录已被其他操作修改（期望版本 ${expectedVersion}），请刷新后重试`);
    this.name = 'ConcurrencyConflictError';
  }
}
