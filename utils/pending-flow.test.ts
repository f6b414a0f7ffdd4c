import { expect, test, vi } from 'vitest';
import { FLOW_LIFETIME_MS, newPendingFlow, pendingFlowSchema } from './pending-flow';

const PROFILE = { level: 'profile' } as const;

test('a state carries at least 128 random bits, base64url, and expires in 10 minutes', () => {
  const flow = newPendingFlow('https://x.chromiumapp.org/', PROFILE, 1000);
  expect(flow.state).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(flow.state.length * 6).toBeGreaterThanOrEqual(128);
  expect(flow.expiresAt).toBe(1000 + FLOW_LIFETIME_MS);
  expect(FLOW_LIFETIME_MS).toBe(600_000);
  expect(pendingFlowSchema.parse(flow)).toEqual(flow);
});

test('the state is 32 bytes from the platform’s secure random source, base64url', () => {
  const drawn: number[] = [];
  const random = vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256;
    drawn.push(bytes.length);
    return array;
  });
  try {
    const { state } = newPendingFlow('https://x.chromiumapp.org/', PROFILE, 1);
    const expected = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString('base64url');
    expect(drawn).toEqual([32]);
    expect(state).toBe(expected);
  } finally {
    random.mockRestore();
  }
});

test('the flow keeps the access it asked for', () => {
  const access = { level: 'site', blog: 'example.wordpress.com', scopes: ['posts', 'stats'] } as const;
  const flow = newPendingFlow('https://x.chromiumapp.org/', { ...access, scopes: [...access.scopes] }, 1);
  expect(pendingFlowSchema.parse(flow).access).toEqual(access);
});

test('every state is new', () => {
  const states = new Set(
    Array.from({ length: 1000 }, () => newPendingFlow('https://x.chromiumapp.org/', PROFILE, 1).state),
  );
  expect(states.size).toBe(1000);
});

test('a short or non-base64url state is not a valid stored flow', () => {
  const base = { redirectUri: 'https://x/', access: PROFILE, expiresAt: 1 };
  expect(pendingFlowSchema.safeParse({ ...base, state: 'abc' }).success).toBe(false);
  expect(pendingFlowSchema.safeParse({ ...base, state: `${'a'.repeat(30)}==` }).success).toBe(false);
});
