/** The consent page: which app asks, what it gets, which account to use, Approve or Deny. */
import type { EmulatorClient } from './clients.ts';
import { renderSitePicker, requestedBlog } from './consent-site-picker.ts';
import { escapeHtml, type HtmlPage, htmlPage } from './html.ts';
import { describeGrant } from './scopes.ts';
import { siteUrl } from './sites.ts';
import type { PendingConsent } from './store.ts';
import { USERS } from './users.ts';

/** The hidden fields a rendering carries; the POST must send them back unchanged. */
export function consentHiddenFields(pending: PendingConsent, nonce: string): Record<string, string> {
  const fields: Record<string, string> = {
    nonce,
    endpoint: pending.endpoint,
    client_id: pending.clientId,
    redirect_uri: pending.redirectUri,
    scope: pending.scopes.join(' '),
  };
  if (pending.state !== undefined) fields.state = pending.state;
  if (pending.blog !== undefined) fields.blog = pending.blog;
  return fields;
}

/** The CSP `form-action` source that lets the browser follow the post's redirect to the app. */
function redirectTarget(redirectUri: string): string {
  const url = new URL(redirectUri);
  return url.origin === 'null' ? url.protocol : url.origin;
}

export function consentTitle(client: EmulatorClient): string {
  return `Connect ${client.name} to your account`;
}

export function renderConsentPage(client: EmulatorClient, pending: PendingConsent, nonce: string): HtmlPage {
  const title = consentTitle(client);
  const hidden = Object.entries(consentHiddenFields(pending, nonce))
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  // One-site grants: the account owning the requested site is checked, and a site picker follows.
  const requested = pending.kind === 'site' ? requestedBlog(pending.blog) : undefined;
  const checkedUser = requested?.owner ?? USERS[0]?.key;
  const accounts = USERS.map(
    (user) =>
      `<label><input type="radio" name="user" value="${user.key}"${user.key === checkedUser ? ' checked' : ''}> ` +
      `${escapeHtml(user.displayName)} <span class="note">@${escapeHtml(user.username)}</span></label>`,
  ).join('\n');
  const picker = requested ? `\n<div class="site-picker">\n${renderSitePicker(requested)}\n</div>` : '';
  const requestedUrl = requested?.site ? siteUrl(requested.site) : undefined;
  const grants = describeGrant(pending.kind, pending.scopes, requestedUrl)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join('\n');
  const body = `<h1>${escapeHtml(title)}</h1>
<p><strong>${escapeHtml(client.name)}</strong> would like to:</p>
<ul>
${grants}
</ul>
<form method="post" action="/oauth2/consent">
${hidden}
<fieldset>
<legend>Account</legend>
${accounts}
</fieldset>${picker}
<p class="note">You will be sent back to ${escapeHtml(new URL(pending.redirectUri).host || pending.redirectUri)}.</p>
<div class="buttons">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>
<p class="note">This is the local WordPress.com emulator. Nothing leaves this machine.</p>`;
  return htmlPage(title, body, [redirectTarget(pending.redirectUri)]);
}
