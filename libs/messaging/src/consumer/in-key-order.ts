/**
 * Runs `work` over the items, those of one key strictly in their order, up to
 * `atOnce` keys at a time. A key stops at the first item `work` declines.
 */
export async function inKeyOrder<T>(items: T[], keyOf: (item: T) => string, atOnce: number, work: (item: T) => Promise<boolean>): Promise<void> {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = byKey.get(key) ?? [];
    list.push(item);
    byKey.set(key, list);
  }
  const queues = [...byKey.values()];
  let next = 0;
  let failed = false;
  const runner = async () => {
    try {
      while (!failed && next < queues.length) {
        const queue = queues[next++];
        for (const item of queue) if (failed || !(await work(item))) break;
      }
    } catch (error) {
      failed = true; // the other runners take nothing new: the batch comes again anyway
      throw error;
    }
  };
  // Every runner finishes before a failure is passed on, so no handler of this batch is still
  // running when the batch is delivered again.
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(atOnce, queues.length) }, runner));
  const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (rejected) throw rejected.reason;
}
