import type { ErrorInfo } from '../utils/messages';
import { errorWords, nextStep } from './error-words';
import { useSecondsLeft } from './use-now';

/**
 * A failure in words for its code, the background's specifics, and what to do next. A wait WordPress.com asked
 * for ("Try again in 45 seconds.") counts down while it is shown, down to "Try again now.".
 */
export function ProblemWords({ error }: { error: ErrorInfo }) {
  const words = errorWords(error.code);
  const left = useSecondsLeft(error);
  const next = nextStep(left === undefined ? error : { ...error, retryAfterSeconds: left });
  return (
    <>
      <strong>{words}</strong>
      {error.message && error.message !== words ? <p>{error.message}</p> : null}
      {/* A timer while it counts: its live region is off, so the alert or status region around it does not say it
          again every second. "Try again now." is said once, as it comes. */}
      {next ? <p {...(left ? { role: 'timer', 'aria-live': 'off' } : {})}>{next}</p> : null}
    </>
  );
}
