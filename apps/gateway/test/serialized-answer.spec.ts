import type { IncomingMessage, ServerResponse } from 'http';
import { sendSerialized, serialize } from '../src/interface/http/serialized-answer';

/** What a response was given: status, headers and body. */
function responseRecorder() {
  const sent = { status: 0, headers: {} as Record<string, unknown>, body: undefined as Buffer | undefined };
  const res = {
    set statusCode(code: number) {
      sent.status = code;
    },
    setHeader: (name: string, value: unknown) => (sent.headers[name.toLowerCase()] = value),
    end: (body?: Buffer) => (sent.body = body),
  } as unknown as ServerResponse;
  return { res, sent };
}

const requestWith = (ifNoneMatch?: string) => ({ headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } }) as IncomingMessage;

describe('a dashboard answer serialised once (sent as bytes, tagged)', () => {
  const answer = serialize({ scope: 'city', name: '全市', members: 3 });

  it('sends the same bytes to every caller, as JSON with its tag', () => {
    const a = responseRecorder();
    const b = responseRecorder();
    sendSerialized(requestWith(), a.res, answer);
    sendSerialized(requestWith(), b.res, answer);
    expect(a.sent.body).toBe(answer.body);
    expect(b.sent.body).toBe(answer.body);
    expect(a.sent).toMatchObject({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8', etag: answer.etag, 'content-length': answer.body.length } });
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ scope: 'city', name: '全市', members: 3 });
  });

  it('answers 304 without a body to a caller holding the current bytes (weak or listed tags too), 200 otherwise', () => {
    for (const header of [answer.etag, `W/${answer.etag}`, `"other", ${answer.etag}`, '*']) {
      const { res, sent } = responseRecorder();
      sendSerialized(requestWith(header), res, answer);
      expect({ header, status: sent.status, body: sent.body }).toEqual({ header, status: 304, body: undefined });
    }
    const { res, sent } = responseRecorder();
    sendSerialized(requestWith('"older"'), res, answer);
    expect(sent.status).toBe(200);
  });

  it('tags different answers differently', () => {
    expect(serialize({ members: 4 }).etag).not.toBe(serialize({ members: 5 }).etag);
  });
});
