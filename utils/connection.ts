/**
 * A connection: one token WordPress.com issued to this app, what it reaches, and whose it is. The
 * extension holds several (one per account, kind, site and scopes); one of them is active.
 */
import { z } from 'zod';
import type { AccessRequest } from './access';
import { gravatarProfileSchema, profileSchema } from './profile';

/** Scopes arrive comma- or space-separated; both are read. */
export function parseScope(scope: string): string[] {
  return scope.split(/[\s,]+/).filter(Boolean);
}

/** `login`: only `/me` (scope `auth`). `site`: one site (all of it, or the listed scopes). `global`: every site. */
export const TOKEN_KINDS = ['login', 'site', 'global'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export function tokenKindOf(scope: readonly string[]): TokenKind {
  if (scope.includes('global')) return 'global';
  if (scope.includes('auth')) return 'login';
  // A one-site token: no scope (the whole site) or the scopes it was narrowed to.
  return 'site';
}

const blogId = () => z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number), z.null()]);

/**
 * A token as it goes in `Authorization: Bearer <token>`: visible ASCII only. WordPress.com's carry `)%&@(^` and the
 * like (wpcom-api.md), all in that range. One with a space, CR/LF or a character past Latin-1 would make every fetch
 * throw (a TypeError that quotes the header: the token) and read as WordPress.com unreachable, forever. Such a token
 * is refused where it arrives (a bad token answer) and, if ever stored, dropped as damage.
 */
export const accessTokenSchema = z.lazy(() =>
  z
    .string()
    .min(1)
    .regex(/^[\x21-\x7e]*$/, 'must be visible ASCII'),
);

/** The proxy's answer to a code exchange (WordPress.com's token response, passed through). */
export const tokenResponseSchema = z.lazy(() =>
  z.object({
    access_token: accessTokenSchema,
    token_type: z.string().regex(/^bearer$/i, 'must be "bearer"'),
    // `blog_id` comes as a number or a numeric string; `blog_url` is null for global tokens.
    blog_id: blogId().optional().default(null),
    blog_url: z.string().nullable().optional().default(null),
    scope: z.string().default(''),
  }),
);

/** Random, opaque, and safe in a DOM id or a message. */
export const connectionIdSchema = z.lazy(() => z.string().regex(/^[A-Za-z0-9_-]{8,64}$/));

export const connectionSchema = z.lazy(() =>
  z.object({
    id: connectionIdSchema,
    accessToken: accessTokenSchema,
    kind: z.enum(TOKEN_KINDS),
    scope: z.array(z.string()),
    blogId: z.number().int().nonnegative().nullable(),
    blogUrl: z.string().nullable(),
    obtainedAt: z.number().int().positive(),
    /**
     * The app the token was issued to (utils/wpcom-apps.ts): the login app's or the API app's client ID. Absent in
     * connections stored before the two were apart, all issued to the one app there was, the login app's ID.
     */
    clientId: z
      .string()
      .regex(/^\d{1,20}$/)
      .optional(),
    /** The last `/me` answer for this token: whose it is. Absent until the first one arrives. */
    profile: profileSchema.optional(),
    /**
     * The last check of this token with `/oauth2/token-info` (client ID ours, the stored account; scope and site corrected to its answer).
     * A token found invalid is removed, so a stored one is `valid` or could not be checked (`unreachable`).
     */
    health: z.object({ status: z.enum(['valid', 'unreachable']), checkedAt: z.number().int().positive() }).optional(),
  }),
);
export type Connection = z.infer<typeof connectionSchema>;

/** Most connections kept at once; the oldest inactive one goes first when a new one would pass it. */
export const MAX_CONNECTIONS = 20;

/** Everything the extension stores about connections, in `local:connections`. */
export const connectionStoreSchema = z.lazy(() =>
  z.object({
    version: z.literal(2),
    activeId: connectionIdSchema.nullable(),
    connections: z.array(connectionSchema).max(MAX_CONNECTIONS),
  }),
);
export type ConnectionStore = z.infer<typeof connectionStoreSchema>;
export const EMPTY_STORE: ConnectionStore = { version: 2, activeId: null, connections: [] };

