import { waitFor } from '@pb/testing';
import { Answer, Stack } from '../support/stack';

/** Today's date in China time (UTC+8), as the services date what happens today. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Asserts a status, showing the answer's body when it is another. */
export function expectStatus(res: Answer, status: number, what: string): void {
  expect({ what, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ what, status, body: undefined });
}

/** Calls through the gateway (as the suite's administrator unless a token is given) until `done` says the answer is the awaited one. */
export async function until(stack: Stack, method: string, path: string, body: unknown, done: (res: Answer) => boolean, what: string, token = stack.adminToken): Promise<Answer> {
  let last: Answer | undefined;
  await waitFor(
    async () => {
      last = await stack.call(method, path, body, token);
      return done(last);
    },
    what,
    30_000,
    300,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; last answer ${last?.status} ${JSON.stringify(last?.body)?.slice(0, 300)}`);
  });
  return last!;
}
