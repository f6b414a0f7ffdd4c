/**
 * The app the sandbox registers with the emulator: the extension's client ID and secret, and its redirect
 * URIs and origins in Chromium and in Firefox (one app for both builds, as a publisher would register it).
 */
import {
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_EXTENSION_ORIGIN,
  SANDBOX_FIREFOX_ORIGIN,
  SANDBOX_FIREFOX_REDIRECT_URI,
  SANDBOX_REDIRECT_URI,
} from '../sandbox-config.ts';
import type { EmulatorClient } from './clients.ts';

export const SANDBOX_EMULATOR_CLIENT: EmulatorClient = {
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  name: 'WordPress.com Connect (sandbox)',
  redirectUris: [SANDBOX_REDIRECT_URI, SANDBOX_FIREFOX_REDIRECT_URI],
  javascriptOrigins: [SANDBOX_EXTENSION_ORIGIN, SANDBOX_FIREFOX_ORIGIN],
};
