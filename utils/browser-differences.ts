/**
 * Everything that differs between Chromium and Firefox, in one place: the manifest keys, the redirect URI's
 * shape, the words `identity.launchWebAuthFlow` fails with, who may read `storage.session`, and what runs the
 * background (a note at the end: nothing branches on it). Pure: callers pass the browser's APIs in, so wxt.config.ts (build time, Node) and the
 * background worker (run time) share it. Facts: shared/extension-platform.md, and Firefox's
 * toolkit/components/extensions/parent/ext-identity.js.
 */

/** The two engines this extension is built for (WXT's `-b chrome` and `-b firefox`). */
export type BrowserFamily = 'chromium' | 'firefox';

/** WXT's target browser (`chrome`, `edge`, `firefox`, …) → the engine whose rules apply. */
export function browserFamily(target: string): BrowserFamily {
  return target === 'firefox' ? 'firefox' : 'chromium';
}

// ---- Manifest ------------------------------------------------------------------------------------------

/** The Firefox build's add-on ID when `WXT_GECKO_ID` is unset: the sandbox's. Publishers set their own. */
export const DEFAULT_GECKO_ID = 'wpcom-connect@sandbox.invalid';

/**
 * Firefox 140 is the first with built-in data-collection consent (`data_collection_permissions`, which AMO
 * requires of new add-ons) and an ESR; it has MV3 event pages, `storage.session` and `launchWebAuthFlow`.
 */
export const FIREFOX_MIN_VERSION = '140.0';

/**
 * What the add-on sends off the device, for Firefox's install-time consent: the authorization code goes to the
 * publisher's token proxy (authentication information), and the email address's SHA-256 goes to Gravatar
 * (personally identifying information: it names one person). Nothing else leaves the browser.
 */
export const FIREFOX_DATA_COLLECTION = { required: ['authenticationInfo', 'personallyIdentifyingInfo'] };

export interface ManifestIdentity {
  /** Chromium: the manifest `key` that pins the extension ID. */
  extensionKey?: string | undefined;
  /** Firefox: `browser_specific_settings.gecko.id`, which pins the redirect URI. */
  geckoId: string;
}

/**
 * The manifest keys that exist for one engine only. Chromium: `key` (Firefox ignores it and `web-ext lint`
 * flags it). Firefox: the fixed add-on ID, the minimum version and the data-collection declaration.
 */
export function browserManifestKeys(family: BrowserFamily, identity: ManifestIdentity): Record<string, unknown> {
  if (family === 'chromium') return identity.extensionKey ? { key: identity.extensionKey } : {};
  return {
    browser_specific_settings: {
      gecko: {
        id: identity.geckoId,
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: FIREFOX_DATA_COLLECTION,
      },
    },
  };
}

/**
 * The host permission for one origin the extension talks to. Chromium matches a pattern's port, so the pattern
 * names exactly the origin. Firefox's patterns cannot name a port: one with a port never matches (checked in
 * Firefox ESR: its requests then fell back to CORS and failed where the server sends no CORS headers), so the
 * Firefox build asks for the scheme and host, any port. Same thing for the default ports every real deployment uses.
 */
export function hostPermissionPattern(family: BrowserFamily, origin: URL): string {
  return family === 'firefox' ? `${origin.protocol}//${origin.hostname}/*` : `${origin.origin}/*`;
}

/**
 * A gecko ID as AMO takes it: `name@domain`-like or a `{GUID}`, at most 80 characters
 * (the manifest schema's pattern for `browser_specific_settings.gecko.id`).
 */
export const GECKO_ID_PATTERN =
  /^(?:\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}|[a-zA-Z0-9-._]*@[a-zA-Z0-9-._]+)$/;

// ---- Redirect URI and origin ---------------------------------------------------------------------------

/**
 * What `identity.getRedirectURL()` returns, and what a publisher registers at WordPress.com and lists in
 * the proxy. Both come from a fixed value: the manifest key's ID (Chromium), the gecko ID's SHA-1 (Firefox).
 */
export const REDIRECT_URI_SHAPE: Record<BrowserFamily, RegExp> = {
  chromium: /^https:\/\/[a-p]{32}\.chromiumapp\.org\/$/,
  firefox: /^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/,
};

/**
 * The `Origin` the extension's requests carry. Chromium's is the extension ID; Firefox's is a random UUID
 * made for each installation (shown at about:debugging → This Firefox → the add-on's "Internal UUID").
 */
export const EXTENSION_ORIGIN_SHAPE: Record<BrowserFamily, RegExp> = {
  chromium: /^chrome-extension:\/\/[a-p]{32}$/,
  firefox: /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

// ---- launchWebAuthFlow's failures ----------------------------------------------------------------------

export type AuthFlowFailure = 'cancelled' | 'cancelled_or_unreachable' | 'page_failed' | 'other';

/**
 * Chromium: closing the window → "The user did not approve access."; a network error or HTTP ≥ 400 on the
 * auth page → "Authorization page could not be loaded.". Firefox: closing the window → "User cancelled or
 * denied access.", also when the page could not be reached: Firefox then opens its window on its own error page
 * (`about:neterror`) and waits for the person to close it (seen in Firefox ESR 153), and when the page failed with
 * an HTTP error. So a Firefox cancellation is `cancelled_or_unreachable`, checked in `web-auth-flow.ts`: WordPress.com
 * unreachable makes it a network failure. ("Invalid request" is kept as a failed page, for a Firefox that says so.)
 */
const FAILURE_BY_MESSAGE: ReadonlyMap<string, AuthFlowFailure> = new Map([
  ['The user did not approve access.', 'cancelled'],
  ['User cancelled or denied access.', 'cancelled_or_unreachable'],
  ['Authorization page could not be loaded.', 'page_failed'],
  ['Invalid request', 'page_failed'],
]);

/** What a rejected `launchWebAuthFlow` means, from the browser's words (never shown to the person). */
export function authFlowFailure(message: string): AuthFlowFailure {
  return FAILURE_BY_MESSAGE.get(message) ?? 'other';
}

// ---- storage.session -----------------------------------------------------------------------------------

interface SessionArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
}

/**
 * The sign-in's `state` lives in `storage.session`; no content script may read it. Chromium lets an extension
 * open the area to content scripts (`setAccessLevel`), trusted contexts only by default: say so explicitly,
 * so nothing depends on a default. Firefox has no `setAccessLevel`: its session area is never exposed to
 * content scripts, so there is nothing to do.
 */
export async function keepSessionStorageTrusted(session: SessionArea): Promise<void> {
  if (typeof session.setAccessLevel === 'function') await session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
}

// ---- The background ------------------------------------------------------------------------------------
//
// Chromium runs `entrypoints/background.ts` as an MV3 service worker, Firefox (which has no extension service
// workers) as an MV3 event page (`background.scripts`); WXT writes the manifest's `background` for each. Both
// stop when idle and lose their globals, and both stay up while `launchWebAuthFlow` is pending (checked in
// Firefox ESR with a 2 s idle timeout: tests/e2e-firefox). So no code branches on it: listeners are registered
// at the top level, nothing else runs there, and all state lives in `storage`.
