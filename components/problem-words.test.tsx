/**
 * A wait WordPress.com asked for, as the alert and the console show it: counted down from when it was shown, to
 * "Try again now.", and not said again every second by the live region around it.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { ErrorInfo } from '../utils/messages';
import { Alert } from './Alert';
import { type RenderedPopup, renderPopup } from './testing/popup-dom';

const tooMany: ErrorInfo = {
  code: 'rate_limited',
  message: 'WordPress.com asked to slow down.',
  retryAfterSeconds: 45,
};

let shown: RenderedPopup | undefined;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  shown?.close();
  shown = undefined;
  vi.useRealTimers();
});

const show = (error: ErrorInfo) => {
  shown = renderPopup(() => ({ ok: false, error }), <Alert error={error} />);
  return shown;
};

test('"Try again in 45 seconds." counts down while it is shown, to "Try again now."', async () => {
  const p = show(tooMany);
  expect(p.text()).toContain('Try again in 45 seconds.');
  await vi.advanceTimersByTimeAsync(15_000);
  expect(p.text()).toContain('Try again in 30 seconds.');
  // Counted as a timer: the alert around it does not announce each second.
  const timer = p.root.querySelector('[role="timer"]');
  expect(timer?.textContent).toBe('Try again in 30 seconds.');
  expect(timer?.getAttribute('aria-live')).toBe('off');
  await vi.advanceTimersByTimeAsync(30_000);
  expect(p.text()).toContain('Try again now.');
  expect(p.text()).not.toMatch(/Try again in/);
  // Said once, by the alert, as it comes.
  expect(p.root.querySelector('[role="timer"]')).toBeNull();
  expect(vi.getTimerCount()).toBe(0);
});

test('a wait of minutes reads in minutes until the last one', async () => {
  const p = show({ ...tooMany, retryAfterSeconds: 150 });
  expect(p.text()).toContain('Try again in 3 minutes.');
  await vi.advanceTimersByTimeAsync(60_000);
  expect(p.text()).toContain('Try again in 2 minutes.');
  await vi.advanceTimersByTimeAsync(45_000);
  expect(p.text()).toContain('Try again in 45 seconds.');
});

test('a rate limit with no wait said has no countdown', async () => {
  const p = show({ code: 'rate_limited', message: 'WordPress.com asked to slow down.' });
  expect(p.text()).toContain('Wait a minute, then try again.');
  expect(p.root.querySelector('[role="timer"]')).toBeNull();
  await vi.advanceTimersByTimeAsync(1_000);
  expect(vi.getTimerCount()).toBe(0);
});
