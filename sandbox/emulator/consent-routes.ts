/** GET /oauth2/authenticate, GET /oauth2/authorize (the consent page) and POST /oauth2/consent (its form). */
import { Hono } from 'hono';
import { readAuthorizeRequest } from './authorize-request.ts';
import { readConsentForm } from './consent-form.ts';
import { renderConsentPage } from './consent-page.ts';
import type { EmulatorContext } from './context.ts';
import { errorPage, type HtmlPage } from './html.ts';
import { isFormEncoded, paramRecord, queryRecord } from './params.ts';
import { redirectBack } from './redirect-back.ts';
import type { AuthEndpoint } from './scopes.ts';

function send(page: HtmlPage, status: number): Response {
  return new Response(page.html, { status, headers: page.headers });
}

function redirect(location: string): Response {
  return new Response(null, {
    status: 302,
    headers: { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });
}

export function consentRoutes(ctx: EmulatorContext): Hono {
  const { store } = ctx;
  const routes = new Hono();

  const showConsent = (endpoint: AuthEndpoint, requestUrl: string): Response => {
    store.stats.consentPages++;
    const query = queryRecord(requestUrl);
    const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);
    store.countAuthFlow(single(query.client_id), single(query.state));
    const { consentStatus, tamperState } = store.behaviour;
    if (consentStatus !== 200) {
      return send(errorPage('Something went wrong', 'The emulator was told to fail this page.'), consentStatus);
    }
    const outcome = readAuthorizeRequest(endpoint, query, ctx.clients);
    switch (outcome.type) {
      case 'error-page':
        return send(errorPage(outcome.title, outcome.message), 400);
      case 'error-redirect': {
        const params = { error: outcome.error, error_description: outcome.description };
        return redirect(redirectBack(outcome.redirectUri, params, outcome.state, tamperState));
      }
      case 'consent': {
        const nonce = store.createNonce(outcome.pending);
        return send(renderConsentPage(outcome.client, outcome.pending, nonce), 200);
      }
    }
  };

  routes.get('/authenticate', (c) => showConsent('authenticate', c.req.url));
  routes.get('/authorize', (c) => showConsent('authorize', c.req.url));

  routes.post('/consent', async (c) => {
    if (!isFormEncoded(c.req.header('content-type'))) {
      return send(errorPage('Invalid request', 'The consent form must be posted as a form.'), 400);
    }
    const form = paramRecord(new URLSearchParams(await c.req.text()));
    const result = readConsentForm(store, form);
    if (!result.ok) return send(errorPage('Invalid consent form', result.message), 400);
    const { pending, decision, userKey, blogId } = result;
    const { tamperState } = store.behaviour;
    if (decision === 'deny') {
      store.stats.consentDenials++;
      const params = { error: 'access_denied', error_description: 'The user denied access to your application.' };
      return redirect(redirectBack(pending.redirectUri, params, pending.state, tamperState));
    }
    store.stats.consentApprovals++;
    const code = store.issueCode({
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      userKey,
      kind: pending.kind,
      scopes: store.behaviour.grantWholeSite && pending.kind === 'site' ? [] : pending.scopes,
      blogId,
    });
    return redirect(redirectBack(pending.redirectUri, { code }, pending.state, tamperState));
  });

  return routes;
}
