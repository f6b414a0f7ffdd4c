/**
 * The one message protocol between the extension's pages (popup, options) and the background worker.
 * Every message is declared here with a zod schema and parsed where it is received.
 * The token never crosses it: pages see connections' descriptions and profiles only.
 */
import { z } from 'zod';
import { accessRequestSchema, settingsSchema } from './access';
import { connectionIdSchema, connectionViewSchema, MAX_CONNECTIONS } from './connection';
import { ERROR_CODES } from './errors';

/** Top-level nodes of a kept frame, at most (the popup draws a handful). */
const MAX_FRAME_ROOTS = 100;

/** The connections a popup frame shows: the active one and the whole set. */
const drawnForSchema = () =>
  z.strictObject({
    activeId: connectionIdSchema.nullable(),
    connectionIds: z.array(connectionIdSchema).max(MAX_CONNECTIONS),
  });

/** A console parameter value as the person typed it; the catalogue validates it further. */
const paramValue = () => z.string().max(2048);
const paramName = () => z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/);
const endpointId = () => z.string().regex(/^[a-z0-9-]{1,64}$/);

/** Parameters a console draft may hold values for (an endpoint has a handful; values are kept across endpoints). */
const MAX_DRAFT_PARAMS = 32;

/** The endpoint console as the person left it, for one connection (utils/console-draft.ts). */
export const consoleDraftSchema = z.lazy(() =>
  z.strictObject({
    connectionId: connectionIdSchema,
    endpoint: endpointId(),
    values: z
      .record(paramName(), paramValue())
      .refine((values) => Object.keys(values).length <= MAX_DRAFT_PARAMS, `at most ${MAX_DRAFT_PARAMS} parameters`),
  }),
);
export type ConsoleDraft = z.infer<typeof consoleDraftSchema>;

/**
 * Page → background, one schema per `type`, each built the first time a message of that type arrives: a cold
 * worker answering `getState` builds that one schema, not all of them (see `parseRequest`).
 */
const requests = {
  getState: () => z.strictObject({ type: z.literal('getState') }),
  /** Starts a sign-in; without `access`, the one saved on the options page. */
  signIn: () => z.strictObject({ type: z.literal('signIn'), access: accessRequestSchema.optional() }),
  /** Refreshes the active connection's profile (and its Gravatar profile, when due). */
  refreshProfile: () => z.strictObject({ type: z.literal('refreshProfile') }),
  /**
   * Checks the connections' tokens with `/oauth2/token-info`. Throttled in the worker (a popup opening
   * sends it every time); `force` (the status view's "Check now") skips the throttle.
   */
  checkHealth: () => z.strictObject({ type: z.literal('checkHealth'), force: z.boolean().optional() }),
  /** Makes another stored connection the active one. */
  selectConnection: () => z.strictObject({ type: z.literal('selectConnection'), id: connectionIdSchema }),
  /** Ends one connection (the active one without `id`); the others stay. */
  revoke: () => z.strictObject({ type: z.literal('revoke'), id: connectionIdSchema.optional() }),
  saveSettings: () => z.strictObject({ type: z.literal('saveSettings'), settings: settingsSchema }),
  /** Hides the "sign in again" offer. */
  dismissRestore: () => z.strictObject({ type: z.literal('dismissRestore') }),
  /** A page showed the kept outcome (`state.outcome`): the worker forgets it. */
  dismissOutcome: () => z.strictObject({ type: z.literal('dismissOutcome'), id: outcomeIdSchema }),
  /**
   * The popup's kept first frame (utils/first-frame.ts), for the worker to serve the popup page with it while it
   * runs (utils/popup-route.ts); `null` forgets it. The nodes are checked by the frame's own reader, which has the
   * frame's limits (elements, depth) and its allowlists; here only their number is bounded. `drawnFor` names the
   * connections the frame shows: the worker takes the frame only while they are the stored ones (a popup's kept
   * frame may be older than a change made while no popup was open).
   */
  keepFrame: () =>
    z.strictObject({
      type: z.literal('keepFrame'),
      frame: z
        .strictObject({ drawnBy: z.string().max(2048), nodes: z.array(z.unknown()).max(MAX_FRAME_ROOTS) })
        .nullable(),
      drawnFor: drawnForSchema().optional(),
    }),
  /**
   * Calls a catalogue endpoint with the token of `connectionId`, the connection the console shows; refused,
   * with nothing sent, when that is no longer the active connection.
   */
  callEndpoint: () =>
    z.strictObject({
      type: z.literal('callEndpoint'),
      connectionId: connectionIdSchema,
      endpoint: endpointId(),
      params: z.record(paramName(), paramValue()),
    }),
  /**
   * Keeps what the console shows (`draft`) for the next popup: a real popup closes whenever it loses the focus.
   * Kept only while its connection is stored.
   */
  keepConsoleDraft: () => z.strictObject({ type: z.literal('keepConsoleDraft'), draft: consoleDraftSchema }),
  /** Asks for the console's kept draft for `connectionId` (answered in `draft`, absent when none is kept). */
  readConsoleDraft: () => z.strictObject({ type: z.literal('readConsoleDraft'), connectionId: connectionIdSchema }),
};
type RequestType = keyof typeof requests;
type RequestSchema = ReturnType<(typeof requests)[RequestType]>;

