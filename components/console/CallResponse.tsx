import { useEffect, useMemo, useRef } from 'preact/hooks';
import { i18n } from '#i18n';
import type { CallResult } from '../../utils/messages';
import { ProblemWords } from '../ProblemWords';
import { bodyPreview, copyLabel, keepsLines, previewNotice, schemaNote } from './body-preview';
import { CopyButton } from './CopyButton';
import { durationWords, statusLine } from './http-status';

/**
 * An endpoint's answer: status, time, the request as sent (never the token), problems, and the body as text.
 * A long body shows its first ~50 KB and says so; "Copy all" copies all of it, or "Copy first 1 MB" all the worker
 * kept of an answer longer than that.
 */
export function CallResponse({ result, running }: { result: CallResult; running: boolean }) {
  const failed = result.status >= 400;
  const preview = useMemo(() => bodyPreview(result.body), [result.body]);
  const truncated = result.truncated === true;
  const inPart = preview.cut || truncated;
  // An answer shown as it came (cut at 1 MB, not JSON, too deep to pretty-print) wraps: see keepsLines.
  const bodyClass = keepsLines(preview.text) ? 'json' : 'json wrap';
  // The popup is at most 600 px tall and the answer comes below the form: each new one is brought into view, its
  // status line first (a person who pressed Call would otherwise see nothing change).
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    statusRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [result]);
  return (
    // Dimmed while the next call runs; not aria-busy, which would hold back the status regions inside it.
    <section class="response" aria-labelledby="response-title" data-stale={running ? 'true' : undefined}>
      <div class="response-head">
        <h3 id="response-title">{i18n.t('console.response')}</h3>
        <CopyButton text={result.body} label={copyLabel(preview, truncated)} />
      </div>
      {/* Said, with the problem below, by the console's status region (AnswerAnnouncement.tsx), which is on the page
          before the answer comes. */}
      <p class="response-status" ref={statusRef}>
        <strong class={failed ? 'status-err' : 'status-ok'}>{statusLine(result.status)}</strong> ·{' '}
        <span>{durationWords(result.durationMs)}</span>
      </p>
      <p class="request-line small">
        <code>
          {result.method} {result.url}
        </code>
      </p>
      {/* No live region: the status region says it with the status line (a second one would say it twice). */}
      {result.problem ? (
        <div class="problem" data-code={result.problem.code}>
          <ProblemWords error={result.problem} />
        </div>
      ) : null}
      {/* The worker's sentence says what is wrong ("The answer is not JSON."); the body still follows, unless there is
          none ("The answer is empty."). */}
      {result.schemaProblem ? (
        <p class="small warn-text">
          {result.body.trim() === '' ? result.schemaProblem : schemaNote(result.schemaProblem, inPart)}
        </p>
      ) : null}
      {inPart ? (
        <p id="body-cut" class="small muted">
          {previewNotice(preview, truncated)}
        </p>
      ) : null}
      {/* Text only: the body is data, never markup. Focusable so the keyboard can scroll it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard. */}
      <pre class={bodyClass} tabIndex={0} aria-describedby={inPart ? 'body-cut' : undefined}>
        {preview.text}
      </pre>
    </section>
  );
}
