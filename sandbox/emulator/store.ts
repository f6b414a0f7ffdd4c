/** The emulator's memory: consent nonces, authorization codes, access tokens, test switches and counters. */
import { defaultEmulatorBehaviour, type EmulatorBehaviour } from './behaviour.ts';
import { HourlyLimit } from './gravatar-limit.ts';
import { randomAccessToken, randomId } from './random.ts';
import type { AuthEndpoint, GrantKind } from './scopes.ts';
import { type EmulatorStats, zeroStats } from './stats.ts';
import type { UserKey } from './users.ts';

/** A consent page as rendered: what its form may approve. */
export interface PendingConsent {
  endpoint: AuthEndpoint;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  kind: GrantKind;
  scopes: string[];
  /** The `blog` parameter as sent (a site URL or ID), authorize only. */
  blog: string | undefined;
}

/** What the user approved. `blogId` is null for login and global grants. */
export interface Grant {
  clientId: string;
  redirectUri: string;
  userKey: UserKey;
  kind: GrantKind;
  scopes: string[];
  blogId: number | null;
}

export interface TokenRecord extends Omit<Grant, 'redirectUri'> {
  revoked: boolean;
  /** When the token was issued (the store's clock). */
  issuedAt: number;
}

interface CodeRecord extends Grant {
  expiresAt: number;
  used: boolean;
}

export type CodeLookup = { status: 'ok'; grant: Grant } | { status: 'unknown' | 'used' | 'expired' };

const NONCE_TTL_MS = 30 * 60 * 1000;
/** Distinct REST paths counted one by one; a client looping over random paths cannot grow the map further. */
const MAX_COUNTED_PATHS = 1000;
/** Sign-ins remembered to tell a repeated consent request from a new flow; the oldest are forgotten first. */
const MAX_REMEMBERED_FLOWS = 10_000;

export class EmulatorStore {
  behaviour: EmulatorBehaviour;
  stats: EmulatorStats = zeroStats();
  /** Gravatar profile requests per client IP this hour (`gravatarHourlyLimit`). */
  readonly gravatarLimit: HourlyLimit;
  /** What `reset` returns the switches to: the defaults, with the ones the emulator was started with. */
  readonly #startBehaviour: Readonly<EmulatorBehaviour>;
  readonly #nonces = new Map<string, { pending: PendingConsent; expiresAt: number }>();
  readonly #codes = new Map<string, CodeRecord>();
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #flows = new Set<string>();

  constructor(
    readonly codeTtlMs: number,
    readonly now: () => number = Date.now,
    startBehaviour: Partial<EmulatorBehaviour> = {},
  ) {
    this.#startBehaviour = Object.freeze({ ...defaultEmulatorBehaviour, ...startBehaviour });
    this.behaviour = { ...this.#startBehaviour };
    this.gravatarLimit = new HourlyLimit(() => this.now());
  }

  reset(): void {
    this.behaviour = { ...this.#startBehaviour };
    this.stats = zeroStats();
    this.gravatarLimit.clear();
    this.#nonces.clear();
    this.#codes.clear();
    this.#tokens.clear();
    this.#flows.clear();
  }

  /**
   * Counts a request for the consent page as a sign-in flow unless the same flow (client and `state`) was
   * counted already: Firefox's `launchWebAuthFlow` first fetches the page in the background to see whether it
   * redirects at once, then loads it again in its window. A request without `state` is a flow of its own.
   */
  countAuthFlow(clientId: string | undefined, state: string | undefined): void {
    if (clientId !== undefined && state !== undefined) {
      const key = JSON.stringify([clientId, state]);
      if (this.#flows.has(key)) return;
      this.#flows.add(key);
      if (this.#flows.size > MAX_REMEMBERED_FLOWS) this.#flows.delete(this.#flows.values().next().value ?? '');
    }
    this.stats.authFlows++;
  }

  /** A one-time nonce bound to one rendering of the consent page. */
  createNonce(pending: PendingConsent): string {
    const nonce = randomId();
    this.#nonces.set(nonce, { pending, expiresAt: this.now() + NONCE_TTL_MS });
    return nonce;
  }

  /** Returns the consent the nonce was made for and forgets the nonce; undefined if unknown, used or stale. */
  takeNonce(nonce: string): PendingConsent | undefined {
    const entry = this.#nonces.get(nonce);
    this.#nonces.delete(nonce);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    return entry.pending;
  }

  /** A one-time code for the grant, usable for `ttlMs` (default: the store's code lifetime). */
  issueCode(grant: Grant, ttlMs: number = this.codeTtlMs): string {
    const code = randomId();
    this.#codes.set(code, { ...grant, expiresAt: this.now() + ttlMs, used: false });
    this.stats.codesIssued++;
    return code;
  }

  /** Looks a code up and consumes it, whatever happens to the exchange afterwards. */
  takeCode(code: string): CodeLookup {
    const record = this.#codes.get(code);
    if (!record) return { status: 'unknown' };
    if (record.used) return { status: 'used' };
    record.used = true;
    if (record.expiresAt <= this.now()) return { status: 'expired' };
    const { expiresAt: _expiresAt, used: _used, ...grant } = record;
    return { status: 'ok', grant };
  }

  issueToken(grant: Grant): string {
    const token = randomAccessToken();
    const { redirectUri: _redirectUri, ...rest } = grant;
    this.#tokens.set(token, { ...rest, revoked: false, issuedAt: this.now() });
    this.stats.tokensIssued++;
    return token;
  }

  findToken(token: string): TokenRecord | undefined {
    return this.#tokens.get(token);
  }

  /** The user's tokens that are not revoked, oldest first. */
  liveTokens(userKey: UserKey): TokenRecord[] {
    return [...this.#tokens.values()].filter((record) => record.userKey === userKey && !record.revoked);
  }

  /** Counts one REST request by path (no query). Past MAX_COUNTED_PATHS distinct paths, new ones count as `(other)`. */
  countRestRequest(path: string): void {
    const counts = this.stats.restRequests;
    const key = Object.hasOwn(counts, path) || Object.keys(counts).length < MAX_COUNTED_PATHS ? path : '(other)';
    counts[key] = (counts[key] ?? 0) + 1;
  }

  /** Marks matching tokens revoked and returns how many were live. */
  revokeTokens(filter: { userKey?: UserKey; clientId?: string; kind?: GrantKind } = {}): number {
    let count = 0;
    for (const record of this.#tokens.values()) {
      if (filter.userKey !== undefined && record.userKey !== filter.userKey) continue;
      if (filter.clientId !== undefined && record.clientId !== filter.clientId) continue;
      if (filter.kind !== undefined && record.kind !== filter.kind) continue;
      if (!record.revoked) count++;
      record.revoked = true;
    }
    return count;
  }
}
