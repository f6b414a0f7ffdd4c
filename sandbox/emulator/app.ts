/** The emulator as one Hono app: Web-standard only, so it runs unchanged under any server. */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { EmulatorClient } from './clients.ts';
import { connectedAppsRoutes } from './connected-apps-page.ts';
import { consentRoutes } from './consent-routes.ts';
import type { EmulatorContext } from './context.ts';
import { controlRoutes } from './control-routes.ts';
import { gravatarRoutes } from './gravatar-routes.ts';
import { restRoutes } from './rest-routes.ts';
import { EmulatorStore } from './store.ts';
import { tokenRoutes } from './token-routes.ts';

/** How long a code can be exchanged. Assumed: WordPress.com documents codes only as short-lived. */
export const DEFAULT_CODE_TTL_MS = 5 * 60 * 1000;

export interface EmulatorAppOptions {
  clients: readonly EmulatorClient[];
  /** How long an authorization code stays usable. */
  codeTtlMs?: number;
  /** The emulator's own origin; defaults to the origin each request was made to. */
  publicUrl?: () => string;
  /** Share a store with the caller (tests); a fresh one otherwise. */
  store?: EmulatorStore;
  /** The caller's IP, which the server knows (Node: `getConnInfo`); without it all callers count as one. */
  clientIp?: (c: Context) => string | undefined;
}

function isRestPath(path: string): boolean {
  return path === '/rest' || path.startsWith('/rest/');
}

export function createEmulatorApp(options: EmulatorAppOptions): Hono {
  const store = options.store ?? new EmulatorStore(options.codeTtlMs ?? DEFAULT_CODE_TTL_MS);
  const ctx: EmulatorContext = {
    store,
    clients: options.clients,
    baseUrl: (requestUrl) => options.publicUrl?.() || new URL(requestUrl).origin,
    clientIp: (c) => {
      try {
        return options.clientIp?.(c) || undefined;
      } catch {
        return undefined; // a runtime without socket information (`app.request()`)
      }
    },
  };
  const app = new Hono();
  app.use(
    '*',
    bodyLimit({
      maxSize: 64 * 1024,
      // In the error shape of the API the path belongs to: REST's `{error, message}`, OAuth's otherwise.
      onError: (c) =>
        isRestPath(c.req.path)
          ? c.json({ error: 'invalid_request', message: 'The body is too large.' }, 413)
          : c.json({ error: 'invalid_request', error_description: 'The body is too large.' }, 413),
    }),
  );
  app.route('/oauth2', consentRoutes(ctx));
  app.route('/oauth2', tokenRoutes(ctx));
  app.route('/rest', restRoutes(ctx));
  app.route('/__sandbox', controlRoutes(ctx));
  app.route('/', gravatarRoutes(ctx));
  app.route('/', connectedAppsRoutes(ctx));
  app.get('/', (c) => c.text('Local WordPress.com emulator.'));
  app.notFound((c) => c.json({ error: 'not_found', message: 'Nothing here.' }, 404));
  return app;
}
