/**
 * Property: whatever an internet client sends the proxy (any method, path, query, headers, `Origin`, body),
 * the answer is one the proxy means to give (a JSON error with one of its codes, the preflight, the health
 * answers, or a token for a well-formed exchange from a listed origin), never a 500; the token endpoint is
 * called only for a request that passed every check; and the request leaves exactly one log line holding
 * only the seven documented fields: nothing the client sent in the query, the headers or the body, and no
 * line break a client could use to forge a second line.
 *
 * In process (`app.request`), with a stub token endpoint. 10,000 cases. A failure prints fast-check's seed
 * and path; replay it with `FC_SEED=<seed> npx vitest run --project unit proxy/app.property.test.ts`.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  SANDBOX_API_CLIENT_ID,
  SANDBOX_CLIENT_ID,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_REDIRECT_URI,
} from '../sandbox/sandbox-config';
import { sandboxProxyEnv } from '../sandbox/sandbox-proxy';
import { NUM_RUNS, propertySettings } from '../utils/testing/property-settings';
import { createProxyApp, type RequestLogEntry } from './app';
import { parseProxyConfig } from './config';
import { OTHER_PATH } from './request-log';
import type { UpstreamPost } from './upstream-token';

const settings = propertySettings(90_000);

/** In everything the client sends, the path too: it must never reach the log. */
const MARK = 'Mk9-client-text';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROXY_CODES = [
  'origin_not_allowed',
  'invalid_request',
  'method_not_allowed',
  'unsupported_media_type',
  'not_found',
];
const LOG_FIELDS = ['clientIpHash', 'durationMs', 'method', 'path', 'requestId', 'status', 'time'];

const logs: RequestLogEntry[] = [];
const upstreamCalls: string[] = [];
const upstream: UpstreamPost = async (_url, form) => {
  upstreamCalls.push(form);
  return {
    status: 200,
    text: JSON.stringify({ access_token: 'tok', token_type: 'bearer', blog_id: 0, blog_url: null, scope: 'auth' }),
  };
};
const app = createProxyApp(
  parseProxyConfig(
    sandboxProxyEnv('http://127.0.0.1:1/token', {
      // Limits have their own tests (hardening.test.ts); here every request must reach the other checks.
      PROXY_RATE_LIMIT_PER_MINUTE: '0',
      PROXY_CLIENT_IP_HEADER: 'X-Forwarded-For',
    }),
  ),
  { upstream, log: (entry) => logs.push(entry) },
);

/** Path segments: plain, encoded, dot segments, and encoded line breaks, quotes and backslashes. */
const segment = fc.oneof(
  fc.constantFrom(
    'token',
    'healthz',
    'readyz',
    'TOKEN',
    '..',
    '.',
    '%2e%2e',
    '%0a',
    '%0d%0a',
    '%22',
    '%5c',
    '%00',
    '%ff',
    // Separators some log viewers break lines on, which JSON.stringify leaves as they are.
    '%E2%80%A8',
    '%E2%80%A9',
    '%C2%85',
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map(encodeURIComponent),
);
const path = fc.oneof(
  { weight: 6, arbitrary: fc.constant('/token') },
  { weight: 2, arbitrary: fc.constantFrom('/healthz', '/readyz', '/') },
  { weight: 3, arbitrary: fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`) },
  { weight: 1, arbitrary: fc.constantFrom('/token/', '//token', '/token%0a{"status":200}', '/token;x') },
  // A code sent in the path by mistake, alone or under a route.
  { weight: 1, arbitrary: fc.constantFrom(`/${MARK}`, `/token/${MARK}`, `/healthz/${MARK}`) },
);
const query = fc.oneof(
  fc.constant(''),
  fc.constant(`?code=${MARK}&redirect_uri=${encodeURIComponent(SANDBOX_REDIRECT_URI)}`),
  fc.string().map((q) => `?${MARK}=${encodeURIComponent(q)}`),
);
const origin = fc.oneof(
  { weight: 5, arbitrary: fc.constant(SANDBOX_EXTENSION_ORIGIN) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      'null',
      '',
      `${SANDBOX_EXTENSION_ORIGIN}/`,
      SANDBOX_EXTENSION_ORIGIN.toUpperCase(),
      `${SANDBOX_EXTENSION_ORIGIN}.evil.example`,
      'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'https://evil.example',
    ),
  },
  { weight: 1, arbitrary: fc.webUrl().map((u) => new URL(u).origin) },
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'Application/JSON; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
);
const goodBody = fc.constantFrom(
  JSON.stringify({ code: `${MARK}-code`, redirect_uri: SANDBOX_REDIRECT_URI }),
  JSON.stringify({ redirect_uri: SANDBOX_REDIRECT_URI, code: `${MARK}!#$%&()*+,./:;<=>?@[]^_{|}~` }),
  JSON.stringify({ code: `${MARK}-code`, redirect_uri: SANDBOX_REDIRECT_URI, client_id: SANDBOX_API_CLIENT_ID }),
);
const body = fc.oneof(
  { weight: 4, arbitrary: goodBody },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      JSON.stringify({ code: `${MARK}-code`, redirect_uri: `${SANDBOX_REDIRECT_URI}other` }),
      // Not one of the proxy's two apps.
      JSON.stringify({ code: `${MARK}-code`, redirect_uri: SANDBOX_REDIRECT_URI, client_id: '99001' }),
      JSON.stringify({ code: `${MARK}-code`, redirect_uri: SANDBOX_REDIRECT_URI, client_id: MARK }),
      JSON.stringify({ code: `${MARK} with space`, redirect_uri: SANDBOX_REDIRECT_URI }),
      JSON.stringify({ code: '', redirect_uri: SANDBOX_REDIRECT_URI }),
      JSON.stringify({ code: `${MARK}${'x'.repeat(600)}`, redirect_uri: SANDBOX_REDIRECT_URI }),
      JSON.stringify({ code: [MARK], redirect_uri: SANDBOX_REDIRECT_URI }),
      JSON.stringify([MARK]),
      `{"code":"${MARK}",`,
      `${MARK}${'x'.repeat(5000)}`,
      '',
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify({ [MARK]: v }) ?? '') },
  { weight: 1, arbitrary: fc.string().map((s) => `${MARK}${s}`) },
);

