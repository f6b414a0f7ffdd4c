import type { ErrorInfo } from '../utils/messages';
import { ProblemWords } from './ProblemWords';

/** A failure, announced at once: words for its code, the background's specifics, what to do next. */
export function Alert({ error }: { error: ErrorInfo }) {
  return (
    <div role="alert" class="alert" data-code={error.code}>
      <ProblemWords error={error} />
    </div>
  );
}
