/**
 * Property: whatever the token endpoint answers (any status, any text: JSON of the right shape or broken,
 * HTML, huge bodies, error answers that echo what the proxy sent), `processTokenResponse` either returns
 * exactly the documented token fields (only for a 200), or throws a ProxyError the app can answer with: the
 * upstream's own 4xx status and one of RFC 6749's error codes, 429 `upstream_rate_limited` with a wait of 1 s to
 * an hour or none, or 502. What goes back to the client never carries the client secret, the code or the redirect
 * URI, raw or encoded the way they went upstream (whatever the body or the `Retry-After` header held).
 *
 * 10,000 cases. A failure prints fast-check's seed and path; replay it with
 * `FC_SEED=<seed> npx vitest run --project unit proxy/upstream-token.property.test.ts`.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { NUM_RUNS, propertySettings } from '../utils/testing/property-settings';
import { ProxyError } from './errors';
import { processTokenResponse } from './upstream-token';

const settings = propertySettings(90_000);
/** RFC 6749's error codes: the only ones the proxy passes on. */
const KNOWN_CODES = [
  'invalid_grant',
  'invalid_client',
  'unauthorized_client',
  'invalid_request',
  'unsupported_grant_type',
  'invalid_scope',
  'access_denied',
  'temporarily_unavailable',
];

/** Marked so that none of the proxy's own words contain them. */
const visible = fc.stringMatching(/^[\x21-\x7e]{0,40}$/);
const sentValues = fc.record({
  code: visible.map((rest) => `Qc0de${rest}`),
  secret: fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{16,64}$/), visible).map((rest) => `S3cret${rest}`),
  redirectUri: fc.constantFrom(
    'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
    'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/',
  ),
});
type Sent = { code: string; secret: string; redirectUri: string };

/** The ways a value can come back: as is, URL-encoded, or form-encoded as it went upstream. */
function encodings(value: string): string[] {
  return [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)];
}

const TOKEN = {
  access_token: 'a)%&@(^token',
  token_type: 'bearer',
  blog_id: 0,
  blog_url: 'http://public-api.wordpress.com',
  scope: 'auth',
};

