/**
 * The upstream call on Node, through undici's `request()` instead of the global `fetch`. Same library
 * (Node's fetch is undici), minus the WHATWG streams layer: the benchmark measured the global fetch at
 * ~470 µs of CPU per exchange and ~70 MB of peak RSS under load (bench/results/proxy-diagnosis.md).
 * It does only what `requestToken` asks of a fetch: a small POST, no redirects, an AbortSignal.
 * Workers keep the platform's fetch.
 */
import { Agent, request } from 'undici';

// Keep-alive connections to the token endpoint, reused across exchanges.
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });

function flatten(headers: Record<string, string | string[] | undefined>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) result.append(name, item);
  }
  return result;
}

export const nodeUpstreamFetch: typeof fetch = async (input, init = {}) => {
  const answer = await request(String(input), {
    dispatcher,
    method: (init.method ?? 'GET') as 'POST',
    headers: Object.fromEntries(new Headers(init.headers)),
    body: init.body === undefined || init.body === null ? null : String(init.body),
    signal: init.signal ?? undefined,
  });
  // undici's request() never follows redirects: a 3xx comes back as it is, like `redirect: 'manual'`.
  const body = await answer.body.text();
  const empty = answer.statusCode === 204 || answer.statusCode === 304;
  return new Response(empty ? null : body, { status: answer.statusCode, headers: flatten(answer.headers) });
};
