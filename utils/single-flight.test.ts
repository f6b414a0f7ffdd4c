import { expect, test } from 'vitest';
import { singleFlightPerKey } from './single-flight';

test('the same key joins its run, another key runs its own; a finished run lets the next one start', async () => {
  const seen: string[] = [];
  const releases: (() => void)[] = [];
  const flight = singleFlightPerKey(
    (id: string) => id,
    async (id: string) => {
      seen.push(id);
      await new Promise<void>((resolve) => releases.push(resolve));
      return `${id}:${seen.length}`;
    },
  );
  const x1 = flight('x');
  const x2 = flight('x');
  const y = flight('y');
  expect(x2).toBe(x1);
  expect(y).not.toBe(x1);
  expect(seen).toEqual(['x', 'y']);
  for (const release of releases.splice(0)) release();
  expect(await Promise.all([x1, x2, y])).toEqual(['x:2', 'x:2', 'y:2']);
  const again = flight('x');
  for (const release of releases.splice(0)) release();
  expect(await again).toBe('x:3');
});

test('a failed run rejects its joined callers only, and does not stick', async () => {
  let fail = true;
  const flight = singleFlightPerKey(
    (id: string) => id,
    async (id: string) => {
      if (fail && id === 'x') throw new Error('boom');
      return id;
    },
  );
  const [a, b, c] = [flight('x'), flight('x'), flight('y')];
  await expect(a).rejects.toThrow('boom');
  await expect(b).rejects.toThrow('boom');
  expect(await c).toBe('y');
  fail = false;
  expect(await flight('x')).toBe('x');
});

test('a joined call keeps the first caller’s arguments', async () => {
  let release: () => void = () => undefined;
  const seen: string[] = [];
  const flight = singleFlightPerKey(
    (id: string, _what: string) => id,
    async (_id: string, what: string) => {
      seen.push(what);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return what;
    },
  );
  const first = flight('x', 'global');
  const second = flight('x', 'profile');
  release();
  expect(await Promise.all([first, second])).toEqual(['global', 'global']);
  expect(seen).toEqual(['global']);
});
