/**
 * Unit tests' `browser.i18n` (WXT's fakeBrowser has none): the real English messages, applied as Chromium does.
 * Fake at the platform edge only: the code under test calls `i18n.t` as in the browser.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, getMessageFrom } from './locale-messages';

const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
i18n.getMessage = getMessageFrom(chromeMessages('en'));
i18n.getUILanguage = () => 'en';
