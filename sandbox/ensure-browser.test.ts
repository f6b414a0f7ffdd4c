import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserMissingError, ensureBrowser } from './ensure-browser';
import { chromiumPath } from './launch-chromium';
import { firefoxPath } from './launch-firefox';

describe('chromium detection', () => {
  let dir: string;
  const saved = process.env.CHROME_PATH;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ensure-chromium-'));
  });

  afterEach(async () => {
    if (saved === undefined) delete process.env.CHROME_PATH;
    else process.env.CHROME_PATH = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it('prefers CHROME_PATH when it names an existing file', async () => {
    const binary = join(dir, 'my-chromium');
    await writeFile(binary, '');
    process.env.CHROME_PATH = binary;
    expect(chromiumPath()).toBe(binary);
    await expect(
      ensureBrowser('chromium', {
        canInstall: () => true,
        install: () => Promise.reject(new Error('must not install')),
      }),
    ).resolves.toBe(binary);
  });

  it('says so when CHROME_PATH names nothing, and installs nothing instead', async () => {
    process.env.CHROME_PATH = join(dir, 'missing');
    expect(chromiumPath()).not.toBe(join(dir, 'missing'));
    const attempt = ensureBrowser('chromium', {
      find: () => undefined,
      canInstall: () => true,
      install: () => Promise.reject(new Error('must not install')),
    });
    await expect(attempt).rejects.toThrow(`CHROME_PATH is set to ${join(dir, 'missing')}, which does not exist.`);
  });
});

describe('firefox detection', () => {
  let dir: string;
  const saved = process.env.FIREFOX_PATH;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ensure-firefox-'));
  });

  afterEach(async () => {
    if (saved === undefined) delete process.env.FIREFOX_PATH;
    else process.env.FIREFOX_PATH = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it('prefers FIREFOX_PATH when it names an existing file, and installs nothing then', async () => {
    const binary = join(dir, 'my-firefox');
    await writeFile(binary, '');
    process.env.FIREFOX_PATH = binary;
    expect(firefoxPath()).toBe(binary);
    await expect(
      ensureBrowser('firefox', {
        canInstall: () => true,
        install: () => Promise.reject(new Error('must not install')),
      }),
    ).resolves.toBe(binary);
  });

  it('says what to install for Firefox: firefox-esr, or FIREFOX_PATH', async () => {
    const attempt = ensureBrowser('firefox', { find: () => undefined, canInstall: () => false });
    await expect(attempt).rejects.toMatchObject({ code: 'browser_missing', browser: 'firefox' });
    await expect(attempt).rejects.toThrow('sudo apt-get update && sudo apt-get install firefox-esr');
    await expect(attempt).rejects.toThrow('FIREFOX_PATH=/path/to/firefox-esr npm start -- --browser firefox');
  });
});

describe('ensureBrowser when Chromium is missing', () => {
  it('says what to install when it cannot install', async () => {
    const attempt = ensureBrowser('chromium', { find: () => undefined, canInstall: () => false });
    await expect(attempt).rejects.toThrow(BrowserMissingError);
    await expect(attempt).rejects.toThrow('sudo apt-get update && sudo apt-get install chromium');
    await expect(attempt).rejects.toThrow('CHROME_PATH');
  });

  it('names the command the person ran: npm test from the e2e suites', async () => {
    const attempt = ensureBrowser('chromium', { find: () => undefined, canInstall: () => false, rerun: 'npm test' });
    await expect(attempt).rejects.toThrow('Install it, then run npm test again:');
    await expect(attempt).rejects.toThrow('CHROME_PATH=/path/to/chromium npm test');
  });

  it('installs, then finds the installed binary', async () => {
    let installed = false;
    const lines: string[] = [];
    const path = await ensureBrowser('chromium', {
      find: () => (installed ? '/usr/bin/chromium' : undefined),
      canInstall: () => true,
      install: async () => {
        installed = true;
      },
      log: (line) => lines.push(line),
    });
    expect(path).toBe('/usr/bin/chromium');
    expect(lines.join('\n')).toContain('apt-get');
  });

  it('reports a failed install as missing Chromium, with the cause', async () => {
    const failure = new Error('apt-get install -y chromium failed (exit 100)');
    const attempt = ensureBrowser('chromium', {
      find: () => undefined,
      canInstall: () => true,
      install: () => Promise.reject(failure),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'browser_missing', browser: 'chromium', cause: failure });
    await expect(attempt).rejects.toThrow(
      'Chromium was not found, and installing it with apt-get failed (apt-get install -y chromium failed (exit 100);',
    );
  });
});
