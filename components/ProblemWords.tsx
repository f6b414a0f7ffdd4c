import type { ErrorInfo } from '../utils/messages';
import { errorWords, nextStep } from './error-words';

/** A failure in words for its code, the background's specifics, and what to do next. */
export function ProblemWords({ error }: { error: ErrorInfo }) {
  const words = errorWords(error.code);
  const next = nextStep(error);
  return (
    <>
      <strong>{words}</strong>
      {error.message && error.message !== words ? <p>{error.message}</p> : null}
      {next ? <p>{next}</p> : null}
    </>
  );
}
