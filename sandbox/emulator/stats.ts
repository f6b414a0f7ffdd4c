/** Counts of requests the emulator has seen, so tests can tell what really happened on the wire. */
import { z } from 'zod';

export const emulatorStatsSchema = z.object({
  /** Requests for the consent page (`/oauth2/authenticate` or `/authorize`): two per sign-in in Firefox. */
  consentPages: z.number(),
  /** Sign-ins that reached the consent page, whatever the browser: one per `state` (`store.countAuthFlow`). */
  authFlows: z.number(),
  /** Consent forms posted with "Approve" and with "Deny" (valid forms only). */
  consentApprovals: z.number(),
  consentDenials: z.number(),
  codesIssued: z.number(),
  tokenRequests: z.number(),
  /**
   * Token requests whose client went away before their answer was sent (the connection closed while `tokenDelayMs`
   * held it): how a test sees that a proxy's timeout really cancelled its upstream call rather than left it running.
   */
  tokenRequestsAbandoned: z.number(),
  /** Requests that followed `tokenFailure: 'redirect'` to where it points: a client that must not follow it did. */
  tokenRedirectsFollowed: z.number(),
  tokensIssued: z.number(),
  meRequests: z.number(),
  tokenInfoRequests: z.number(),
  gravatarRequests: z.number(),
  /** Requests dropped without an answer while `outage` was on (control requests are never dropped). */
  droppedRequests: z.number(),
  /**
   * REST requests (preflights excepted) by path without query, e.g. `{"/rest/v1.1/me/sites": 2}`, whatever
   * the answer was: a path missing here was never called.
   */
  restRequests: z.record(z.string(), z.number()),
});

export type EmulatorStats = z.infer<typeof emulatorStatsSchema>;

export function zeroStats(): EmulatorStats {
  return {
    consentPages: 0,
    authFlows: 0,
    consentApprovals: 0,
    consentDenials: 0,
    codesIssued: 0,
    tokenRequests: 0,
    tokenRequestsAbandoned: 0,
    tokenRedirectsFollowed: 0,
    tokensIssued: 0,
    meRequests: 0,
    tokenInfoRequests: 0,
    gravatarRequests: 0,
    droppedRequests: 0,
    restRequests: {},
  };
}
