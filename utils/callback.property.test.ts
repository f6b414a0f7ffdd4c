/**
 * Property: whatever URL the auth window ends on (any string, or a real callback with its state changed,
 * missing, repeated or re-cased, extra parameters, fragments, other origins and paths, error answers,
 * unicode), `codeFromCallback` either returns the code of a callback that belongs to the pending flow, or
 * throws a ConnectError with one of our codes. Never a code when the state differs or is missing, when no
 * flow is pending or it expired; never another exception; never the code or the state in an error.
 *
 * 10,000 cases per property. A failure prints fast-check's seed and path; replay it with
 * `FC_SEED=<seed> npx vitest run --project unit utils/callback.property.test.ts`.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { codeFromCallback } from './callback';
import { ConnectError, type ErrorCode } from './errors';
import type { PendingFlow } from './pending-flow';
import { NUM_RUNS, propertySettings } from './testing/property-settings';

const settings = propertySettings(90_000);

/** What this parser may answer with; anything else (or any other exception) fails the property. */
const CALLBACK_CODES: readonly ErrorCode[] = [
  'state_mismatch',
  'invalid_response',
  'access_denied',
  'exchange_failed',
  'service_unavailable',
];

/** Chromium's and Firefox's redirect URIs (the only shapes `identity.getRedirectURL` makes), and one with a path. */
const REDIRECTS = [
  'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
  'https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/',
  'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/callback',
];

/** Marked so that no generated text contains it by chance. */
const CODE_MARK = 'Kq7-code-';

const state = fc.stringMatching(/^[A-Za-z0-9_-]{22,64}$/);
const flow: fc.Arbitrary<PendingFlow> = fc.record({
  state,
  redirectUri: fc.constantFrom(...REDIRECTS),
  access: fc.constant({ level: 'profile' as const }),
  expiresAt: fc.integer({ min: 1_000_000, max: 4_000_000_000_000 }),
});

/** `now` before, at, or after the expiry. */
const nowFor = (pending: PendingFlow) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 600_000 }).map((d) => pending.expiresAt - d) },
    { weight: 1, arbitrary: fc.constant(pending.expiresAt) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 600_000 }).map((d) => pending.expiresAt + d) },
  );

/** Codes as WordPress.com sends them, or anything (well-formed unicode, so it survives URL encoding). */
const code = fc
  .oneof(fc.stringMatching(/^[A-Za-z0-9]{1,40}$/), fc.string({ unit: 'grapheme', maxLength: 40 }))
  .map((rest) => `${CODE_MARK}${rest}`);

const lookalikes = ['\u0410', '\u0430', '\u0391', '\u03bf', '\uff21', '\u200b', '\u00a0', '\u0301', '%', '+', ' '];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** The flow's state, changed in one of the ways an attacker (or a broken server) would try. */
function mutatedState(s: string): fc.Arbitrary<string> {
  const at = fc.nat({ max: s.length - 1 });
  const swapCase = (c: string) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase());
  return fc.oneof(
    // One character replaced by another of the alphabet, or by a lookalike.
    fc.tuple(at, fc.constantFrom(...ALPHABET, ...lookalikes)).map(([i, c]) => `${s.slice(0, i)}${c}${s.slice(i + 1)}`),
    at.map((i) => `${s.slice(0, i)}${s.slice(i + 1)}`),
    fc.tuple(at, fc.constantFrom(...ALPHABET, ...lookalikes)).map(([i, c]) => `${s.slice(0, i)}${c}${s.slice(i)}`),
    at.map((i) => `${s.slice(0, i)}${swapCase(s[i] as string)}${s.slice(i + 1)}`),
    fc.constant(s.toUpperCase()),
    fc.constant(s.toLowerCase()),
    fc.constant(` ${s}`),
    fc.constant(`${s} `),
    fc.constant(s.slice(0, -1)),
    fc.constant(s.normalize('NFKC')),
    fc.string().map((other) => `${s}${other}`),
    fc.string(),
  );
}

type Pair = [string, string];

/** The `state` parameters of a callback: right, missing, empty, repeated, mixed, or changed. */
const statePairs = (s: string): fc.Arbitrary<Pair[]> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant([['state', s]] as Pair[]) },
    { weight: 2, arbitrary: fc.constant([] as Pair[]) },
    { weight: 1, arbitrary: fc.constant([['state', '']] as Pair[]) },
    {
      weight: 1,
      arbitrary: fc.constant([
        ['state', s],
        ['state', s],
      ] as Pair[]),
    },
    {
      weight: 1,
      arbitrary: mutatedState(s).map(
        (other) =>
          [
            ['state', s],
            ['state', other],
          ] as Pair[],
      ),
    },
    {
      weight: 1,
      arbitrary: mutatedState(s).map(
        (other) =>
          [
            ['state', other],
            ['state', s],
          ] as Pair[],
      ),
    },
    { weight: 4, arbitrary: mutatedState(s).map((other) => [['state', other]] as Pair[]) },
    // A near name that is not `state`.
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('State', 'STATE', 'state ', ' state', 'stat', 'state[]', 'st%61te')
        .map((name) => [[name, s]] as Pair[]),
    },
  );

