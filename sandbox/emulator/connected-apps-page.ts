/**
 * WordPress.com's Connected Apps page (`wordpress.com/me/security/connected-applications`), where a person removes an
 * app's access: the page the extension points to when a revoke could not end a token at WordPress.com. The real page
 * shows the signed-in person's apps; the emulator has no sign-in session (its consent page asks who approves), so it
 * shows each sandbox user's. Removing an app ends every token it holds for that person, as WordPress.com says of
 * removing a connected application. No scripts: a form per app, and the form posts back here.
 */
import { Hono } from 'hono';
import { findClient } from './clients.ts';
import type { EmulatorContext } from './context.ts';
import { escapeHtml, htmlPage } from './html.ts';
import { USERS } from './users.ts';

export const CONNECTED_APPS_PATH = '/me/security/connected-applications';

function renderPage(ctx: EmulatorContext, removed: string | undefined): string {
  const sections = USERS.map((user) => {
    const clientIds = [...new Set(ctx.store.liveTokens(user.key).map((token) => token.clientId))];
    const rows = clientIds.flatMap((clientId) => {
      const client = findClient(ctx.clients, clientId);
      if (!client) return [];
      return [
        `<li>${escapeHtml(client.name)} <span class="note">(client ${escapeHtml(client.clientId)})</span>
<form method="post" action="${CONNECTED_APPS_PATH}"><input type="hidden" name="user" value="${user.key}"><input type="hidden" name="app" value="${escapeHtml(client.clientId)}"><button type="submit" value="remove">Remove</button></form></li>`,
      ];
    });
    const list = rows.length > 0 ? `<ul>${rows.join('\n')}</ul>` : '<p class="note">No connected applications.</p>';
    return `<h2>${escapeHtml(user.displayName)} (@${escapeHtml(user.username)})</h2>\n${list}`;
  });
  const notice = removed ? `<p class="notice" role="status">${escapeHtml(removed)}</p>\n` : '';
  return `<h1>Connected Applications</h1>
${notice}<p class="note">The sandbox's stand-in for WordPress.com → Security → Connected Apps. Removing an app ends its
access: every token it holds for that person.</p>
${sections.join('\n')}`;
}

export function connectedAppsRoutes(ctx: EmulatorContext): Hono {
  const routes = new Hono();
  routes.get(CONNECTED_APPS_PATH, (c) => {
    // After a removal: which one, by its IDs (no text of the query's is shown), and only while that person has no
    // token of that app (a link made up to say so of a live one shows nothing).
    const user = USERS.find((candidate) => candidate.key === c.req.query('user'));
    const client = findClient(ctx.clients, c.req.query('removed'));
    const gone = user && client && !ctx.store.liveTokens(user.key).some((token) => token.clientId === client.clientId);
    const removed = gone ? `Removed ${client.name} for ${user.displayName}.` : undefined;
    const page = htmlPage('Connected Applications', renderPage(ctx, removed));
    return c.html(page.html, 200, page.headers);
  });
  routes.post(CONNECTED_APPS_PATH, async (c) => {
    // Only this page's own forms. Its no-referrer policy makes a browser send `Origin: null` with them; Fetch Metadata
    // still says where the post came from.
    const sameOrigin =
      c.req.header('sec-fetch-site') === 'same-origin' || c.req.header('origin') === ctx.baseUrl(c.req.url);
    if (!sameOrigin) return c.text('Forbidden: only this page’s own forms may remove an app.', 403);
    const form = await c.req.parseBody();
    const user = USERS.find((candidate) => candidate.key === form.user);
    const client = typeof form.app === 'string' ? findClient(ctx.clients, form.app) : undefined;
    if (!user || !client) return c.text('Unknown user or application.', 400);
    ctx.store.revokeTokens({ userKey: user.key, clientId: client.clientId });
    const back = `${CONNECTED_APPS_PATH}?${new URLSearchParams({ removed: client.clientId, user: user.key })}`;
    return c.redirect(back, 303);
  });
  return routes;
}