/** The store around its entries: what must parse before any one connection can be read. */
const storeFrameSchema = z.lazy(() =>
  z.object({
    version: z.literal(2),
    activeId: z.unknown().optional(),
    connections: z.array(z.unknown()).max(MAX_CONNECTIONS),
  }),
);

export interface StoreReading {
  store: ConnectionStore;
  /** Damaged connections left out. */
  dropped: number;
  /** The store differs from the stored value, which is then to be written over. */
  changed: boolean;
}

/** What the next `/me` or token-info check writes again, dropped in this order to save a damaged entry's token. */
const REFILLED_FIELDS = [{ health: undefined }, { profile: undefined }, { profile: undefined, health: undefined }];

/**
 * A stored value read entry by entry, so that one damaged connection does not cost the others their tokens:
 * the connections that parse are kept (`dropped` counts the others; one damaged only in its profile or last check
 * is kept without them, and not counted), and an active id that does not parse (or is missing) is none. Undefined
 * when the frame around the entries does not parse (not an object, another version, no list, more than
 * MAX_CONNECTIONS).
 */
export function parseStoreEntries(raw: unknown): StoreReading | undefined {
  const whole = connectionStoreSchema.safeParse(raw);
  if (whole.success) return { store: whole.data, dropped: 0, changed: false };
  const frame = storeFrameSchema.safeParse(raw);
  if (!frame.success) return undefined;
  const connections = frame.data.connections.flatMap((entry) => {
    const parsed = connectionSchema.safeParse(entry);
    if (parsed.success) return [parsed.data];
    // Damage only in what the next `/me` or token-info check writes again (the profile, the last check) does not
    // cost a token that still works at WordPress.com: the connection is kept without them.
    if (typeof entry !== 'object' || entry === null) return [];
    for (const without of REFILLED_FIELDS) {
      const kept = connectionSchema.safeParse({ ...entry, ...without });
      if (kept.success) return [kept.data];
    }
    return [];
  });
  const activeId = connectionIdSchema.nullable().safeParse(frame.data.activeId);
  return {
    store: { version: 2, activeId: activeId.success ? activeId.data : null, connections },
    dropped: frame.data.connections.length - connections.length,
    changed: true,
  };
}

export function newConnectionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/**
 * A new connection from the token answer. An empty `scope` is a whole site (wpcom-api.md), but only with a site: an
 * answer with no scope and no site (`blog_id` 0 or none, the login and all-sites shape) does not say its kind, and
 * then it is the kind the sign-in asked for (`asked`: Profile only → login, All sites → global).
 */
export function connectionFromTokenResponse(
  token: z.infer<typeof tokenResponseSchema>,
  now: number,
  asked?: AccessRequest,
): Connection {
  const scope = parseScope(token.scope);
  const untold = scope.length === 0 && (token.blog_id === 0 || token.blog_id === null);
  const kind: TokenKind =
    untold && asked?.level === 'profile'
      ? 'login'
      : untold && asked?.level === 'global'
        ? 'global'
        : tokenKindOf(scope);
  return {
    id: newConnectionId(),
    accessToken: token.access_token,
    kind,
    scope,
    // A login token says blog_id 0: it belongs to no site.
    blogId: token.blog_id === 0 ? null : token.blog_id,
    blogUrl: token.blog_id === 0 ? null : token.blog_url,
    obtainedAt: now,
  };
}

/**
 * What the pages may know of a connection: everything but the token, plus the account's public Gravatar
 * profile when the option is on and one was found (kept apart from the connection, see gravatar storage).
 */
export const connectionViewSchema = z.lazy(() =>
  connectionSchema
    .unwrap()
    .omit({ accessToken: true, clientId: true })
    .extend({ gravatar: gravatarProfileSchema.optional() }),
);
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export function connectionView({ accessToken: _, clientId: __, ...view }: Connection): ConnectionView {
  return view;
}