const codePairs = (c: string): fc.Arbitrary<Pair[]> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant([['code', c]] as Pair[]) },
    { weight: 1, arbitrary: fc.constant([] as Pair[]) },
    { weight: 1, arbitrary: fc.constant([['code', '']] as Pair[]) },
    {
      weight: 1,
      arbitrary: code.map(
        (other) =>
          [
            ['code', c],
            ['code', other],
          ] as Pair[],
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constant([
        ['code', c],
        ['code', c],
      ] as Pair[]),
    },
    { weight: 1, arbitrary: fc.constant([['Code', c]] as Pair[]) },
  );

const errorPairs: fc.Arbitrary<Pair[]> = fc.oneof(
  { weight: 10, arbitrary: fc.constant([] as Pair[]) },
  { weight: 2, arbitrary: fc.constant([['error', 'access_denied']] as Pair[]) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('temporarily_unavailable', 'server_error').map((e) => [['error', e]] as Pair[]),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z_]{1,20}$/).map((e) => [['error', e]] as Pair[]) },
  { weight: 1, arbitrary: fc.string().map((e) => [['error', e]] as Pair[]) },
  {
    weight: 1,
    arbitrary: fc.constant([
      ['error', 'access_denied'],
      ['error', 'server_error'],
    ] as Pair[]),
  },
  {
    weight: 1,
    arbitrary: fc.string().map(
      (d) =>
        [
          ['error', 'invalid_scope'],
          ['error_description', d],
        ] as Pair[],
    ),
  },
);

/** Other parameters: harmless ones, the ones oauth4webapi treats specially, and arbitrary ones. */
const extraPairs: fc.Arbitrary<Pair[]> = fc.array(
  fc.tuple(
    fc.oneof(
      fc.constantFrom(
        'scope',
        'foo',
        'iss',
        'response',
        'id_token',
        'token',
        'error_description',
        'session_state',
        '__proto__',
        'constructor',
        'toString',
      ),
      fc.string(),
    ),
    fc.oneof(fc.constant('https://public-api.wordpress.com'), fc.string(), fc.string({ unit: 'grapheme' })),
  ),
  { maxLength: 3 },
);

/** Where the answer came back to: our redirect URI, or somewhere like it. */
function baseFor(redirect: string): fc.Arbitrary<string> {
  const url = new URL(redirect);
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant(redirect) },
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        redirect.replace(url.host, url.host.toUpperCase()),
        redirect.replace('https://', 'http://'),
        redirect.replace(url.host, `${url.host}:443`),
        redirect.replace(url.host, `${url.host}:8443`),
        redirect.replace(url.host, `user:pass@${url.host}`),
        redirect.replace(url.host, `evil.${url.host}`),
        redirect.replace(url.host, `${url.host}.evil.example`),
        redirect.replace(url.host, 'evil.example'),
        redirect.replace('https://', 'https:\\\\'),
        `${redirect}x`,
        `${redirect}/`,
        `${redirect}/../`,
        `${url.origin}/other`,
        `${url.origin}//`,
        `${url.origin}/%2e/`,
        `https://evil.example/?next=${encodeURIComponent(redirect)}`,
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
        'javascript:alert(1)//',
        'data:text/html,',
      ),
    },
    { weight: 1, arbitrary: fc.webUrl() },
  );
}

const separator = fc.constantFrom('&', '&', '&', ';', '&&');

/** Serialises the pairs: properly encoded, raw, or every character percent-encoded. */
function query(pairs: Pair[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom('encoded', 'raw', 'component'), separator).map(([how, sep]) => {
    if (how === 'encoded') return new URLSearchParams(pairs).toString();
    if (how === 'raw') return pairs.map(([k, v]) => `${k}=${v}`).join(sep);
    return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join(sep);
  });
}

const fragment = (s: string, c: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constant('#') },
    { weight: 1, arbitrary: fc.constant(`#code=${c}&state=${s}`) },
    { weight: 1, arbitrary: fc.string().map((f) => `#${f}`) },
  );

interface Case {
  url: string;
  pending: PendingFlow | undefined;
  now: number;
  /** The code and state of the callback this case was built from (to look for in error messages). */
  code: string;
  state: string;
}

/** A callback built from a real one and taken apart. */
const mutatedCallback: fc.Arbitrary<Case> = flow.chain((pending) =>
  fc
    .record({
      c: code,
      pendingShown: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      now: nowFor(pending),
      base: baseFor(pending.redirectUri),
    })
    .chain(({ c, pendingShown, now, base }) =>
      fc
        .tuple(statePairs(pending.state), codePairs(c), errorPairs, extraPairs)
        .chain(([s, k, e, x]) => {
          const pairs = [...s, ...k, ...e, ...x];
          return fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length });
        })
        .chain((pairs) => fc.tuple(query(pairs), fragment(pending.state, c)))
        .map(([q, f]) => ({
          url: `${base}${q === '' ? '' : `?${q}`}${f}`,
          pending: pendingShown ? pending : undefined,
          now,
          code: c,
          state: pending.state,
        })),
    ),
);

