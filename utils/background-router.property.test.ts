/**
 * Property: whatever a page or another extension sends the background (any value, near-valid requests with
 * wrong types, extra fields, huge strings or prototype-pollution keys) and whoever the sender claims to be,
 * `handleMessage` answers with a typed response the pages can parse: `ok: true` with a valid state, or
 * `ok: false` with one of our codes. It never throws or rejects, never hands out a token, and a message that
 * does not validate, or one from anyone but our own pages, changes no stored data and tells no page anything.
 *
 * Only messages that validate may do I/O, so the "changes nothing" runs use invalid messages from our own
 * pages, anything from foreign senders, and valid `getState` (storage only). 10,000 cases per property.
 * A failure prints fast-check's seed and path; replay it with
 * `FC_SEED=<seed> npx vitest run --project unit utils/background-router.property.test.ts`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from './background-router';
import { addConnection } from './connection-list';
import { updateConnectionStore } from './connection-store';
import { ERROR_CODES } from './errors';
import { appStateSchema, parseRequest, requestSchema, responseSchema } from './messages';
import { takeStorageNotice } from './stored';
import { stubUnreachableConfig } from './testing/background';
import { ALICE, BOB, fakeConnection, globalConnection } from './testing/fixtures';

const NUM_RUNS = 10_000;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const settings = { numRuns: NUM_RUNS, ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}) };

/** Recognisable tokens, with the characters WordPress.com's tokens carry. */
const TOKENS = ['Zt0ken-ALICE-9f81)%&@(^', 'Zt0ken-BOB-77c2'];
const OWN_ID = fakeBrowser.runtime.id;
const OWN_PAGES = [`chrome-extension://${OWN_ID}/popup.html`, `chrome-extension://${OWN_ID}/options.html`];

const alice = fakeConnection({ accessToken: TOKENS[0], profile: ALICE });
const bob = globalConnection({ accessToken: TOKENS[1], profile: BOB });
const IDS = [alice.id, bob.id];

interface Sender {
  id?: string | undefined;
  url?: string | undefined;
}

const ownSender: fc.Arbitrary<Sender> = fc.constantFrom(...OWN_PAGES).map((url) => ({ id: OWN_ID, url }));

/** Everyone else: other extensions, web pages, our id with someone else's URL, and senders with parts missing. */
const foreignSender: fc.Arbitrary<Sender> = fc.oneof(
  fc.stringMatching(/^[a-p]{32}$/).map((id) => ({ id, url: `chrome-extension://${id}/popup.html` })),
  fc.string().map((id) => ({ id, url: `chrome-extension://${OWN_ID}/popup.html` })),
  fc.webUrl().map((url) => ({ id: OWN_ID, url })),
  fc.webUrl().map((url) => ({ url })),
  fc.constantFrom<Sender>(
    {},
    { id: OWN_ID },
    { url: OWN_PAGES[0] },
    { id: undefined, url: OWN_PAGES[0] },
    { id: OWN_ID, url: undefined },
    { id: '', url: OWN_PAGES[0] },
    { id: OWN_ID, url: '' },
    { id: OWN_ID, url: `chrome-extension://${OWN_ID}` },
    { id: OWN_ID, url: `chrome-extension://${OWN_ID}.evil.example/popup.html` },
    { id: OWN_ID, url: `https://evil.example/chrome-extension://${OWN_ID}/popup.html` },
    { id: OWN_ID, url: `CHROME-EXTENSION://${OWN_ID}/popup.html` },
    { id: OWN_ID, url: `moz-extension://${OWN_ID}/popup.html` },
    { id: OWN_ID, url: 'chrome-extension://other-extension-id/popup.html' },
    { id: OWN_ID.toUpperCase(), url: OWN_PAGES[0] },
    { id: `${OWN_ID} `, url: OWN_PAGES[0] },
    { id: 'other-extension-id', url: OWN_PAGES[1] },
  ),
);

const HUGE = 'x'.repeat(100_000);
const strangeKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'token');

