import { afterEach, describe, expect, test, vi } from 'vitest';
import { jsonBody, MAX_JSON_BODY_BYTES, request } from './http';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('request', () => {
  test('never sends cookies or a referrer, never follows redirects or reads a cache, whatever the caller asks', async () => {
    const fetchSpy = vi.fn(async (_url: URL | RequestInfo, _init?: RequestInit) => new Response('{}'));
    vi.stubGlobal('fetch', fetchSpy);
    const careless: RequestInit = {
      credentials: 'include',
      referrerPolicy: 'unsafe-url',
      redirect: 'follow',
      cache: 'force-cache',
      headers: { Accept: 'application/json' },
    };
    await request('https://public-api.wordpress.com/rest/v1.1/me', careless, 'WordPress.com');
    const init = fetchSpy.mock.calls[0]?.[1];
    expect(init).toMatchObject({
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });
});

describe('jsonBody', () => {
  /** An answer that never ends: 64 KiB chunks of a JSON string's inside, counted as they are pulled. */
  function endless(): { response: Response; pulled: () => number; cancelled: () => boolean } {
    let pulls = 0;
    let cancelled = false;
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"junk":"'));
      },
      pull(controller) {
        pulls++;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    return { response: new Response(stream), pulled: () => pulls, cancelled: () => cancelled };
  }

  test('reads JSON, and anything else is undefined', async () => {
    expect(await jsonBody(new Response('{"a":[1,"é"]}'))).toEqual({ a: [1, 'é'] });
    expect(await jsonBody(new Response('<html>'))).toBeUndefined();
    expect(await jsonBody(new Response(null))).toBeUndefined();
  });

  test('stops reading an answer longer than its cap, and calls it not JSON', async () => {
    const { response, pulled, cancelled } = endless();
    expect(await jsonBody(response)).toBeUndefined();
    expect(cancelled()).toBe(true);
    expect(pulled()).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES / (64 * 1024) + 2);
  });

  test('an answer of exactly the cap is read', async () => {
    const filler = 'x'.repeat(MAX_JSON_BODY_BYTES - '{"a":""}'.length);
    expect(await jsonBody(new Response(`{"a":"${filler}"}`))).toEqual({ a: filler });
  });
});
