import { afterEach, describe, expect, test, vi } from 'vitest';
import { request } from './http';

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
