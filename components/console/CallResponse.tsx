import type { CallResult } from '../../utils/messages';
import { ProblemWords } from '../ProblemWords';
import { CopyButton } from './CopyButton';
import { durationWords, statusLine } from './http-status';

/** An endpoint's answer: status, time, the request as sent (never the token), problems, and the body as text. */
export function CallResponse({ result, running }: { result: CallResult; running: boolean }) {
  const failed = result.status >= 400;
  return (
    <section class="response" aria-labelledby="response-title" aria-busy={running}>
      <div class="response-head">
        <h3 id="response-title">Response</h3>
        <CopyButton text={result.body} />
      </div>
      <p role="status" class="response-status">
        <strong class={failed ? 'status-err' : 'status-ok'}>{statusLine(result.status)}</strong> ·{' '}
        <span>{durationWords(result.durationMs)}</span>
      </p>
      <p class="request-line small">
        <code>
          {result.method} {result.url}
        </code>
      </p>
      {result.problem ? (
        <div class="problem" data-code={result.problem.code}>
          <ProblemWords error={result.problem} />
        </div>
      ) : null}
      {result.schemaProblem ? (
        <p class="small warn-text">
          The answer does not have the documented shape: {result.schemaProblem}. It is shown as it came.
        </p>
      ) : null}
      {/* Text only: the body is data, never markup. Focusable so the keyboard can scroll it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard. */}
      <pre class="json" tabIndex={0}>
        {result.body}
      </pre>
    </section>
  );
}