/** Any string at all as the callback URL, with a pending flow or none. */
const anyString: fc.Arbitrary<Case> = fc
  .tuple(
    fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webUrl({ withQueryParameters: true, withFragments: true })),
    // `now` relative to the expiry (two independent large numbers shrink very slowly).
    fc.option(
      flow.chain((pending) => fc.tuple(fc.constant(pending), nowFor(pending))),
      { nil: undefined },
    ),
  )
  .map(([url, live]) => ({
    url,
    pending: live?.[0],
    now: live?.[1] ?? 1_800_000_000_000,
    code: `${CODE_MARK}none`,
    state: live?.[0].state ?? '',
  }));

function parses(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Everything that must hold for a code to be handed out; checked independently of the code under test. */
function mayYieldCode(c: Case): boolean {
  const { pending, now } = c;
  if (!pending || now > pending.expiresAt) return false;
  const url = parses(c.url);
  if (!url) return false;
  const expected = new URL(pending.redirectUri);
  const params = url.searchParams;
  const states = params.getAll('state');
  const codes = params.getAll('code');
  const errors = params.getAll('error');
  return (
    url.origin === expected.origin &&
    url.pathname === expected.pathname &&
    states.length === 1 &&
    states[0] === pending.state &&
    codes.length === 1 &&
    codes[0] !== '' &&
    errors.every((e) => e === '') &&
    errors.length <= 1
  );
}

/** Runs the parser on one case and checks the answer; returns whether a code came out. */
function check(c: Case): boolean {
  let result: string;
  try {
    result = codeFromCallback(c.url, c.pending, c.now);
  } catch (error) {
    if (!(error instanceof ConnectError)) throw new Error(`not a ConnectError: ${String(error)}`);
    if (!CALLBACK_CODES.includes(error.code)) throw new Error(`unexpected code ${error.code}`);
    const shown = `${error.message} ${JSON.stringify(error.cause ?? '')}`;
    if (shown.includes(CODE_MARK) || shown.includes(c.code)) throw new Error('the code is in the error');
    if (c.state !== '' && shown.includes(c.state)) throw new Error('the state is in the error');
    if (error.providerError !== undefined && !/^[a-z_]{1,64}$/.test(error.providerError)) {
      throw new Error('an unchecked provider error');
    }
    // Without a pending, unexpired flow nothing else is even looked at.
    if ((!c.pending || c.now > c.pending.expiresAt) && error.code !== 'state_mismatch') {
      throw new Error(`no live flow, yet ${error.code}`);
    }
    // A denial (or any provider error) is believed only from an answer that carries this flow's state.
    if (error.code === 'access_denied' || error.code === 'exchange_failed' || error.code === 'service_unavailable') {
      const states = parses(c.url)?.searchParams.getAll('state') ?? [];
      if (states.length !== 1 || states[0] !== c.pending?.state) throw new Error(`${error.code} without the state`);
    }
    return false;
  }
  if (!mayYieldCode(c)) throw new Error(`a code came out of ${JSON.stringify(c.url)}`);
  // The one code of that callback, not some other text.
  if (result !== parses(c.url)?.searchParams.get('code')) throw new Error('a code other than the callback’s');
  return true;
}

test(`a callback yields its code only with this flow's state, in time (${NUM_RUNS} mutated callbacks)`, () => {
  let codes = 0;
  fc.assert(
    fc.property(mutatedCallback, (c) => {
      if (check(c)) codes += 1;
    }),
    settings,
  );
  // Not vacuous: a fair share of the callbacks were good ones and were accepted.
  // (About 5% are expected; the bound leaves room for the random mix, so the check cannot flake.)
  expect(codes).toBeGreaterThan(NUM_RUNS / 40);
}, 120_000);

test(`any string as the callback: a code only for a real callback, else a typed error (${NUM_RUNS} runs)`, () => {
  fc.assert(
    fc.property(anyString, (c) => {
      check(c);
    }),
    settings,
  );
}, 120_000);

test(`a well-formed callback for the live flow always yields its code (${NUM_RUNS} runs)`, () => {
  const harmless = fc.array(
    fc.tuple(
      fc.constantFrom('scope', 'foo', 'session_state', 'error_description'),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    ),
    { maxLength: 2 },
  );
  const good = flow.chain((pending) =>
    fc.record({
      pending: fc.constant(pending),
      now: fc.integer({ min: 0, max: 600_000 }).map((d) => pending.expiresAt - d),
      c: code,
      extra: harmless,
      iss: fc.boolean(),
      hash: fc.constantFrom('', '#', '#_=_'),
    }),
  );
  fc.assert(
    fc.property(good, ({ pending, now, c, extra, iss, hash }) => {
      const params = new URLSearchParams([
        ['code', c],
        ['state', pending.state],
        ...extra,
        ...(iss ? [['iss', 'https://public-api.wordpress.com']] : []),
      ]);
      expect(codeFromCallback(`${pending.redirectUri}?${params}${hash}`, pending, now)).toBe(c);
    }),
    settings,
  );
}, 120_000);
