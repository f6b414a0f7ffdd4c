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
    '',
    "  Sign in on the emulator's consent page as:",
    ...users,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/**
 * `proxy  POST /token 200`: the path only, never a query string, header or body. A request Node refused unparsed:
 * `proxy  (not parsed) 400`.
 */
export function formatProxyRequest(entry: Pick<RequestLogEntry, 'method' | 'path' | 'status'>): string {
  if (entry.method === null || entry.path === null) return `proxy  (not parsed) ${entry.status}`;
  return `proxy  ${entry.method} ${entry.path.split('?')[0]} ${entry.status}`;
}
