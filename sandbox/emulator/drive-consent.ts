/**
 * Drives the emulator's consent page over plain HTTP, as a person with a browser would: load the page,
 * read the form's hidden fields, post the form, and read the redirect without following it.
 */

export interface ConsentParams {
  clientId: string;
  redirectUri: string;
  state?: string;
  scope?: string;
  /** Default: the account the page checked (alice, or the owner of the `blog` asked for). */
  user?: 'alice' | 'bob';
  /** The `blog` parameter (a site ID, host or URL), for /authorize one-site grants. */
  blog?: string;
  /**
   * The site to pick in the page's site picker (one-site grants). Default: whatever the page preselected,
   * as a person who leaves the picker alone would send (the requested site, or the account's primary site).
   */
  blogId?: number;
  /** Default authenticate (login). */
  endpoint?: 'authenticate' | 'authorize';
  /** Default approve. */
  decision?: 'approve' | 'deny';
}

export interface ConsentResult {
  location: URL;
  code: string | null;
  state: string | null;
  error: string | null;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => {
    const map: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
    return map[name] ?? '';
  });
}

/** The hidden inputs of the page's form, in order. */
export function hiddenFields(html: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const tag of html.match(/<input\b[^>]*>/g) ?? []) {
    if (!/\btype="hidden"/.test(tag)) continue;
    const name = tag.match(/\bname="([^"]*)"/)?.[1];
    const value = tag.match(/\bvalue="([^"]*)"/)?.[1];
    if (name !== undefined) fields.push([decodeEntities(name), decodeEntities(value ?? '')]);
  }
  return fields;
}

/** The value of the checked radio button named `name`, if any. */
export function checkedRadio(html: string, name: string): string | undefined {
  for (const tag of html.match(/<input\b[^>]*>/g) ?? []) {
    if (/\btype="radio"/.test(tag) && tag.includes(`name="${name}"`) && /\bchecked\b/.test(tag)) {
      const value = tag.match(/\bvalue="([^"]*)"/)?.[1];
      if (value !== undefined) return decodeEntities(value);
    }
  }
  return undefined;
}

/** What a browser would send for `<select name="…">`: the selected option, else the first; undefined without one. */
export function selectedOption(html: string, name: string): string | undefined {
  const select = html.match(new RegExp(`<select\\b[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</select>`))?.[1];
  if (select === undefined) return undefined;
  const options = select.match(/<option\b[^>]*>/g) ?? [];
  const chosen = options.find((tag) => /\bselected\b/.test(tag)) ?? options[0];
  const value = chosen?.match(/\bvalue="([^"]*)"/)?.[1];
  return value === undefined ? undefined : decodeEntities(value);
}

function resultOf(response: Response, base: string): ConsentResult {
  const header = response.headers.get('location');
  if (!header) throw new Error(`Expected a redirect from the emulator, got HTTP ${response.status}`);
  const location = new URL(header, base);
  const get = (name: string) => location.searchParams.get(name);
  return { location, code: get('code'), state: get('state'), error: get('error') };
}

export async function obtainCode(oauthUrl: string, params: ConsentParams): Promise<ConsentResult> {
  const pageUrl = new URL(`${oauthUrl}/${params.endpoint ?? 'authenticate'}`);
  pageUrl.searchParams.set('client_id', params.clientId);
  pageUrl.searchParams.set('redirect_uri', params.redirectUri);
  pageUrl.searchParams.set('response_type', 'code');
  if (params.state !== undefined) pageUrl.searchParams.set('state', params.state);
  if (params.scope !== undefined) pageUrl.searchParams.set('scope', params.scope);
  if (params.blog !== undefined) pageUrl.searchParams.set('blog', params.blog);

  const page = await fetch(pageUrl, { redirect: 'manual' });
  // A refused request (bad scope, response type) redirects straight back to the app.
  if (page.status >= 300 && page.status < 400) return resultOf(page, pageUrl.href);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`The consent page answered HTTP ${page.status}`);
  const action = html.match(/<form\b[^>]*\baction="([^"]*)"/)?.[1];
  if (action === undefined) throw new Error('The consent page has no form');

  const form = new URLSearchParams(hiddenFields(html));
  form.set('user', params.user ?? checkedRadio(html, 'user') ?? 'alice');
  const site = params.blogId === undefined ? selectedOption(html, 'blog_id') : String(params.blogId);
  if (site !== undefined) form.set('blog_id', site);
  form.set('decision', params.decision ?? 'approve');
  const formUrl = new URL(decodeEntities(action), pageUrl);
  const answer = await fetch(formUrl, { method: 'POST', body: form, redirect: 'manual' });
  await answer.body?.cancel();
  return resultOf(answer, formUrl.href);
}
