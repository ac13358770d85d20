import { retry } from '@pb/platform/retry';

class Busy extends Error {}

describe('retry', () => {
  it('runs the action again until it succeeds, numbering the attempts from 1', async () => {
    const seen: number[] = [];
    const result = await retry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new Busy('busy');
        return 'done';
      },
      { attempts: 5 },
    );
    expect(result).toBe('done');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('throws the last failure once the attempts run out', async () => {
    let calls = 0;
    await expect(
      retry(
        async (attempt) => {
          calls++;
          throw new Busy(`busy ${attempt}`);
        },
        { attempts: 3 },
      ),
    ).rejects.toThrow('busy 3');
    expect(calls).toBe(3);
  });

  it('throws at once a failure that is not worth retrying', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new TypeError('a bug');
        },
        { attempts: 5, retryIf: (e) => e instanceof Busy },
      ),
    ).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });

  it('waits between attempts when asked to', async () => {
    const times: number[] = [];
    await retry(
      async (attempt) => {
        times.push(Date.now());
        if (attempt < 2) throw new Busy('busy');
      },
      { attempts: 2, backoff: { constantMs: 50 } },
    );
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(45);
  });
});