/** Every request the protocol knows, well-formed (the foreign senders send these too). */
const validRequest: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({ type: 'getState' }),
  fc.constant({ type: 'signIn' }),
  fc
    .constantFrom({ level: 'profile' }, { level: 'global' }, { level: 'site', blog: 'example.com', scopes: ['posts'] })
    .map((access) => ({ type: 'signIn', access })),
  fc.constant({ type: 'refreshProfile' }),
  fc.boolean().map((force) => ({ type: 'checkHealth', force })),
  fc.constantFrom(...IDS).map((id) => ({ type: 'selectConnection', id })),
  fc.constantFrom(...IDS).map((id) => ({ type: 'revoke', id })),
  fc.constant({ type: 'revoke' }),
  fc.constant({ type: 'saveSettings', settings: { access: { level: 'global' }, showGravatar: false } }),
  fc.constant({ type: 'dismissRestore' }),
  fc.constantFrom(...IDS).map((connectionId) => ({ type: 'callEndpoint', connectionId, endpoint: 'me', params: {} })),
);

/** A copy of `value` with the property `key` set as an own, enumerable property (even `__proto__`). */
function withOwn(value: Record<string, unknown>, key: string, v: unknown): Record<string, unknown> {
  const copy = { ...value };
  Object.defineProperty(copy, key, { value: v, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Values that are wrong for almost any field. */
const wrongValue = fc.oneof(
  fc.constantFrom(null, undefined, 0, -1, 1e308, Number.NaN, true, '', HUGE, [], {}, ['x'], { __proto__: null }),
  fc.string(),
  fc.anything(),
);

/** A well-formed request, then broken in one way. */
const nearValidRequest: fc.Arbitrary<unknown> = validRequest.chain((request) => {
  const keys = Object.keys(request);
  return fc.oneof(
    // A field with a wrong type or value.
    fc.tuple(fc.constantFrom(...keys), wrongValue).map(([key, v]) => withOwn(request, key, v)),
    // An extra field, possibly a prototype-pollution key (as JSON.parse would make it: an own property).
    fc.tuple(fc.oneof(strangeKey, fc.string()), wrongValue).map(([key, v]) => withOwn(request, key, v)),
    fc.constant(request).map((r) => JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(r).slice(1)}`)),
    fc
      .constant(request)
      .map((r) => JSON.parse(`{"constructor":{"prototype":{"polluted":true}},${JSON.stringify(r).slice(1)}`)),
    // The type changed.
    fc
      .constantFrom('GETSTATE', 'getstate', 'getState ', ' signIn', 'revoke\u0000', 'toString', '__proto__', HUGE)
      .map((type) => ({ ...request, type })),
    // A field dropped.
    fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(request).filter(([k]) => k !== key))),
    // Wrapped, stringified, or in an array.
    fc.constant([request]),
    fc.constant(JSON.stringify(request)),
    fc.constant({ message: request }),
    // Huge or odd nested values where the schema takes strings.
    fc
      .tuple(fc.oneof(fc.constant(HUGE), fc.string({ unit: 'binary' })), fc.oneof(strangeKey, fc.string()))
      .map(([v, k]) => ({
        type: 'callEndpoint',
        connectionId: IDS[0],
        endpoint: v.slice(0, 70),
        params: withOwn({}, k, v),
      })),
    fc.constantFrom(
      { type: 'selectConnection', id: '../../x' },
      { type: 'selectConnection', id: `${IDS[0]}\n` },
      { type: 'revoke', id: HUGE },
      { type: 'saveSettings', settings: { access: { level: 'site', blog: HUGE } } },
      { type: 'saveSettings', settings: { access: { level: 'global', blog: 'example.com' } } },
      { type: 'signIn', access: { level: 'site', scopes: ['everything'] } },
      { type: 'callEndpoint', connectionId: IDS[0], endpoint: 'me', params: { x: HUGE } },
      { type: 'callEndpoint', connectionId: IDS[0], endpoint: 'ME', params: {} },
      { type: 'callEndpoint', connectionId: `${IDS[0]}/..`, endpoint: 'me', params: {} },
    ),
  );
});

const anyMessage: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    }),
  },
  { weight: 1, arbitrary: fc.object() },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 4, arbitrary: nearValidRequest },
);

/** From our own pages: anything that does not validate, and `getState` (which reads storage only). */
const ownCase = fc.record({
  sender: ownSender,
  message: fc.oneof(
    { weight: 9, arbitrary: anyMessage.filter((m) => !requestSchema.safeParse(m).success) },
    { weight: 1, arbitrary: fc.constant({ type: 'getState' }) },
  ),
});
/** From anyone else: anything at all, well-formed requests included. */
const foreignCase = fc.record({
  sender: foreignSender,
  message: fc.oneof({ weight: 3, arbitrary: anyMessage }, { weight: 1, arbitrary: validRequest }),
});

type Snapshot = [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
const snapshot = async (): Promise<Snapshot> => [
  await fakeBrowser.storage.local.get(null),
  await fakeBrowser.storage.session.get(null),
  await fakeBrowser.storage.sync.get(null),
];

const broadcasts: unknown[] = [];

beforeAll(async () => {
  fakeBrowser.reset();
  takeStorageNotice();
  // A request that got as far as the network would fail as `network`.
  stubUnreachableConfig();
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    broadcasts.push(message);
  });
  // Not the sign-in window: reaching it would be I/O from a message that should have been refused.
  vi.spyOn(fakeBrowser.identity, 'launchWebAuthFlow').mockRejectedValue(new Error('no sign-in in this test'));
  for (const c of [alice, bob]) await updateConnectionStore((store) => addConnection(store, c));
  await fakeBrowser.storage.local.set({ settings: { access: { level: 'global' }, showGravatar: true } });
  await fakeBrowser.storage.session.set({ connectivity: { offlineSince: 5 } });
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** One message: a typed answer, no token in it, nothing stored changed, no page told anything, no pollution. */
async function checkOne(message: unknown, sender: Sender, stored: Snapshot): Promise<'ok' | 'refused'> {
  let answer: unknown;
  try {
    answer = await handleMessage(message, sender);
  } catch (error) {
    throw new Error(`handleMessage threw: ${String(error)}`);
  }
  const parsed = responseSchema.safeParse(answer);
  if (!parsed.success) throw new Error(`an answer the pages cannot read: ${JSON.stringify(answer)}`);
  const text = JSON.stringify(answer);
  for (const token of TOKENS) if (text.includes(token)) throw new Error('a token in the answer');
  if (parsed.data.ok) {
    // Only our own pages' getState gets here.
    if (!requestSchema.safeParse(message).success) throw new Error('an invalid message was answered ok');
    if (!appStateSchema.safeParse(parsed.data.state).success) throw new Error('an invalid state');
  } else {
    if (!ERROR_CODES.includes(parsed.data.error.code)) throw new Error('an unknown code');
    if (parsed.data.error.code !== 'bad_message') throw new Error(`refused with ${parsed.data.error.code}`);
    if (parsed.data.state !== undefined) throw new Error('a refusal carried the state');
  }
  expect(await snapshot()).toEqual(stored);
  if (broadcasts.length > 0) throw new Error('a refused message made the worker tell the pages something');
  if (Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>).polluted !== undefined) {
    throw new Error('Object.prototype was polluted');
  }
  return parsed.data.ok ? 'ok' : 'refused';
}

test(`our own pages: an invalid message is refused and changes nothing; getState answers (${NUM_RUNS} runs)`, async () => {
  const stored = await snapshot();
  const outcomes = { ok: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(ownCase, async ({ message, sender }) => {
      outcomes[await checkOne(message, sender, stored)] += 1;
    }),
    settings,
  );
  expect(outcomes.ok).toBeGreaterThan(NUM_RUNS / 20);
  expect(outcomes.refused).toBeGreaterThan(NUM_RUNS / 2);
}, 300_000);

test(`anyone else: whatever they send is refused with bad_message and changes nothing (${NUM_RUNS} runs)`, async () => {
  const stored = await snapshot();
  await fc.assert(
    fc.asyncProperty(foreignCase, async ({ message, sender }) => {
      expect(await checkOne(message, sender, stored)).toBe('refused');
    }),
    settings,
  );
}, 300_000);

test(`the worker's request parsing, one type's schema at a time, accepts exactly what the protocol's schema does (${NUM_RUNS} runs)`, () => {
  fc.assert(
    fc.property(fc.oneof(anyMessage, validRequest), (message) => {
      const one = parseRequest(message);
      const all = requestSchema.safeParse(message);
      expect(one.success).toBe(all.success);
      if (one.success && all.success) expect(one.data).toEqual(all.data);
    }),
    settings,
  );
});
