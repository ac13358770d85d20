import { SharedAnswers } from '../src/application/queries/shared-answers';

/** A computation the test finishes by hand, to see who waits for it. */
function pending<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settled = async <T>(p: Promise<T>): Promise<{ value?: T; done: boolean }> => {
  let state: { value?: T; done: boolean } = { done: false };
  p.then((value) => (state = { value, done: true })).catch(() => (state = { done: true }));
  await new Promise((r) => setImmediate(r));
  return state;
};

describe('SharedAnswers (dashboards many people watch)', () => {
  let now = 0;
  const answers = () => new SharedAnswers<string>(250, 1000, 500, () => now);

  beforeEach(() => (now = 1_000_000));

  it('lets requests that arrive together share one computation', async () => {
    const shared = answers();
    const first = pending<string>();
    const compute = jest.fn(() => first.promise);
    const a = shared.get('k', compute);
    const b = shared.get('k', compute);
    first.resolve('v1');
    expect(await Promise.all([a, b])).toEqual(['v1', 'v1']);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('gives an answer again while it is fresh, without computing', async () => {
    const shared = answers();
    await shared.get('k', async () => 'v1');
    now += 249;
    const compute = jest.fn(async () => 'v2');
    expect(await shared.get('k', compute)).toBe('v1');
    expect(compute).not.toHaveBeenCalled();
  });

  it('while a refresh runs, answers at once with the previous answer if it is under the stale limit', async () => {
    const shared = answers();
    await shared.get('k', async () => 'v1');
    now += 600;
    const refresh = pending<string>();
    const compute = jest.fn(() => refresh.promise);
    expect(await shared.get('k', compute)).toBe('v1');
    expect(await shared.get('k', compute)).toBe('v1');
    expect(compute).toHaveBeenCalledTimes(1);
    refresh.resolve('v2');
    await refresh.promise;
    expect(await shared.get('k', compute)).toBe('v2');
  });

  it('makes a caller wait for a new answer when the previous one is older than the stale limit', async () => {
    const shared = answers();
    await shared.get('k', async () => 'v1');
    now += 1000;
    const refresh = pending<string>();
    const waiting = shared.get('k', () => refresh.promise);
    expect((await settled(waiting)).done).toBe(false);
    refresh.resolve('v2');
    expect(await waiting).toBe('v2');
  });

  it('hands a failed computation to those who wait for it, keeps nothing of it, and computes again next time', async () => {
    const shared = answers();
    await expect(shared.get('k', async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await shared.get('k', async () => 'v1')).toBe('v1');
  });

  it('keeps answers of different keys apart', async () => {
    const shared = answers();
    expect(await shared.get('zone-a', async () => 'A')).toBe('A');
    expect(await shared.get('zone-b', async () => 'B')).toBe('B');
    expect(await shared.get('zone-a', async () => 'other')).toBe('A');
  });
});
