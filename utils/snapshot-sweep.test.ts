import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Sweep = typeof import('./snapshot-sweep');

const base = `chrome-extension://${fakeBrowser.runtime.id}`;
let sweep: Sweep;
let events: string[];
let openPopups: unknown[];
let failCreate: number;

beforeEach(async () => {
  vi.resetModules();
  sweep = await import('./snapshot-sweep');
  events = [];
  openPopups = [];
  failCreate = 0;
  vi.stubGlobal('chrome', {
    offscreen: {
      createDocument: vi.fn(async (options: { url: string; reasons: string[] }) => {
        events.push(`create ${options.url} ${options.reasons.join(',')}`);
        if (failCreate-- > 0) throw new Error('Only a single offscreen document may be created.');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }),
      closeDocument: vi.fn(async () => void events.push('close')),
    },
    runtime: {
      getContexts: vi.fn(async (filter: { documentUrls: string[] }) => {
        expect(filter.documentUrls).toEqual([`${base}/popup.html`]);
        return openPopups;
      }),
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

const now = { activeId: 'conn-a', connectionIds: ['conn-a'] };
const sweepUrl = `${base}/snapshot-sweep.html?${new URLSearchParams({ for: JSON.stringify(now) })}`;

test('opens our offscreen document with the stored connections, for localStorage, then closes it', async () => {
  await sweep.sweepPagesSnapshot(now);
  expect(events).toEqual([`create ${sweepUrl} LOCAL_STORAGE`, 'close']);
});

test('one at a time: a second sweep waits for the first document to close', async () => {
  const first = sweep.sweepPagesSnapshot(now);
  const second = sweep.sweepPagesSnapshot();
  await Promise.all([first, second]);
  expect(events).toEqual([
    `create ${sweepUrl} LOCAL_STORAGE`,
    'close',
    `create ${base}/snapshot-sweep.html LOCAL_STORAGE`,
    'close',
  ]);
});

test('a document left open by an earlier worker is closed first; a sweep that cannot run never rejects', async () => {
  failCreate = 1;
  await sweep.sweepPagesSnapshot(now);
  expect(events).toEqual([`create ${sweepUrl} LOCAL_STORAGE`, 'close', `create ${sweepUrl} LOCAL_STORAGE`, 'close']);
  events = [];
  failCreate = 2;
  await expect(sweep.sweepPagesSnapshot(now)).resolves.toBeUndefined();
  // And the next one still runs.
  await sweep.sweepPagesSnapshot(now);
  expect(events.at(-1)).toBe('close');
});

test('nothing while a popup is open (it keeps its own, from the states broadcast to it), nor without the API', async () => {
  openPopups = [{ contextType: 'POPUP' }];
  await sweep.sweepPagesSnapshot(now);
  expect(events).toEqual([]);
  vi.stubGlobal('chrome', {});
  await expect(sweep.sweepPagesSnapshot(now)).resolves.toBeUndefined();
});
