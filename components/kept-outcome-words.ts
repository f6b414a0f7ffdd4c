/**
 * The outcome the worker kept for a page (`state.outcome`, utils/kept-outcome.ts) against what an answer says
 * itself: the same telling is shown once, not twice. Pure.
 */
import type { BackgroundResponse, ErrorInfo, Outcome } from '../utils/messages';
import type { Revocation } from './RevokedNotice';

type KeptRevocation = Extract<Outcome, { revocation: unknown }>['revocation'];

/** What an answer tells the person itself: its failure or notice, or what its revoke did at WordPress.com. */
export type Told = { problem: ErrorInfo } | { revocation: KeptRevocation };

export function toldBy(response: BackgroundResponse): Told | undefined {
  if (!response.ok) return { problem: response.error };
  if (response.notice) return { problem: response.notice };
  if (response.revocation === 'ended' || response.revocation === 'manual')
    return { revocation: { remote: response.revocation, othersRemoved: response.othersRemoved ?? 0 } };
  return undefined;
}

/** The kept outcome says what `told` says (a wait in seconds may differ: it is counted down as it is kept). */
export function sameTelling(outcome: Outcome, told: Told): boolean {
  if ('problem' in outcome)
    return (
      'problem' in told &&
      outcome.problem.code === told.problem.code &&
      outcome.problem.message === told.problem.message
    );
  return (
    'revocation' in told &&
    outcome.revocation.remote === told.revocation.remote &&
    outcome.revocation.othersRemoved === told.revocation.othersRemoved
  );
}

/** The popup's notice for what a revoke did. */
export const revocationNotice = ({ remote, othersRemoved }: KeptRevocation): Revocation => ({
  kind: remote === 'ended' ? 'revoked_ended' : 'revoked_manual',
  othersRemoved: remote === 'ended' ? othersRemoved : 0,
});
