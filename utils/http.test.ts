import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ConnectError } from './errors';
import { jsonBody, MAX_JSON_BODY_BYTES, readCappedText, request } from './http';

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
      redirect: 'manual',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });
});

describe('a request the platform refuses before sending it', () => {
  // A token no header can carry: Node's fetch (and the browsers') throws a TypeError quoting the header's value.
  test.each([
    ['a line break', 'SECRET-tok\r\nX-Injected: 1'],
    ['a character past Latin-1', 'SECRET-tok€'],
  ])(
    'with %s in the Authorization header: nothing of the header in the error, its message or cause',
    async (_, token) => {
      const failure = await request(
        'http://127.0.0.1:1/rest/v1.1/me',
        { headers: { Authorization: `Bearer ${token}` } },
        'WordPress.com',
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ConnectError);
      const error = failure as ConnectError;
      expect(error.code).toBe('network');
      expect(error.cause).toBe('TypeError');
      expect(`${error.message} ${String(error.cause)} ${JSON.stringify(error)}`).not.toContain('SECRET');
    },
  );
});

describe('a redirect', () => {
  let servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    servers = [];
  });

  async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test.each([301, 302, 307, 308])(
    '%i is not followed, and reads as the redirect it is, not as the network failing',
    async (status) => {
      const reached: string[] = [];
      const elsewhere = await listen((request, response) => {
        reached.push(String(request.headers.authorization));
        response.end('{}');
      });
      const redirecting = await listen((_request, response) => {
        response.writeHead(status, { Location: `${elsewhere}/collect` }).end();
      });
      const failure = await request(
        `${redirecting}/rest/v1.1/me`,
        { headers: { Authorization: 'Bearer secret-token' } },
        'WordPress.com',
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ConnectError);
      expect((failure as ConnectError).code).toBe('invalid_response');
      expect((failure as ConnectError).message).toMatch(
        /WordPress\.com answered with a redirect, which is not followed/,
      );
      expect(reached).toEqual([]);
    },
  );

  test('from the sign-in service, it says what may be wrong', async () => {
    const redirecting = await listen((_request, response) => {
      response.writeHead(301, { Location: 'https://example.invalid/token' }).end();
    });
    const failure = await request(`${redirecting}/token`, { method: 'POST', body: '{}' }, 'proxy').catch(
      (error: unknown) => error,
    );
    expect((failure as ConnectError).code).toBe('invalid_response');
    expect((failure as ConnectError).message).toMatch(/http instead of https/);
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
    expect(await jsonBody(new Response('{"a":[1,"é"]}'), 'WordPress.com')).toEqual({ a: [1, 'é'] });
    expect(await jsonBody(new Response('<html>'), 'WordPress.com')).toBeUndefined();
    expect(await jsonBody(new Response(null), 'WordPress.com')).toBeUndefined();
  });

  test('stops reading an answer longer than its cap, and calls it not JSON', async () => {
    const { response, pulled, cancelled } = endless();
    expect(await jsonBody(response, 'WordPress.com')).toBeUndefined();
    expect(cancelled()).toBe(true);
    expect(pulled()).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES / (64 * 1024) + 2);
  });

  test('an answer of exactly the cap is read', async () => {
    const filler = 'x'.repeat(MAX_JSON_BODY_BYTES - '{"a":""}'.length);
    expect(await jsonBody(new Response(`{"a":"${filler}"}`), 'WordPress.com')).toEqual({ a: filler });
  });
});

describe('a body that stops arriving', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  /** A local server that sends a 200 and the start of a JSON body, then `then` (hang, or break the connection). */
  async function halfAnswer(then: 'hang' | 'break'): Promise<string> {
    const listening = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"ID": 1, ');
      if (then === 'break') setTimeout(() => response.socket?.destroy(), 50);
    });
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/me`;
  }

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error as ConnectError,
    );

  test('past the request’s deadline: a timeout, not an answer that could not be read', async () => {
    const url = await halfAnswer('hang');
    const response = await request(url, { signal: AbortSignal.timeout(300) }, 'WordPress.com');
    expect(response.status).toBe(200);
    const failure = await failureOf(jsonBody(response, 'WordPress.com'));
    expect(failure).toBeInstanceOf(ConnectError);
    expect(failure.code).toBe('timeout');
    expect(failure.message).toMatch(/WordPress\.com/);
  });

  test('the connection broken halfway: WordPress.com could not be reached', async () => {
    const url = await halfAnswer('break');
    const response = await request(url, {}, 'Gravatar');
    const failure = await failureOf(jsonBody(response, 'Gravatar'));
    expect(failure).toBeInstanceOf(ConnectError);
    expect(failure.code).toBe('network');
    expect(failure.message).toMatch(/Gravatar/);
  });
});

describe('readCappedText', () => {
  test('a character cut in two at the limit is left out, not shown as a replacement character', async () => {
    // "é" is two bytes: a limit of 4 cuts the second "é" after its first byte.
    const { text, truncated } = await readCappedText(new Response('aéé'), 4);
    expect(truncated).toBe(true);
    expect(text).toBe('aé');
  });

  test('a whole answer ending in a multi-byte character keeps it', async () => {
    expect(await readCappedText(new Response('aéé'), 5)).toEqual({ text: 'aéé', truncated: false });
  });
});
