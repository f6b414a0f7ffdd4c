/**
 * Property: whatever a person (or a compromised page) puts in the console's parameters, the request goes
 * to the configured API and nowhere else, and the token travels only in the Authorization header.
 *
 * Runs 10,000 cases per API URL. A failure prints fast-check's seed and path; replay it with
 * `FC_SEED=<seed> npx vitest run --project unit utils/endpoint-request.property.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { SITE_SCOPES } from './access';
import { TOKEN_KINDS } from './connection';
import { ENDPOINTS, type EndpointSpec } from './endpoint-catalogue';
import { buildEndpointRequest, type RequestConnection } from './endpoint-request';
import { ConnectError, ERROR_CODES } from './errors';

const NUM_RUNS = 10_000;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const settings = { numRuns: NUM_RUNS, ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}) };

/** Marked so that no generated parameter contains it by chance. */
const TOKEN_MARK = 'QzX9-token-7f3a9c';

/** The pieces attacks are made of, mixed with arbitrary text. */
const crafted = fc.constantFrom(
  '..',
  '.',
  '/',
  '//',
  '@',
  '%2f',
  '%2F',
  '%2e',
  '%2e%2e',
  '%2E%2E',
  '%252e%252e',
  '\\',
  '?',
  '#',
  '&',
  '=',
  ':',
  '%00',
  '\u0000',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\u3000',
  '\u202e',
  '\ufeff',
  'ｅｘａｍｐｌｅ．ｃｏｍ',
  '․․',
  '..%2f',
  '..\\',
  '/../../oauth2/token',
  'https://evil.example/',
  'http://127.0.0.1:9999/rest/',
  '//evil.example/rest/',
  'javascript:alert(1)',
  'user:pass@evil.example',
  'evil.example',
  'example.wordpress.com',
  'alicewrites.wordpress.com',
  'ALICEWRITES.WORDPRESS.COM',
  '5001',
  '0005001',
  '99999999999999999999',
  'publish',
  'any',
  '100',
  '1',
  '0',
  '-1',
);

const piece = fc.oneof(
  { weight: 4, arbitrary: crafted },
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.webUrl() },
  { weight: 1, arbitrary: fc.domain() },
  { weight: 1, arbitrary: fc.nat().map(String) },
);

/** A parameter value: sometimes one clean piece (so some calls go through), often a mix. */
const value = fc.oneof(
  piece,
  fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
);

const connection: fc.Arbitrary<RequestConnection> = fc.record({
  accessToken: fc.string({ unit: 'binary', maxLength: 40 }).map((rest) => `${TOKEN_MARK})%&@(^${rest}`),
  kind: fc.constantFrom(...TOKEN_KINDS),
  scope: fc.subarray([...SITE_SCOPES], { maxLength: 4 }),
  blogId: fc.option(fc.constantFrom(5001, 5002, 0, 12345678901234), { nil: null }),
  blogUrl: fc.option(
    fc.oneof(fc.constantFrom('https://alicewrites.wordpress.com', 'not a url', 'https://x.example/blog'), fc.webUrl()),
    { nil: null },
  ),
});

/** Values for the endpoint's own parameters (any subset), sometimes with a stray extra name. */
function paramsFor(endpoint: EndpointSpec): fc.Arbitrary<Record<string, string>> {
  const own = fc.record(Object.fromEntries(endpoint.params.map((param) => [param.name, value])), {
    requiredKeys: [],
  }) as fc.Arbitrary<Record<string, string>>;
  // One call in eight carries a name the endpoint does not take.
  const strayName = fc.oneof(fc.constantFrom('fields', '__proto__', 'constructor', '../x', ''), fc.string());
  const extra = fc.oneof(
    { weight: 7, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.tuple(strayName, value) },
  );
  return fc.tuple(own, extra).map(([params, stray]) => {
    const all: Record<string, string> = { ...params };
    if (stray)
      Object.defineProperty(all, stray[0], { value: stray[1], enumerable: true, configurable: true, writable: true });
    return all;
  });
}

/**
 * The catalogue with every parameter schema replaced by one that accepts anything: what is left between a
 * value and the URL is the defence in depth (path value checks, the final origin and path assertion).
 */
const LOOSE_ENDPOINTS: EndpointSpec[] = ENDPOINTS.map((endpoint) => ({
  ...endpoint,
  params: endpoint.params.map((param) => ({ ...param, schema: z.string() })),
}));

const callsOf = (endpoints: readonly EndpointSpec[]) =>
  fc
    .constantFrom(...endpoints)
    .chain((endpoint) => fc.record({ endpoint: fc.constant(endpoint), params: paramsFor(endpoint), connection }));

const callArbitrary = callsOf(ENDPOINTS);

const REFUSALS = new Set(['invalid_params', 'scope_insufficient']);

function checkOne(apiUrl: string, endpoint: EndpointSpec, params: Record<string, string>, conn: RequestConnection) {
  const api = new URL(apiUrl);
  let built: ReturnType<typeof buildEndpointRequest>;
  try {
    built = buildEndpointRequest(apiUrl, endpoint, params, conn);
  } catch (error) {
    // Refused: a typed error with one of our codes, and the token nowhere in it.
    if (!(error instanceof ConnectError)) throw error;
    if (!ERROR_CODES.includes(error.code) || !REFUSALS.has(error.code))
      throw new Error(`unexpected code ${error.code}`);
    if (error.message.includes(TOKEN_MARK)) throw new Error('the token is in an error message');
    return false;
  }
  const { url, headers } = built;
  const segments = url.pathname.split('/');
  const ok =
    url.origin === api.origin &&
    url.pathname.startsWith('/rest/') &&
    segments.every((segment) => !/^(\.|%2e){1,2}$/i.test(segment)) &&
    // Exactly the template's segments: nothing injected.
    segments.length === `/rest${endpoint.path}`.split('/').length &&
    url.username === '' &&
    url.password === '' &&
    url.hash === '' &&
    [...url.searchParams.keys()].every((key) => endpoint.params.some((p) => p.in === 'query' && p.name === key)) &&
    !url.href.includes(TOKEN_MARK) &&
    !safeDecode(url.href).includes(TOKEN_MARK) &&
    headers.Authorization === `Bearer ${conn.accessToken}` &&
    headers.Accept === 'application/json' &&
    Object.keys(headers).length === 2;
  if (!ok) throw new Error(`unsafe request: ${url.href}`);
  return true;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

describe.each(['https://public-api.wordpress.com/rest', 'http://127.0.0.1:8790/rest'])(
  'console requests against %s',
  (apiUrl) => {
    test(`stay on the API, whatever the parameters (${NUM_RUNS} runs)`, () => {
      let sent = 0;
      fc.assert(
        fc.property(callArbitrary, ({ endpoint, params, connection: conn }) => {
          if (checkOne(apiUrl, endpoint, params, conn)) sent += 1;
        }),
        settings,
      );
      // Not vacuous: a fair share of the calls were built and checked.
      expect(sent).toBeGreaterThan(NUM_RUNS / 10);
    }, 120_000);
  },
);

test(`with schemas that let anything through, the last checks still keep requests on the API (${NUM_RUNS} runs)`, () => {
  const apiUrl = 'https://public-api.wordpress.com/rest';
  let sent = 0;
  fc.assert(
    fc.property(callsOf(LOOSE_ENDPOINTS), ({ endpoint, params, connection: conn }) => {
      if (checkOne(apiUrl, endpoint, params, conn)) sent += 1;
    }),
    settings,
  );
  expect(sent).toBeGreaterThan(NUM_RUNS / 10);
}, 120_000);