/** An error description: plain, long, not plain, or echoing something that was sent. */
const description = (sent: Sent): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom('The code has expired.', 'Invalid client.', '', 'x'.repeat(201), 'a\nb'),
    fc.string(),
    fc
      .tuple(
        fc.constantFrom(sent.code, sent.secret, sent.redirectUri),
        fc.nat({ max: 2 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
      )
      .map(([value, how, before, after]) => `${before}${encodings(value)[how]}${after}`),
    // A piece of one, in another case.
    fc
      .tuple(fc.constantFrom(sent.code, sent.secret, sent.redirectUri), fc.nat({ max: 30 }), fc.boolean())
      .map(([value, start, upper]) => {
        const piece = value.slice(start % value.length, (start % value.length) + 12);
        return `x ${upper ? piece.toUpperCase() : piece} y`;
      }),
    fc.jsonValue(),
  );

/** A good answer: the documented fields in their documented variants, sometimes with extras. */
const goodAnswer = fc
  .record({
    blog_id: fc.constantFrom(0, 5001, '5001', null),
    blog_url: fc.constantFrom(TOKEN.blog_url, 'https://alicewrites.wordpress.com', null),
    token_type: fc.constantFrom('bearer', 'Bearer'),
    scope: fc.constantFrom('auth', 'global', 'posts,media', ''),
    extra: fc.option(fc.jsonValue(), { nil: undefined }),
  })
  .map((fields) => ({ status: 200, text: JSON.stringify({ ...TOKEN, ...fields }) }));

/** `Retry-After`: absent, seconds, HTTP dates, nonsense, or something that was sent. */
const retryAfter = (sent: Sent) =>
  fc.option(
    fc.oneof(
      fc.nat({ max: 100_000 }).map(String),
      fc.integer({ min: -10_000_000, max: 10_000_000_000 }).map((ms) => new Date(Date.now() + ms).toUTCString()),
      fc.constantFrom('soon', '-5', '1.5', '', 'Thu, 31 Feb 2030 00:00:00 GMT', '2030-01-01T00:00:00Z'),
      fc.constantFrom(sent.code, sent.secret, sent.redirectUri),
      fc.string(),
    ),
    { nil: undefined },
  );

const anyAnswer = (sent: Sent) =>
  fc.record({
    retryAfter: retryAfter(sent),
    status: fc.oneof(
      fc.constantFrom(200, 400, 401, 403, 404, 429, 500, 502, 503, 301, 302, 204),
      fc.integer({ min: 100, max: 599 }),
    ),
    text: fc.oneof(
      // Right shape, or nearly.
      fc
        .record(
          {
            access_token: fc.oneof(fc.constant(TOKEN.access_token), fc.string(), fc.jsonValue()),
            token_type: fc.constantFrom('bearer', 'Bearer', 'BEARER', 'mac', '', null),
            blog_id: fc.oneof(fc.nat(), fc.constantFrom('123', '0', '12a', '-1', null, -1, 1.5)),
            blog_url: fc.oneof(fc.constant(TOKEN.blog_url), fc.constant(null), fc.jsonValue()),
            scope: fc.oneof(fc.constantFrom('auth', 'global', 'posts,media', ''), fc.jsonValue()),
            extra: fc.jsonValue(),
          },
          { requiredKeys: [] },
        )
        .map((body) => JSON.stringify(body)),
      // Error answers, some echoing what was sent.
      fc
        .record(
          {
            error: fc.oneof(
              // Known codes half the time: with the statuses above, well over 1% of all cases are passed on.
              { weight: 6, arbitrary: fc.constantFrom(...KNOWN_CODES) },
              fc.constantFrom('invalid_grant', 'invalid_client', 'invalid_request', 'server_error', 'a b', ''),
              fc.constantFrom(sent.code, sent.secret, sent.redirectUri),
              // One in 7-character pieces joined by dots (a review's way past a fragment check).
              fc.constantFrom(sent.code, sent.secret).map((value) => (value.match(/.{1,7}/g) ?? []).join('.')),
              // A piece of one, in either case, inside an otherwise plain code.
              fc
                .tuple(fc.constantFrom(sent.code, sent.secret), fc.nat({ max: 30 }), fc.boolean())
                .map(([value, start, upper]) => {
                  const piece = value.slice(start % value.length, (start % value.length) + 10);
                  return `e_${upper ? piece.toUpperCase() : piece}`;
                }),
              fc.string(),
            ),
            error_description: description(sent),
          },
          { requiredKeys: ['error'] },
        )
        .map((body) => JSON.stringify(body)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.constantFrom(
        '<html><body>Bad gateway</body></html>',
        '',
        'null',
        `{"access_token":"${'x'.repeat(70_000)}","token_type":"bearer","blog_id":0,"blog_url":null,"scope":"auth"}`,
      ),
      fc.string(),
    ),
  });

const answerFor = (sent: Sent) =>
  fc.oneof({ weight: 1, arbitrary: goodAnswer }, { weight: 4, arbitrary: anyAnswer(sent) });

test(`any upstream answer: the token fields or a ProxyError, never an echo of what was sent (${NUM_RUNS} runs)`, () => {
  const outcomes = { token: 0, passedOn: 0, upstreamError: 0, rateLimited: 0 };
  fc.assert(
    fc.property(
      sentValues.chain((sent) => fc.tuple(fc.constant(sent), answerFor(sent))),
      ([sent, answer]) => {
        let token: ReturnType<typeof processTokenResponse>;
        try {
          token = processTokenResponse(answer);
        } catch (error) {
          if (!(error instanceof ProxyError)) throw new Error(`not a ProxyError: ${String(error)}`);
          const shown = `${error.code} ${error.message}`.toLowerCase();
          for (const value of [sent.code, sent.secret, sent.redirectUri]) {
            for (const form of encodings(value)) {
              // No run of 8 characters of anything sent, in any case (the proxy's own words are marked free of them).
              for (let start = 0; start + 8 <= form.length; start += 1) {
                const piece = form.slice(start, start + 8).toLowerCase();
                if (shown.includes(piece)) throw new Error(`a piece of a sent value echoed: ${JSON.stringify(shown)}`);
              }
            }
          }
          if (error.status === 502) {
            expect(error.code).toBe('upstream_error');
            outcomes.upstreamError += 1;
          } else if (error.status === 429) {
            // Any 429, whatever its body: WordPress.com's limit, with a wait the extension can trust, or none.
            expect(answer.status).toBe(429);
            expect(error.code).toBe('upstream_rate_limited');
            const wait = error.retryAfterSeconds;
            expect(wait === undefined || (Number.isInteger(wait) && wait >= 1 && wait <= 3600)).toBe(true);
            expect(error.message).toMatch(/^[\x20-\x7e]{0,200}$/);
            outcomes.rateLimited += 1;
          } else {
            // A 4xx is passed on only as the upstream's own status, with a plain OAuth code and plain words.
            expect(error.status).toBe(answer.status);
            expect(error.status >= 400 && error.status < 500).toBe(true);
            expect(KNOWN_CODES).toContain(error.code);
            expect(error.message).toMatch(/^[\x20-\x7e]{0,200}$/);
            outcomes.passedOn += 1;
          }
          return;
        }
        expect(answer.status).toBe(200);
        expect(Object.keys(token).sort()).toEqual(['access_token', 'blog_id', 'blog_url', 'scope', 'token_type']);
        expect(token.token_type).toBe('bearer');
        expect(token.access_token.length).toBeGreaterThan(0);
        expect(token.blog_id === null || Number.isSafeInteger(token.blog_id)).toBe(true);
        outcomes.token += 1;
      },
    ),
    settings,
  );
  // Not vacuous: every branch was taken.
  expect(outcomes.token).toBeGreaterThan(NUM_RUNS / 100);
  expect(outcomes.passedOn).toBeGreaterThan(NUM_RUNS / 100);
  expect(outcomes.upstreamError).toBeGreaterThan(NUM_RUNS / 10);
  expect(outcomes.rateLimited).toBeGreaterThan(NUM_RUNS / 100);
}, 120_000);
