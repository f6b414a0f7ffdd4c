import { expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../utils/access';
import type { AppState } from '../utils/messages';
import { isQuietFailure } from './quiet-failure';

const online: AppState = { status: 'signed_in', connections: [], activeId: null, settings: DEFAULT_SETTINGS };
const offline: AppState = { ...online, offline: { since: 1_700_000_000_000 } };

test('an unreachable WordPress.com is left to the offline marker, once the marker shows', () => {
  expect(isQuietFailure({ code: 'network', message: '' }, offline)).toBe(true);
  expect(isQuietFailure({ code: 'timeout', message: '' }, offline)).toBe(true);
  expect(isQuietFailure({ code: 'network', message: '' }, online)).toBe(false);
  expect(isQuietFailure({ code: 'network', message: '' }, undefined)).toBe(false);
});

test('other failures are announced even while offline', () => {
  expect(isQuietFailure({ code: 'service_unavailable', message: '' }, offline)).toBe(false);
  expect(isQuietFailure({ code: 'invalid_response', message: '' }, offline)).toBe(false);
  expect(isQuietFailure({ code: 'token_invalid', message: '' }, offline)).toBe(false);
});
