import { expect, test } from 'vitest';
import { singleFlight } from './single-flight';

test('concurrent calls share one run; a finished run lets the next one start', async () => {
  let runs = 0;
  let release: () => void = () => undefined;
  const flight = singleFlight(async () => {
    runs += 1;
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return runs;
  });
  const first = flight();
  const second = flight();
  expect(flight.pending).toBe(true);
  expect(second).toBe(first);
  release();
  expect(await Promise.all([first, second])).toEqual([1, 1]);
  expect(flight.pending).toBe(false);
  const third = flight();
  release();
  expect(await third).toBe(2);
});

test('a failed run rejects every joined caller and does not stick', async () => {
  let fail = true;
  const flight = singleFlight(async () => {
    if (fail) throw new Error('boom');
    return 'ok';
  });
  const [a, b] = [flight(), flight()];
  await expect(a).rejects.toThrow('boom');
  await expect(b).rejects.toThrow('boom');
  fail = false;
  expect(await flight()).toBe('ok');
});

test('a joined call keeps the first caller’s arguments', async () => {
  let release: () => void = () => undefined;
  const seen: string[] = [];
  const flight = singleFlight(async (what: string) => {
    seen.push(what);
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return what;
  });
  const first = flight('global');
  const second = flight('profile');
  release();
  expect(await Promise.all([first, second])).toEqual(['global', 'global']);
  expect(seen).toEqual(['global']);
});
