import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from './control-client.ts';
import { GRAVATAR_WINDOW_MS, HourlyLimit } from './gravatar-limit.ts';
import { sha256Hex } from './random.ts';
import { type RunningEmulator, startEmulator } from './start-emulator.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const NOT_FOUND = { error: 'Profile not found', code: 'profile_not_found' };
const profile = (hash: string) => fetch(`${emulator.gravatarUrl}/profiles/${hash}`);

describe('Gravatar profiles', () => {
  it('finds alice by the sha256 of her trimmed, lowercased email', async () => {
    const hash = await sha256Hex('alice@example.com');
    expect(await sha256Hex('  Alice@Example.COM '.trim().toLowerCase())).toBe(hash);
    const response = await profile(hash);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await response.json();
    expect(body).toMatchObject({
      hash,
      display_name: 'Alice Example',
      profile_url: `${emulator.url}/gravatar-profile/alicewrites`,
      avatar_url: `${emulator.url}/avatar/${hash}`,
      avatar_alt_text: expect.any(String),
      location: expect.any(String),
      description: expect.any(String),
      job_title: expect.any(String),
      company: expect.any(String),
      pronouns: expect.any(String),
      pronunciation: expect.any(String),
    });
    expect(body.verified_accounts).toHaveLength(2);
    expect(body.verified_accounts[0]).toMatchObject({ service_type: 'mastodon', url: expect.any(String) });
  });

  it.each([
    ['bob, who has no profile', 'bob@example.org', 'sha256'],
    ['an unknown email', 'nobody@example.net', 'sha256'],
    ['an MD5-length hash', 'alice@example.com', 'md5'],
  ])('answers 404 for %s', async (_, email, kind) => {
    const sha = await sha256Hex(email);
    const response = await profile(kind === 'md5' ? sha.slice(0, 32) : sha);
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual(NOT_FOUND);
  });

  it('counts profile requests', async () => {
    const before = (await emulatorControl(emulator.url).stats()).gravatarRequests;
    await profile('0'.repeat(64));
    expect((await emulatorControl(emulator.url).stats()).gravatarRequests).toBe(before + 1);
  });
});

