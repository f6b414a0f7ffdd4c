/**
 * The extension in German: a browser whose language is German gets the German popup and options page (with
 * `lang="de"`, their titles, German dates), and the manifest's name and description come from `_locales`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { launchWithExtension } from '../../sandbox/launch-chromium';
import { expectAccessible } from './axe';
import { approveAs, emulator, relay, services } from './harness';

test('the manifest names the extension through _locales, English by default, German too', () => {
  const dir = services().extensionDir;
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8'));
  expect(manifest).toMatchObject({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
  });
  for (const locale of ['en', 'de']) {
    const messages = JSON.parse(readFileSync(resolve(dir, '_locales', locale, 'messages.json'), 'utf8'));
    expect(messages.extName.message, locale).toBe('WordPress.com Connect');
    expect(messages.extDescription.message, locale).toMatch(/WordPress\.com/);
  }
  expect(existsSync(resolve(dir, '_locales', 'de', 'messages.json'))).toBe(true);
});

test('a German browser shows the popup and the options page in German', async () => {
  await Promise.all([emulator().reset(), relay().reset()]);
  const browser = await launchWithExtension(services().extensionDir, { headless: true, locale: 'de' });
  try {
    const popup = await browser.openPopup();
    await popup.getByRole('button', { name: 'Mit WordPress.com anmelden' }).waitFor({ timeout: 15_000 });
    await popup.getByRole('heading', { name: 'Verbinde dein WordPress.com-Konto' }).waitFor();
    await popup.getByText('Fragt nach: Nur Profil').waitFor();
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await popup.title()).toBe('WordPress.com Connect');
    await expectAccessible(popup, 'signed out, German');

    // A failure in German, the worker's own detail included.
    const denied = browser.context.waitForEvent('page', { timeout: 15_000 });
    await popup.getByRole('button', { name: 'Mit WordPress.com anmelden' }).click();
    const consent = await denied;
    await consent.waitForLoadState('domcontentloaded');
    await consent.getByRole('button', { name: 'Deny' }).click();
    const alert = popup.getByRole('alert');
    await alert.getByText('Du hast die Verbindung auf WordPress.com abgelehnt.').waitFor({ timeout: 15_000 });
    await alert
      .getByText('Nichts wurde gespeichert: Diese Anmeldung hat der Erweiterung keinen Zugriff gegeben.')
      .waitFor();
    await expectAccessible(popup, 'error, German');

    // Signed in: the profile's words and the connection's date are German.
    const authWindow = browser.context.waitForEvent('page', { timeout: 15_000 });
    await popup.getByRole('button', { name: 'Mit WordPress.com anmelden' }).click();
    const auth = await authWindow;
    await auth.waitForLoadState('domcontentloaded');
    await approveAs(auth, 'Alice');
    await popup.getByText('Verifiziert', { exact: true }).waitFor({ timeout: 15_000 });
    await popup.getByRole('button', { name: 'Jetzt prüfen' }).waitFor();
    const since = popup.getByRole('region', { name: 'Verbindung', exact: true }).locator('time').first();
    // German writes a medium date "22.11.2026" (English: "Nov 22, 2026").
    expect(await since.textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await expectAccessible(popup, 'signed in, German');

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Zugriffseinstellungen' }).waitFor();
    expect(await options.title()).toBe('WordPress.com Connect – Zugriffseinstellungen');
    await options.getByRole('radio', { name: 'Eine Website' }).check();
    await options.getByRole('button', { name: 'Speichern' }).click();
    await options.getByText('Gespeichert', { exact: true }).waitFor();
    await expectAccessible(options, 'options, German');
  } finally {
    await browser.close();
  }
});