const clientRequest = fc.record({
  method: fc.oneof(
    { weight: 6, arbitrary: fc.constant('POST') },
    { weight: 3, arbitrary: fc.constantFrom('GET', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'HEAD') },
  ),
  path,
  query,
  origin,
  contentType,
  body,
  // A plain one (which a request-id middleware would take over as is) or one trying to forge a log line.
  requestId: fc.constantFrom(MARK, `${MARK}\\n{"forged":true}`),
  forwardedFor: fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('203.0.113.9', `${MARK}, 198.51.100.7`, `198.51.100.7, ${MARK}`, `${MARK}\u0085x`),
  ),
});

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

test(`any client request: an intended answer, upstream only when every check passed, one clean log line (${NUM_RUNS} runs)`, async () => {
  const seen = { token: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(clientRequest, async (r) => {
      const headers: Record<string, string> = {
        'X-Request-Id': r.requestId,
        'User-Agent': `${MARK}-agent`,
        Cookie: `session=${MARK}`,
        Authorization: `Bearer ${MARK}`,
      };
      if (r.origin !== undefined) headers.Origin = r.origin;
      if (r.contentType !== undefined) headers['Content-Type'] = r.contentType;
      if (r.forwardedFor !== undefined) headers['X-Forwarded-For'] = r.forwardedFor;
      const logsBefore = logs.length;
      const callsBefore = upstreamCalls.length;

      const response = await app.request(`http://proxy.example${r.path}${r.query}`, {
        method: r.method,
        headers,
        ...(METHODS_WITH_BODY.has(r.method) ? { body: r.body } : {}),
      });
      const text = await response.text();

      // An intended answer.
      expect(response.status).not.toBe(500);
      expect(response.headers.get('x-request-id')).toMatch(UUID);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const url = new URL(`http://proxy.example${r.path}`);
      const listed = r.origin === SANDBOX_EXTENSION_ORIGIN;
      const cors = response.headers.get('access-control-allow-origin');
      if (cors !== null) expect(cors).toBe(SANDBOX_EXTENSION_ORIGIN);
      // Nothing the proxy answers is for a cache: a token, an error about this request, a readiness verdict.
      expect(response.headers.get('cache-control')).toBe('no-store');
      if (url.pathname === '/token') expect(response.headers.get('pragma')).toBe('no-cache');
      const upstreamUsed = upstreamCalls.length - callsBefore;
      if (response.status === 200 && url.pathname === '/token') {
        // A token only for a well-formed exchange from the listed origin for the listed redirect URI, after one call
        // upstream.
        expect([r.method, listed, upstreamUsed]).toEqual(['POST', true, 1]);
        const sent = JSON.parse(r.body ?? '{}');
        expect(sent.redirect_uri).toBe(SANDBOX_REDIRECT_URI);
        expect([undefined, SANDBOX_CLIENT_ID, SANDBOX_API_CLIENT_ID]).toContain(sent.client_id);
        expect(JSON.parse(text)).toEqual({
          access_token: 'tok',
          token_type: 'bearer',
          blog_id: 0,
          blog_url: null,
          scope: 'auth',
        });
        seen.token += 1;
      } else {
        expect(upstreamUsed).toBe(0);
        if (response.status >= 400) {
          // (A HEAD answer has no body to read.)
          if (r.method !== 'HEAD') expect(PROXY_CODES).toContain(JSON.parse(text).error);
          if (!listed && url.pathname === '/token' && ['POST', 'OPTIONS'].includes(r.method)) {
            expect(response.status).toBe(403);
          }
          // Refusals never quote what the client sent.
          expect(text).not.toContain(MARK);
          seen.refused += 1;
        }
      }

      // One log line, the documented fields only, nothing the client sent but the path.
      const entries = logs.slice(logsBefore);
      expect(entries).toHaveLength(1);
      const entry = entries[0] as RequestLogEntry;
      expect(Object.keys(entry).sort()).toEqual(LOG_FIELDS);
      expect(entry.requestId).toBe(response.headers.get('x-request-id'));
      expect(entry.status).toBe(response.status);
      // The route, or OTHER_PATH: no text of the client's, so nothing that could end or fake a log line.
      expect(entry.path).toBe(['/token', '/healthz', '/readyz'].includes(url.pathname) ? url.pathname : OTHER_PATH);
      expect(entry.clientIpHash === null || /^[0-9a-f]{16}$/.test(entry.clientIpHash)).toBe(true);
      const line = `${JSON.stringify(entry)}\n`;
      expect(line.indexOf('\n')).toBe(line.length - 1);
      expect(line).not.toMatch(/[\r\u2028\u2029]/);
      expect(line).not.toContain(MARK);
    }),
    settings,
  );
  // Not vacuous: exchanges went through, and refusals of every kind were seen.
  expect(seen.token).toBeGreaterThan(NUM_RUNS / 50);
  expect(seen.refused).toBeGreaterThan(NUM_RUNS / 4);
}, 120_000);
