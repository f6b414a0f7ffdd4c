/** What `npm start` prints: the summary once everything runs, and one line per proxy request. */
import type { RequestLogEntry } from '../proxy/request-log';
import type { BrowserFamily } from '../utils/browser-differences';

export interface StartSummary {
  /** Default chromium. */
  browser?: BrowserFamily;
  /** Chromium's extension ID, or Firefox's add-on (gecko) ID. */
  extensionId: string;
  redirectUri: string;
  emulatorUrl: string;
  proxyUrl: string;
  popupUrl: string;
  /** The built extension, absolute: what a person loads in a browser of their own. */
  extensionDir: string;
  headless: boolean;
  users: ReadonlyArray<{ key: string; username: string; displayName: string; verified: boolean }>;
}

export function formatStartSummary(summary: StartSummary): string {
  const width = Math.max(...summary.users.map((user) => user.key.length));
  const users = summary.users.map(
    (user) =>
      `    ${user.key.padEnd(width)}  ${user.displayName} (@${user.username}), email ${user.verified ? 'verified' : 'not verified'}`,
  );
  const firefox = summary.browser === 'firefox';
  const browserName = firefox ? 'Firefox ESR' : 'Chromium';
  return [
    '',
    `WordPress.com Connect sandbox is running in ${browserName}${summary.headless ? ' (headless)' : ''}.`,
    '',
    `  ${firefox ? 'Add-on ID   ' : 'Extension ID'}   ${summary.extensionId}`,
    `  Redirect URI   ${summary.redirectUri}`,
    `  Emulator       ${summary.emulatorUrl}`,
    `  Token proxy    ${summary.proxyUrl}`,
    `  Popup          ${summary.popupUrl}`,
    `  Extension      ${summary.extensionDir}`,
    `  Switches       POST ${summary.emulatorUrl}/__sandbox/behaviour (offline, slow, refusals: sandbox/emulator/README.md)`,
    '',
    "  Sign in on the emulator's consent page as:",
    ...users,
    '',
    ...(summary.headless ? [...headlessHelp(summary), ''] : []),
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/**
 * A headless browser has no window to click in, and its popup URL opens nowhere else: how to try the sandbox by hand
 * with the same extension, in a browser with a window, here or on another machine.
 */
function headlessHelp(summary: StartSummary): string[] {
  const ports = [summary.emulatorUrl, summary.proxyUrl].map((url) => new URL(url).port);
  const forward = `ssh ${ports.map((port) => `-L ${port}:127.0.0.1:${port}`).join(' ')} <this machine>`;
  if (summary.browser === 'firefox') {
    const uuid = new URL(summary.popupUrl).host;
    return [
      '  Headless: there is no window to click in. To try it by hand, load the Extension folder in a Firefox ESR with',
      '  a window (about:debugging → This Firefox → Load Temporary Add-on… → its manifest.json), after setting',
      `  extensions.webextensions.uuids in about:config to {"${summary.extensionId}":"${uuid}"}, so that the`,
      '  proxy admits its origin: on this machine, or on another (copy the folder) after forwarding the ports:',
      `  ${forward}`,
    ];
  }
  return [
    '  Headless: there is no window to click in, and the Popup URL opens only in that browser. To try it by hand,',
    '  load the Extension folder in a Chromium with a window (chrome://extensions → Developer mode → Load unpacked;',
    '  the manifest key keeps the ID above): on this machine, or on another (copy the folder) after forwarding',
    `  the ports: ${forward}`,
  ];
}

/**
 * `proxy  POST /token 200`: the path only, never a query string, header or body. A request Node refused unparsed:
 * `proxy  (not parsed) 400`.
 */
export function formatProxyRequest(entry: Pick<RequestLogEntry, 'method' | 'path' | 'status'>): string {
  if (entry.method === null || entry.path === null) return `proxy  (not parsed) ${entry.status}`;
  return `proxy  ${entry.method} ${entry.path.split('?')[0]} ${entry.status}`;
}
