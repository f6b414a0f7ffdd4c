/**
 * The one message protocol between the extension's pages (popup, later options) and the background
 * worker. Every message is declared here with a zod schema and parsed where it is received.
 * The token never crosses it: pages see the profile and the connection's description only.
 */
import { z } from 'zod';
import { connectionSchema } from './connection';
import { ERROR_CODES } from './errors';
import { profileSchema } from './profile';

/** Page → background. */
export const requestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('getState') }),
  z.strictObject({ type: z.literal('signIn') }),
  z.strictObject({ type: z.literal('refreshProfile') }),
  z.strictObject({ type: z.literal('revoke') }),
]);
export type BackgroundRequest = z.infer<typeof requestSchema>;

export const appStateSchema = z.strictObject({
  status: z.enum(['signed_out', 'signing_in', 'signed_in']),
  profile: profileSchema.optional(),
  connection: connectionSchema.omit({ accessToken: true }).optional(),
});
export type AppState = z.infer<typeof appStateSchema>;

export const errorInfoSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  providerError: z.string().optional(),
});

/** Background → page, the answer to every request. */
export const responseSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    state: appStateSchema,
    /** After `revoke`: whether WordPress.com ended the access too, or the person must do it. */
    revocation: z.enum(['ended', 'manual', 'none']).optional(),
    /** Something the person should know although the request worked (e.g. damaged data was cleared). */
    notice: errorInfoSchema.optional(),
  }),
  z.strictObject({ ok: z.literal(false), error: errorInfoSchema, state: appStateSchema.optional() }),
]);
export type BackgroundResponse = z.infer<typeof responseSchema>;

/** Background → every open page, whenever the state changes. */
export const stateChangedSchema = z.strictObject({ type: z.literal('stateChanged'), state: appStateSchema });
export type StateChanged = z.infer<typeof stateChangedSchema>;