/** Every request: the union of the schemas above (one `type` each), as one schema. */
export const requestSchema = z.lazy(() =>
  z.discriminatedUnion('type', Object.values(requests).map((build) => build()) as [RequestSchema, ...RequestSchema[]]),
);
export type BackgroundRequest = z.infer<typeof requestSchema>;

const built = new Map<RequestType, RequestSchema>();

/**
 * A message parsed as a request: exactly what `requestSchema` accepts (an object whose `type` names a request,
 * and that request's fields only), but only the schema of the `type` it names is built.
 */
export function parseRequest(message: unknown): { success: true; data: BackgroundRequest } | { success: false } {
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(requests, type)) return { success: false };
  const name = type as RequestType;
  let schema = built.get(name);
  if (!schema) {
    schema = requests[name]();
    built.set(name, schema);
  }
  const parsed = schema.safeParse(message);
  return parsed.success ? { success: true, data: parsed.data as BackgroundRequest } : { success: false };
}

/** The "sign in again" offer: the access that recreates a removed connection, and whose it was. */
export const restoreOfferSchema = z.lazy(() =>
  z.strictObject({
    access: accessRequestSchema,
    /** Whose connection it was, in words ("Alice Example — One site: alicewrites.wordpress.com"). */
    label: z.string().max(300),
    removedAt: z.number().int().positive(),
  }),
);
export type RestoreOffer = z.infer<typeof restoreOfferSchema>;

/** What a revoke did at WordPress.com, and how many of the account's other connections went with it. */
export const revocationSchema = z.lazy(() =>
  z.strictObject({ remote: z.enum(['ended', 'manual']), othersRemoved: z.number().int().nonnegative().max(100) }),
);

/**
 * What the last sign-in, revoke or check has to tell the person (utils/kept-outcome.ts): a failure or notice, or
 * what a revoke did. Kept until a page has shown it.
 */
export const outcomeIdSchema = z.lazy(() => z.string().regex(/^[0-9a-f-]{36}$/));
export const outcomeSchema = z.lazy(() =>
  z.union([
    z.strictObject({ id: outcomeIdSchema, problem: errorInfoSchema }),
    z.strictObject({ id: outcomeIdSchema, revocation: revocationSchema }),
  ]),
);
export type Outcome = z.infer<typeof outcomeSchema>;

