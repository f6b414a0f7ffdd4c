/**
 * The site part of the consent page for one-site grants (/oauth2/authorize without `global`). WordPress.com's
 * docs: the token reaches one site, which "the user picks when `blog` is absent or not theirs". So when `blog`
 * names a site of one of the accounts, the page shows that site with no picker (and a post naming another site
 * for its owner is refused, consent-form.ts: the form is the client's to tamper with). Otherwise the page has a
 * picker; here the account is picked on the same page, so it lists each account's sites in a group, and says
 * so when the requested site is not theirs.
 */
import { escapeHtml } from './html.ts';
import { type SiteFixture, siteByBlogParam, sitesOf } from './sites.ts';
import { USERS, type UserKey, userByKey } from './users.ts';

/** What the page makes of the `blog` parameter. */
export interface RequestedBlog {
  /** The site it names, when one of the emulated accounts owns it. */
  site: SiteFixture | undefined;
  /** The account that owns it: checked on the page. */
  owner: UserKey | undefined;
  /** `blog` as sent, when it names no site of these accounts (a stranger's site or none at all). */
  notTheirs: string | undefined;
}

export function requestedBlog(blog: string | undefined): RequestedBlog {
  if (blog === undefined || blog.trim() === '') return { site: undefined, owner: undefined, notTheirs: undefined };
  const site = siteByBlogParam(blog);
  if (site?.owner) return { site, owner: site.owner, notTheirs: undefined };
  return { site: undefined, owner: undefined, notTheirs: blog };
}

/** The `<option value="">`: the primary site of whichever account is chosen. */
export const PRIMARY_SITE_CHOICE = '';

/** The site the app asked for, owned by one of the accounts: shown, not offered for change. */
function renderRequestedSite(site: SiteFixture, owner: UserKey): string {
  const user = userByKey(owner);
  return `<p class="site-requested">Site: <strong>${escapeHtml(site.name)}</strong> (${escapeHtml(site.host)}), the site the app asked for, of @${escapeHtml(user.username)}.</p>
<p class="note">Approving as another account gives that account’s primary site instead.</p>`;
}

export function renderSitePicker(requested: RequestedBlog): string {
  if (requested.site !== undefined && requested.owner !== undefined) {
    return renderRequestedSite(requested.site, requested.owner);
  }
  const groups = USERS.map((user) => {
    const options = sitesOf(user.key).map((site) => {
      const selected = site.ID === requested.site?.ID ? ' selected' : '';
      return `<option value="${site.ID}"${selected}>${escapeHtml(site.name)} (${escapeHtml(site.host)})</option>`;
    });
    const label = `${user.displayName} (@${user.username})`;
    return `<optgroup label="${escapeHtml(label)}">\n${options.join('\n')}\n</optgroup>`;
  });
  const primarySelected = requested.site === undefined ? ' selected' : '';
  const notice =
    requested.notTheirs === undefined
      ? ''
      : `<p class="notice" role="alert">The app asked for ${escapeHtml(requested.notTheirs)}, which is not one of ` +
        'your sites. Choose one of yours instead.</p>\n';
  return `${notice}<label for="blog_id">Site</label>
<select id="blog_id" name="blog_id">
<option value="${PRIMARY_SITE_CHOICE}"${primarySelected}>The chosen account’s primary site</option>
${groups.join('\n')}
</select>
<p class="note">Choose one of the sites of the account you approve as.</p>`;
}
