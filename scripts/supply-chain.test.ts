/**
 * The supply chain as package.json and package-lock.json describe it: exact versions, a lockfile in
 * step with package.json, and every installed package verified by a registry hash.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const ROOT = path.resolve(import.meta.dirname, '..');
const readJson = (name: string): unknown => JSON.parse(readFileSync(path.join(ROOT, name), 'utf8'));

const versions = z.record(z.string(), z.string());
const manifest = z
  .object({ dependencies: versions, devDependencies: versions, optionalDependencies: versions.optional() })
  .parse(readJson('package.json'));
const lockfile = z
  .object({
    lockfileVersion: z.literal(3),
    packages: z.record(
      z.string(),
      z.object({
        version: z.string().optional(),
        resolved: z.string().optional(),
        integrity: z.string().optional(),
        link: z.boolean().optional(),
        dependencies: versions.optional(),
        devDependencies: versions.optional(),
      }),
    ),
  })
  .parse(readJson('package-lock.json'));

const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

describe('package.json', () => {
  const all = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.optionalDependencies };

  test.for(Object.keys(all))('%s is pinned to an exact registry version (no range, tag, URL or path)', (name) => {
    expect(all[name]).toMatch(EXACT_VERSION);
  });
});

describe('package-lock.json', () => {
  const root = lockfile.packages[''];
  const installed = Object.entries(lockfile.packages).filter(([where, entry]) => where !== '' && !entry.link);

  test('lists exactly what package.json asks for', () => {
    expect(root?.dependencies).toEqual(manifest.dependencies);
    expect(root?.devDependencies).toEqual(manifest.devDependencies);
  });

  test('each direct dependency is installed at the pinned version', () => {
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect(lockfile.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
  });

  test('every package comes from the registry with a sha512 hash npm ci checks', () => {
    const unverified = installed.filter(([, entry]) => !entry.integrity?.startsWith('sha512-')).map(([where]) => where);
    expect(unverified).toEqual([]);
    // This machine's npm omits registry URLs from the lockfile; any other source would be written out.
    const offRegistry = installed
      .filter(([, entry]) => entry.resolved !== undefined && !entry.resolved.startsWith('https://registry.npmjs.org/'))
      .map(([where, entry]) => `${where} ${entry.resolved}`);
    expect(offRegistry).toEqual([]);
  });
});
