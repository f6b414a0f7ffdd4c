/** Test switches that make the emulator misbehave on purpose, set through the control API. */
import { z } from 'zod';

export const emulatorBehaviourSchema = z.object({
  /** Redirect back from consent with a different `state` than the app sent. */
  tamperState: z.boolean(),
  /** Hold the /oauth2/token answer this long. */
  tokenDelayMs: z.number().int().min(0).max(30_000),
  /** `server_error`: 500 JSON. `html`: 200 text/html garbage (a captive portal, a proxy page). */
  tokenFailure: z.enum(['server_error', 'html']).nullable(),
  /** HTTP status of the consent page (200 = normal). Chromium says "Authorization page could not be loaded." otherwise. */
  consentStatus: z.number().int().min(200).max(599),
  /** `server_error`: /me answers 500 JSON. */
  meFailure: z.enum(['server_error']).nullable(),
  /**
   * When set, every REST call except /me answers 429 rate_limit_exceeded with `Retry-After` this many
   * seconds (WordPress.com's limits are undocumented; clients must handle 429 anyway).
   */
  restRateLimit: z.number().int().min(0).max(86_400).nullable(),
});

export type EmulatorBehaviour = z.infer<typeof emulatorBehaviourSchema>;

export const emulatorBehaviourPatchSchema = emulatorBehaviourSchema.partial().strict();

export const defaultEmulatorBehaviour: Readonly<EmulatorBehaviour> = Object.freeze({
  tamperState: false,
  tokenDelayMs: 0,
  tokenFailure: null,
  consentStatus: 200,
  meFailure: null,
  restRateLimit: null,
});
