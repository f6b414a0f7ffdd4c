import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorControl } from './control-client.ts';
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

  it('draws a silhouette for an unknown hash, or a 404 when asked with d=404', async () => {
    const unknown = `${emulator.url}/avatar/${'ab'.repeat(32)}`;
    const fallback = await fetch(`${unknown}?d=identicon`);
    expect(fallback.status).toBe(200);
    expect(await fallback.text()).toContain('aria-label="No avatar"');
    expect((await fetch(`${unknown}?d=404`)).status).toBe(404);
  });
});