export const appStateSchema = z.lazy(() =>
  z.strictObject({
    /** `signed_in` when at least one connection is stored. */
    status: z.enum(['signed_out', 'signing_in', 'signed_in']),
    connections: z.array(connectionViewSchema),
    /** The connection the popup shows and the console uses; null when there is none. */
    activeId: connectionIdSchema.nullable(),
    settings: settingsSchema,
    /**
     * Set while WordPress.com cannot be reached (the last refresh or check failed at the network level):
     * the popup shows the cached profile marked "Offline — last updated <time>". Cleared by the next success.
     */
    offline: z.strictObject({ since: z.number().int().positive() }).optional(),
    /**
     * Set when a health check, a profile refresh or a console call found a connection's token no longer valid
     * and removed it: the popup offers one click to sign in again with the same access. Cleared by a sign-in or
     * by `dismissRestore`.
     */
    restore: restoreOfferSchema.optional(),
    /**
     * What the last sign-in, revoke or check has to tell the person, until a page has shown it and sent
     * `dismissOutcome`: the popup that asked has often closed by then (WordPress.com's window took the focus).
     */
    outcome: outcomeSchema.optional(),
    /**
     * While signing in: the sign-in under way asks for the access the restore offer names ("Sign in again"), so a
     * popup opened meanwhile shows the wait on that button, not on "Log in".
     */
    signingInAgain: z.literal(true).optional(),
    /**
     * While signing in: the access the sign-in under way asks for. It may not be the saved one (the options page's
     * "Sign in with this access", a "Sign in again"), and a popup opened meanwhile says what its window would grant.
     */
    signingInWith: accessRequestSchema.optional(),
  }),
);
export type AppState = z.infer<typeof appStateSchema>;

export const errorInfoSchema = z.lazy(() =>
  z.strictObject({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    providerError: z.string().optional(),
    /** Seconds to wait before trying again, when WordPress.com said so (429 `Retry-After`). */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
);
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

/** What an endpoint call answered: shown in the console's "Response" region. */
export const callResultSchema = z.lazy(() =>
  z.strictObject({
    endpoint: z.string(),
    /** The request as sent, without the token: method and URL (path and query). */
    method: z.string(),
    url: z.string(),
    /** HTTP status. */
    status: z.number().int(),
    durationMs: z.number().nonnegative(),
    /** The answer as pretty-printed JSON (or its text when it was not JSON). */
    body: z.string(),
    /** The answer was longer than 1 MB: `body` holds its first 1 MB as text, not pretty-printed nor checked. */
    truncated: z.literal(true).optional(),
    /** When the answer did not match the catalogue's response schema, why (the body is still shown). */
    schemaProblem: z.string().optional(),
    /** For an error answer: what it means and what to do next. */
    problem: errorInfoSchema.optional(),
  }),
);
export type CallResult = z.infer<typeof callResultSchema>;

/** Background → page, the answer to every request. */
export const responseSchema = z.lazy(() =>
  z.discriminatedUnion('ok', [
    z.strictObject({
      ok: z.literal(true),
      state: appStateSchema,
      /** After `revoke`: whether WordPress.com ended the access too, or the person must do it. */
      revocation: z.enum(['ended', 'manual', 'none']).optional(),
      /** After `revoke`: the account's other connections that went with it (WordPress.com refused them after). */
      othersRemoved: z.number().int().nonnegative().max(100).optional(),
      /** Something the person should know although the request worked (e.g. damaged data was cleared). */
      notice: errorInfoSchema.optional(),
      /** After `callEndpoint`. */
      call: callResultSchema.optional(),
      /** After `readConsoleDraft`, when a draft is kept for that connection. */
      draft: consoleDraftSchema.optional(),
    }),
    z.strictObject({ ok: z.literal(false), error: errorInfoSchema, state: appStateSchema.optional() }),
  ]),
);
export type BackgroundResponse = z.infer<typeof responseSchema>;

/** Background → every open page, whenever the state changes. */
export const stateChangedSchema = z.lazy(() =>
  z.strictObject({ type: z.literal('stateChanged'), state: appStateSchema }),
);
export type StateChanged = z.infer<typeof stateChangedSchema>;
