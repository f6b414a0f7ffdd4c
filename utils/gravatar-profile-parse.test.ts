import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { gravatarProfile } from '../sandbox/emulator/gravatar-profile';
import { userByKey } from '../sandbox/emulator/users';
import { gravatarHash } from './gravatar-hash';
import { GRAVATAR_DEFAULT_RETRY_AFTER_SECONDS, readGravatarAnswer } from './gravatar-profile-parse';
import { gravatarProfileSchema } from './profile';

const NOW = 1_700_000_000_000;
const ALICE_HASH = createHash('sha256').update('alice@example.com').digest('hex');
const BASE = 'https://gravatar.example';
/** Alice's profile as the emulator serves it (Gravatar's v3 field names). */
function aliceBody(): Record<string, unknown> {
  const alice = userByKey('alice');
  if (!alice.gravatar) throw new Error('alice has a Gravatar profile in the emulator');
  return gravatarProfile({ ...alice, gravatar: alice.gravatar }, ALICE_HASH, BASE);
}
const found = (body: unknown) => {
  const outcome = readGravatarAnswer({ status: 200, body }, ALICE_HASH, NOW);
  if (outcome.type !== 'found') throw new Error(`expected found, got ${outcome.type}`);
  return outcome.profile;
};

describe('the email hash', () => {
  test('is the SHA-256 of the trimmed, lower-cased email, in hex (never MD5)', async () => {
    expect(await gravatarHash('  Alice@Example.COM ')).toBe(ALICE_HASH);
    expect(await gravatarHash('alice@example.com')).toMatch(/^[0-9a-f]{64}$/);
    expect(await gravatarHash('alice@example.com')).not.toBe(
      createHash('md5').update('alice@example.com').digest('hex'),
    );
    expect(await gravatarHash('bob@example.org')).not.toBe(ALICE_HASH);
  });
});

