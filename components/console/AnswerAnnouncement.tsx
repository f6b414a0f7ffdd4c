import type { CallResult } from '../../utils/messages';
import { ProblemWords } from '../ProblemWords';
import { durationWords, statusLine } from './http-status';

/**
 * What the console's status region says when an answer comes: its status line and time and, for a refused call,
 * the explanation and next step the response shows. Said from here because the response view is new with each
 * answer, and a live region that arrives with its words already in it is not reliably announced; so the response's
 * own copy is no live region (it would be said twice), and its body is in none. Hidden: the response shows it all.
 */
export function AnswerAnnouncement({ result }: { result: CallResult }) {
  return (
    <div class="visually-hidden">
      <p>
        {statusLine(result.status)} · {durationWords(result.durationMs)}
      </p>
      {result.problem ? <ProblemWords error={result.problem} /> : null}
    </div>
  );
}
