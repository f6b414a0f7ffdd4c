/** Test switches that make the emulator misbehave on purpose, set through the control API. */
import { z } from 'zod';
import { GRAVATAR_HOURLY_LIMIT } from './gravatar-limit.ts';

export const emulatorBehaviourSchema = z.object({
  /** Redirect back from consent with a different `state` than the app sent. */
  tamperState: z.boolean(),
  /** Hold the /oauth2/token answer this long. */
  tokenDelayMs: z.number().int().min(0).max(30_000),
  /**
   * `server_error`: 500 JSON. `html`: 200 text/html garbage (a captive portal, a proxy page). `rate_limited`: 429
   * `{"error":"rate_limit_exceeded","error_description":"…"}` with `Retry-After` as `wpcomRetryAfter` says.
   * `redirect`: 307 to `/oauth2/token-moved` here (a front end misconfigured or taken over): a client that follows it
   * posts the form again, client secret included. What arrives there is counted (`tokenRedirectsFollowed`) and
   * answered with a token, so that following it also looks like success.
   */
  tokenFailure: z.enum(['server_error', 'html', 'rate_limited', 'redirect']).nullable(),
  /** HTTP status of the consent page (200 = normal). Chromium says "Authorization page could not be loaded." otherwise. */
  consentStatus: z.number().int().min(200).max(599),
  /**
   * `server_error`: /me answers 500 JSON. `garbage`: 200 text/html (a captive portal). `wrong_shape`: 200 JSON
   * that is not a user (`{"ID":"…"}` with the wrong types and fields missing). `rate_limited`: 429
   * `{"error":"rate_limit_exceeded","message":"…"}` (restRateLimit's answer) with `Retry-After` as `wpcomRetryAfter`
   * says, before the token is looked at. `invalid_token`: 400 `invalid_token`, as for a token WordPress.com does not
   * know (one it ended right after issuing it). `redirect`: 302 to another host (a misconfigured edge, a captive
   * portal), which a client must not follow with the token.
   */
  meFailure: z.enum(['server_error', 'garbage', 'wrong_shape', 'rate_limited', 'invalid_token', 'redirect']).nullable(),
  /**
   * A proxy between the browser and WordPress.com that removes `Authorization` (some corporate proxies do): every
   * REST request arrives without its token and gets the answer to a request with none, the documented 403
   * `authorization_required` "An active access token must be used…", the very answer a revoked token gets.
   * /oauth2/token-info, which takes the token in its query, still answers.
   */
  authorizationStripped: z.boolean(),
  /**
   * `rate_limited`: /oauth2/token-info answers 429 `{"error":"rate_limit_exceeded","error_description":"…"}` with
   * `Retry-After` as `wpcomRetryAfter` says, before anything else is looked at.
   */
  tokenInfoFailure: z.enum(['rate_limited']).nullable(),
  /**
   * `Retry-After` of the `rate_limited` answers of `meFailure`, `tokenInfoFailure` and `tokenFailure` (not of
   * restRateLimit, which carries its own seconds). A number: whole seconds. A string: sent as it is, for an HTTP
   * date (`new Date(Date.now() + 90_000).toUTCString()`) or a value no client can read. null: no header.
   * WordPress.com documents no rate limit at all, so which form it sends, if any, is unknown.
   */
  wpcomRetryAfter: z
    .union([
      z.number().int().min(0).max(86_400),
      z
        .string()
        .min(1)
        .max(200)
        .regex(/^[\x20-\x7e]+$/, 'must be printable ASCII'),
    ])
    .nullable(),
  /**
   * When set, every REST call except /me answers 429 rate_limit_exceeded with `Retry-After` this many
   * seconds (WordPress.com's limits are undocumented; clients must handle 429 anyway). /me has its own switch:
   * `meFailure: 'rate_limited'`.
   */
  restRateLimit: z.number().int().min(0).max(86_400).nullable(),
  /**
   * Gravatar's profile API misbehaves: `server_error` 500 JSON, `rate_limited` 429 whose `X-RateLimit-Reset` is
   * `gravatarRetryAfter` seconds away, `garbage` 200 text/html.
   */
  gravatarFailure: z.enum(['server_error', 'rate_limited', 'garbage']).nullable(),
  /** Hold every avatar image this long (a slow Gravatar, or a network that drops its requests). */
  avatarDelayMs: z.number().int().min(0).max(30_000),
  /**
   * Seconds until the period of `gravatarFailure: 'rate_limited'`'s 429 ends, told as Gravatar documents it
   * (`X-RateLimit-Reset`, Unix seconds; Gravatar documents no `Retry-After`); null sends no rate-limit headers.
   */
  gravatarRetryAfter: z.number().int().min(0).max(86_400).nullable(),
  /**
   * Gravatar's own limit: profile requests per client IP an hour before 429 (gravatar-limit.ts). Default 100,
   * Gravatar's without an API key; null: no limit. Test suites start the emulator with it raised
   * (`startEmulator({ gravatarHourlyLimit })`), which `reset` then keeps.
   */
  gravatarHourlyLimit: z.number().int().min(0).max(1_000_000_000).nullable(),
  /**
   * Everything but the control API is down: requests get no answer, their connection is dropped (a network
   * failure for the client, as if the service were stopped). Counted in `droppedRequests`.
   */
  outage: z.boolean(),
  /**
   * Disconnecting an app (`POST /me/connected-applications/$ID/delete`), which WordPress.com does not document
   * for third-party tokens: `refused` 403 scope refusal, `not_done` 200 `{"success":false}`, `unexpected` 200 with
   * another body (`{"deleted":true}`: a 2xx that does not say `success`). The tokens stay live.
   */
  appDeleteFailure: z.enum(['refused', 'not_done', 'unexpected']).nullable(),
  /**
   * What a successful disconnect ends, which WordPress.com does not document: `account` (the default) every token
   * the app holds for that person, whatever its kind; `global_tokens` only the app's global tokens of that person
   * (login and one-site tokens stay live).
   */
  appDeleteEnds: z.enum(['account', 'global_tokens']),
  /** Hold the disconnect's answer this long, the disconnect itself done at once (a slow WordPress.com). */
  appDeleteDelayMs: z.number().int().min(0).max(30_000),
  /**
   * A one-site sign-in narrowed to scopes is granted the whole site instead (scope ""), as WordPress.com might if it
   * read the scope list otherwise than the docs say (they call it space-separated; their examples use commas).
   */
  grantWholeSite: z.boolean(),
  /**
   * A live token refused for its kind or scopes gets the answer a dead token gets (403 authorization_required "An
   * active access token must be used…") instead of "…required scope": WordPress.com documents that wording for
   * /me, and may use it elsewhere.
   */
  scopeRefusalAsInactive: z.boolean(),
  /**
   * WordPress.com does not say whether an app's "Javascript Origins" may list a `chrome-extension://` or
   * `moz-extension://` origin. Off (the default): they can, like any other origin. On: a request carrying such
   * an `Origin` to the REST API or to /oauth2/token-info is refused with the 403 origin refusal
   * (`{"error":"unauthorized","message":"You cannot make requests from this origin."}`), listed or not.
   */
  extensionOriginsRefused: z.boolean(),
  /**
   * /oauth2/token-info answers `user_id` and `blog_id` as numbers (`1001`, `5001`, `0` for login tokens; null stays
   * null). Off (the default): strings, as the docs' example answer has them (`{"client_id": "12345", "user_id":
   * "123456789", "blog_id": "987654321", …}`); the docs also say `blog_id` comes as a string in some token responses
   * without saying which, so a client must read both. The token endpoint sends strings for global and one-site
   * tokens, the number 0 for login tokens (token-exchange.ts).
   */
  tokenInfoNumberIds: z.boolean(),
  /**
   * /me answers the email as a person may have typed it (`"  Alice@Example.COM "`): case and spaces are not
   * Gravatar's, which hashes the trimmed, lower-cased address (wpcom-api.md). Off: the address as stored.
   */
  meEmailAsTyped: z.boolean(),
  /**
   * /me's `email_verified`, apart from `verified` (null, the default: the same). WordPress.com lists both fields and
   * does not document how they differ.
   */
  meEmailVerified: z.boolean().nullable(),
  /**
   * The token endpoint answers in the other forms WordPress.com's docs show: scopes comma-separated (its examples and
   * token-info), `blog_id` a number. Off: spaces, and string IDs for one-site and global tokens (token-exchange.ts).
   */
  tokenAnswerOtherForm: z.boolean(),
});

export type EmulatorBehaviour = z.infer<typeof emulatorBehaviourSchema>;

export const emulatorBehaviourPatchSchema = emulatorBehaviourSchema.partial().strict();

export const defaultEmulatorBehaviour: Readonly<EmulatorBehaviour> = Object.freeze({
  tamperState: false,
  tokenDelayMs: 0,
  tokenFailure: null,
  consentStatus: 200,
  meFailure: null,
  authorizationStripped: false,
  tokenInfoFailure: null,
  wpcomRetryAfter: 60,
  restRateLimit: null,
  gravatarFailure: null,
  avatarDelayMs: 0,
  gravatarRetryAfter: 120,
  gravatarHourlyLimit: GRAVATAR_HOURLY_LIMIT,
  outage: false,
  appDeleteFailure: null,
  appDeleteEnds: 'account',
  appDeleteDelayMs: 0,
  grantWholeSite: false,
  scopeRefusalAsInactive: false,
  extensionOriginsRefused: false,
  tokenInfoNumberIds: false,
  meEmailAsTyped: false,
  meEmailVerified: null,
  tokenAnswerOtherForm: false,
});
