import { inKeyOrder } from '../src/consumer/in-key-order';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('inKeyOrder (how a consumer walks a batch)', () => {
  const items = ['a1', 'b1', 'a2', 'c1', 'b2', 'a3'];
  const keyOf = (s: string) => s[0];

  it('keeps each key in order while keys overlap, up to the limit', async () => {
    const done: string[] = [];
    let running = 0;
    let most = 0;
    await inKeyOrder(items, keyOf, 2, async (s) => {
      running += 1;
      most = Math.max(most, running);
      await tick(s === 'a1' ? 20 : 5); // a1 is slow: its key must wait for it, the others need not
      done.push(s);
      running -= 1;
      return true;
    });
    expect(done.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(done.filter((s) => s.startsWith('b'))).toEqual(['b1', 'b2']);
    expect(done.indexOf('b1')).toBeLessThan(done.indexOf('a1'));
    expect(most).toBe(2);
  });

  it('stops a key at the first item declined, and only that key', async () => {
    const done: string[] = [];
    await inKeyOrder(items, keyOf, 3, async (s) => {
      if (s === 'a2') return false;
      done.push(s);
      return true;
    });
    expect(done).not.toContain('a3');
    expect(done).toEqual(expect.arrayContaining(['a1', 'b1', 'b2', 'c1']));
  });

  it('passes a failure on only after every running key has stopped, and starts no new key', async () => {
    const done: string[] = [];
    let stillRunning = 0;
    const run = inKeyOrder(items, keyOf, 2, async (s) => {
      if (s === 'a1') throw new Error('database gone');
      stillRunning += 1;
      await tick(15);
      done.push(s);
      stillRunning -= 1;
      return true;
    });
    await expect(run).rejects.toThrow('database gone');
    expect(stillRunning).toBe(0);
    expect(done).not.toContain('c1');
  });
});
