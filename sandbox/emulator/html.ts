/** Small HTML helpers for the emulator's pages: escaping, one page shell, strict headers. No scripts anywhere. */
import { randomBytes, toBase64 } from './random.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f6f7f7; color: #1d2327; }
main { max-width: 28rem; margin: 3rem auto; padding: 2rem; background: #fff; border: 1px solid #dcdcde; border-radius: 8px; }
h1 { font-size: 1.4rem; line-height: 1.3; margin-top: 0; }
fieldset { border: 1px solid #dcdcde; border-radius: 6px; margin: 1rem 0; }
label { display: block; padding: 0.25rem 0; }
.buttons { display: flex; gap: 0.75rem; }
button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 4px; border: 1px solid #2271b1; cursor: pointer; }
button[value="approve"] { background: #2271b1; color: #fff; }
button[value="deny"] { background: #fff; color: #2271b1; }
.note { color: #50575e; font-size: 0.9rem; }
select { font: inherit; width: 100%; padding: 0.25rem; }
.notice { background: #fcf9e8; border-left: 4px solid #dba617; padding: 0.5rem 0.75rem; }
`;

export interface HtmlPage {
  html: string;
  headers: Record<string, string>;
}

/**
 * A complete page and the headers to send with it. `formTargets` are the origins a form on the page may
 * post or redirect to (Chromium applies `form-action` to the redirect after a form post too).
 */
export function htmlPage(title: string, body: string, formTargets: readonly string[] = []): HtmlPage {
  const styleNonce = toBase64(randomBytes(16));
  const formAction = ["'self'", ...formTargets].join(' ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style nonce="${styleNonce}">${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
  return {
    html,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${styleNonce}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
    },
  };
}

/** The page WordPress.com shows instead of redirecting when the request cannot be trusted. */
export function errorPage(title: string, message: string): HtmlPage {
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
