import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { MIN_NODE, nodeTooOld } from './node-version';

test('the proxy refuses a Node older than 22.12 by name, and takes 22.12 and later', () => {
  expect(nodeTooOld('20.20.2')).toBe(
    'Node 20.20.2 is too old: the proxy needs Node 22.12 or later (it is tested on Node 24)',
  );
  expect(nodeTooOld('22.11.0')).toMatch(/^Node 22\.11\.0 is too old/);
  expect(nodeTooOld('18.20.4')).toMatch(/too old/);
  for (const version of ['22.12.0', '22.23.3', '24.21.0', '26.10.0', '100.0.0'])
    expect(nodeTooOld(version)).toBeUndefined();
});

test("the minimum is package.json's engines", () => {
  const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
    engines: { node: string };
  };
  expect(pkg.engines.node).toBe(`>=${MIN_NODE}`);
});