describe('reading a Gravatar answer', () => {
  test('a full profile: every field we show, in our names, stored under the hash asked for', () => {
    const profile = found(aliceBody());
    expect(profile).toEqual({
      hash: ALICE_HASH,
      displayName: 'Alice Example',
      profileUrl: `${BASE}/gravatar-profile/alicewrites`,
      avatarUrl: `${BASE}/avatar/${ALICE_HASH}`,
      avatarAltText: 'Alice smiling in front of a bookshelf',
      location: 'Lisbon, Portugal',
      jobTitle: 'Technical writer',
      company: 'Example Press',
      description: 'Writes about the web, trains and small gardens.',
      pronouns: 'she/her',
      pronunciation: 'AL-iss',
      verifiedAccounts: [
        { serviceType: 'mastodon', serviceLabel: 'Mastodon', url: 'https://mastodon.example/@alicewrites' },
        { serviceType: 'github', serviceLabel: 'GitHub', url: 'https://github.example/alicewrites' },
      ],
      fetchedAt: NOW,
    });
    expect(gravatarProfileSchema.safeParse(profile).success).toBe(true);
  });

  test('a partial profile: blank and missing fields are left out', () => {
    const profile = found({ hash: ALICE_HASH, display_name: 'Alice', location: '', job_title: '   ', company: null });
    expect(profile).toEqual({ hash: ALICE_HASH, displayName: 'Alice', verifiedAccounts: [], fetchedAt: NOW });
  });

  test('bad fields are dropped, the rest kept', () => {
    const profile = found({
      ...aliceBody(),
      hash: 'someone-elses-primary-hash',
      profile_url: 'javascript:alert(1)',
      avatar_url: 42,
      description: 'x'.repeat(2001),
      pronouns: ['she', 'her'],
      verified_accounts: [
        { service_type: 'github', service_label: 'GitHub', url: 'https://github.example/alice' },
        { service_type: 'evil', service_label: 'Evil', url: 'javascript:alert(1)' },
        { service_type: 'hidden', service_label: 'Hidden', url: 'https://hidden.example/', is_hidden: true },
        'not an account',
      ],
    });
    expect(profile).toMatchObject({ hash: ALICE_HASH, displayName: 'Alice Example', location: 'Lisbon, Portugal' });
    for (const dropped of ['profileUrl', 'avatarUrl', 'description', 'pronouns'])
      expect(profile).not.toHaveProperty(dropped);
    expect(profile.verifiedAccounts).toEqual([
      { serviceType: 'github', serviceLabel: 'GitHub', url: 'https://github.example/alice' },
    ]);
  });

  test('verified accounts that are not a list count as none; more than 50 are cut to 50', () => {
    expect(found({ hash: 'x', verified_accounts: 'many' }).verifiedAccounts).toEqual([]);
    const many = Array.from({ length: 60 }, (_, i) => ({
      service_type: `s${i}`,
      service_label: `S${i}`,
      url: `https://s${i}.example/`,
    }));
    expect(found({ hash: 'x', verified_accounts: many }).verifiedAccounts).toHaveLength(50);
  });

  test.each([
    ['not JSON', undefined],
    ['null', null],
    ['a list', [aliceBody()]],
    ['an object without a hash (not a profile)', { error: 'Welcome to the network' }],
    ['a hash that is not text', { hash: 12 }],
  ])('a 200 that is %s is unreadable', (_, body) => {
    expect(readGravatarAnswer({ status: 200, body }, ALICE_HASH, NOW)).toEqual({ type: 'unreadable', status: 200 });
  });

  test('404 is absent; 5xx and other statuses are unreadable', () => {
    const body = { error: 'Profile not found', code: 'profile_not_found' };
    expect(readGravatarAnswer({ status: 404, body }, ALICE_HASH, NOW)).toEqual({ type: 'absent' });
    for (const status of [500, 502, 503, 401, 403, 301]) {
      expect(readGravatarAnswer({ status, body: aliceBody() }, ALICE_HASH, NOW)).toEqual({
        type: 'unreadable',
        status,
      });
    }
  });

  test('429 waits as long as Retry-After says (seconds or an HTTP date), an hour without one', () => {
    const wait = (retryAfter: string | null) =>
      readGravatarAnswer({ status: 429, body: {}, retryAfter }, ALICE_HASH, NOW);
    expect(wait('120')).toEqual({ type: 'rate_limited', retryAfterSeconds: 120 });
    expect(wait(new Date(NOW + 30_000).toUTCString())).toEqual({ type: 'rate_limited', retryAfterSeconds: 30 });
    expect(wait(null)).toEqual({ type: 'rate_limited', retryAfterSeconds: GRAVATAR_DEFAULT_RETRY_AFTER_SECONDS });
    expect(wait('soon')).toEqual({ type: 'rate_limited', retryAfterSeconds: 60 * 60 });
  });

  test('429 without a readable Retry-After waits until X-RateLimit-Reset, Gravatar’s documented header', () => {
    const wait = (rateLimitReset: string | null, retryAfter: string | null = null) =>
      readGravatarAnswer({ status: 429, body: {}, retryAfter, rateLimitReset }, ALICE_HASH, NOW);
    const inSeconds = (seconds: number) => String(Math.floor(NOW / 1000) + seconds);
    expect(wait(inSeconds(600))).toEqual({ type: 'rate_limited', retryAfterSeconds: 600 });
    // Retry-After, when readable, comes first.
    expect(wait(inSeconds(600), '120')).toEqual({ type: 'rate_limited', retryAfterSeconds: 120 });
    expect(wait(inSeconds(600), 'soon')).toEqual({ type: 'rate_limited', retryAfterSeconds: 600 });
    // Past, unreadable or absurd: the hour, or a day at most.
    for (const reset of [inSeconds(-5), '12.5', 'tomorrow', '-1', '']) {
      expect(wait(reset)).toEqual({ type: 'rate_limited', retryAfterSeconds: GRAVATAR_DEFAULT_RETRY_AFTER_SECONDS });
    }
    expect(wait(inSeconds(10 * 24 * 3600))).toEqual({ type: 'rate_limited', retryAfterSeconds: 24 * 60 * 60 });
  });
});