describe('avatars', () => {
  it('draws initials for a known hash, as a self-contained SVG', async () => {
    const response = await fetch(`${emulator.url}/avatar/${await sha256Hex('bob@example.org')}?s=96&d=identicon`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await response.text();
    expect(svg).toContain('>BU</text>');
    expect(svg).not.toMatch(/<script|href=|url\(/i);
  });

  it('avatarDelayMs holds every avatar image', async () => {
    const control = emulatorControl(emulator.url);
    await control.setBehaviour({ avatarDelayMs: 300 });
    try {
      const started = performance.now();
      expect((await fetch(`${emulator.url}/avatar/${'ab'.repeat(32)}`)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    } finally {
      await control.reset();
    }
  });

  it('draws a silhouette for an unknown hash, or a 404 when asked with d=404', async () => {
    const unknown = `${emulator.url}/avatar/${'ab'.repeat(32)}`;
    const fallback = await fetch(`${unknown}?d=identicon`);
    expect(fallback.status).toBe(200);
    expect(await fallback.text()).toContain('aria-label="No avatar"');
    expect((await fetch(`${unknown}?d=404`)).status).toBe(404);
  });
});

describe('Gravatar’s own limit: 100 profile requests an hour without an API key', () => {
  const control = () => emulatorControl(emulator.url);
  beforeEach(() => control().reset());

  async function spend(count: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await profile(i % 2 ? '0'.repeat(64) : await alice())).status);
    return statuses;
  }
  const alice = () => sha256Hex('alice@example.com');

  it('is on by default: the 101st request in the hour gets 429, found or not; every answer says where the client stands', async () => {
    const started = Date.now();
    const first = await profile(await alice());
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('100');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('99');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    // The hour from the first request, in Unix seconds.
    expect(reset).toBeGreaterThanOrEqual(Math.floor(started / 1000) + 3600);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3600);
    const absent = await profile('0'.repeat(64));
    expect([absent.status, absent.headers.get('x-ratelimit-remaining')]).toEqual([404, '98']);
    expect(new Set(await spend(98))).toEqual(new Set([200, 404]));
    for (const hash of [await alice(), '0'.repeat(64)]) {
      const limited = await profile(hash);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toEqual({ error: 'Rate limit exceeded', code: 'rate_limit_exceeded' });
      expect(limited.headers.get('access-control-allow-origin')).toBe('*');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(limited.headers.get('x-ratelimit-reset'))).toBe(reset);
      // Gravatar documents no Retry-After.
      expect(limited.headers.has('retry-after')).toBe(false);
    }
    expect((await control().stats()).gravatarRequests).toBe(102);
    // Avatars and profile pages are not the profile API.
    expect((await fetch(`${emulator.url}/avatar/${await alice()}`)).status).toBe(200);
  });

  it('counts per client IP', async () => {
    await spend(100);
    expect((await profile(await alice())).status).toBe(429);
    // Another loopback address has its own hour (Linux, the only system these tests run on, routes all of 127/8
    // to lo).
    const fromElsewhere = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${emulator.gravatarUrl}/profiles/${'0'.repeat(64)}`);
      request(url, { localAddress: '127.0.0.2' }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(fromElsewhere).toBe(404);
  });

  it('is cleared by reset', async () => {
    await spend(100);
    expect((await profile(await alice())).status).toBe(429);
    await control().reset();
    expect((await profile(await alice())).status).toBe(200);
  });

  it('can be raised, lowered or lifted with gravatarHourlyLimit', async () => {
    await control().setBehaviour({ gravatarHourlyLimit: 2 });
    expect(await spend(2)).toEqual([200, 404]);
    expect((await profile(await alice())).status).toBe(429);
    await control().setBehaviour({ gravatarHourlyLimit: 150 });
    // The refused request did not count: 148 more make 150.
    expect(new Set(await spend(148))).toEqual(new Set([200, 404]));
    expect((await profile(await alice())).status).toBe(429);
    await control().setBehaviour({ gravatarHourlyLimit: null });
    expect(new Set(await spend(5))).toEqual(new Set([200, 404]));
  });

  it('keeps, across reset, the limit the emulator was started with', async () => {
    const unlimited = await startEmulator({ gravatarHourlyLimit: null });
    try {
      await emulatorControl(unlimited.url).reset();
      for (let i = 0; i < 105; i++) {
        expect((await fetch(`${unlimited.gravatarUrl}/profiles/${await alice()}`)).status).toBe(200);
      }
      expect((await (await fetch(`${unlimited.url}/__sandbox/behaviour`)).json()).gravatarHourlyLimit).toBeNull();
    } finally {
      await unlimited.close();
    }
  });
});

describe('HourlyLimit', () => {
  it('counts per client in fixed hour windows, and tells the limit, what is left and when the window ends', () => {
    let now = 1_000_000;
    const limit = new HourlyLimit(() => now);
    const take = (client: string, max = 2) => {
      const { allowed, headers } = limit.take(client, max);
      return [allowed, headers['X-RateLimit-Remaining'], headers['X-RateLimit-Reset']];
    };
    const end = (start: number) => String(Math.ceil((start + GRAVATAR_WINDOW_MS) / 1000));
    expect(limit.take('a', 2).headers['X-RateLimit-Limit']).toBe('2');
    expect(take('a')).toEqual([true, '0', end(1_000_000)]);
    expect(take('a')).toEqual([false, '0', end(1_000_000)]);
    expect(take('b')).toEqual([true, '1', end(1_000_000)]);
    now += GRAVATAR_WINDOW_MS - 1;
    expect(take('a')).toEqual([false, '0', end(1_000_000)]);
    now += 1;
    // Both windows ended: fresh ones, from now.
    expect(take('a')).toEqual([true, '1', end(now)]);
    expect(take('b')).toEqual([true, '1', end(now)]);
    limit.clear();
    expect([take('c', 1)[0], take('c', 1)[0]]).toEqual([true, false]);
    expect(GRAVATAR_WINDOW_MS).toBe(3_600_000);
  });
});
