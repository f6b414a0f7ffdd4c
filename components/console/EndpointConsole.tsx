import { useMemo, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { ConnectionView } from '../../utils/connection';
import type { ConsoleDraft } from '../../utils/messages';
import { Alert } from '../Alert';
import { BusyButton } from '../BusyButton';
import { AnswerAnnouncement } from './AnswerAnnouncement';
import './console-style';
import { CallResponse } from './CallResponse';
import { EndpointSelect } from './EndpointSelect';
import {
  endpointChoices,
  initialParamValues,
  paramProblems,
  paramsToSend,
  startingEndpointId,
} from './endpoint-choices';
import { ParamFields } from './ParamFields';
import { type CallFn, useEndpointCall } from './use-endpoint-call';

/**
 * Calls a catalogue endpoint with the token of the connection it shows (the active one) and shows what came back.
 * It starts from `draft`, what the last console for this connection showed, and hands every change to `keepDraft`.
 */
export function EndpointConsole({
  connection,
  call,
  draft,
  keepDraft,
  held,
}: {
  connection: ConnectionView;
  call: CallFn;
  draft: ConsoleDraft | undefined;
  keepDraft: (draft: ConsoleDraft) => void;
  /** Another of the popup's actions runs (a revoke): Call waits for it, as every other action does. */
  held: boolean;
}) {
  const choices = useMemo(() => endpointChoices(connection), [connection]);
  const [selectedId, setSelectedId] = useState(() => startingEndpointId(choices, draft));
  const [values, setValues] = useState(() => draft?.values ?? initialParamValues(connection));
  const { running, result, calls, error, run, clearError } = useEndpointCall(connection.id, call);
  // What the console shows now, for the draft: a keystroke's handler may run before the last one's render.
  const shown = useRef({ endpoint: selectedId, values });
  const change = (next: { endpoint?: string; values?: Record<string, string> }) => {
    shown.current = { ...shown.current, ...next };
    if (next.endpoint !== undefined) setSelectedId(next.endpoint);
    if (next.values !== undefined) setValues(next.values);
    keepDraft({ connectionId: connection.id, ...shown.current });
  };
  const selected = choices.find((choice) => choice.endpoint.id === selectedId);

  if (!selected) return null;
  const { endpoint } = selected;
  const paramsRefused = error?.code === 'invalid_params';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (running || selected.disabled || held) return;
    await run(endpoint.id, paramsToSend(endpoint, values));
  };

  return (
    <section class="console" aria-labelledby="console-title">
      <h2 id="console-title" class="section-title">
        {i18n.t('console.title')}
      </h2>
      <form onSubmit={submit} aria-describedby={paramsRefused ? 'params-refused' : undefined} noValidate>
        <EndpointSelect
          choices={choices}
          describedBy={selected.caution ? 'endpoint-caution' : undefined}
          disabled={running}
          value={selectedId}
          onChange={(id) => {
            change({ endpoint: id });
            clearError();
          }}
        />
        {/* Our table's guess, not WordPress.com's word: the call is still sent, and its answer decides. */}
        {selected.caution ? (
          <p id="endpoint-caution" class="small warn-text">
            {selected.caution}
          </p>
        ) : null}
        <p class="small">
          <a href={endpoint.docs} target="_blank" rel="noreferrer">
            {i18n.t('console.documentation', { method: endpoint.method, path: endpoint.path })}
          </a>
        </p>
        <ParamFields
          params={endpoint.params}
          values={values}
          problems={paramsRefused ? paramProblems(endpoint, values) : {}}
          onChange={(name, value) => {
            const next = { ...shown.current.values, [name]: value };
            change({ values: next });
            // Refused values, all corrected: the alert about them goes with their marks.
            if (paramsRefused && Object.keys(paramProblems(endpoint, next)).length === 0) clearError();
          }}
        />
        {paramsRefused && error ? (
          <div id="params-refused">
            <Alert error={error} />
          </div>
        ) : null}
        <BusyButton
          type="submit"
          class="primary"
          disabled={selected.disabled || held}
          busy={running}
          describedBy="call-progress"
        >
          {i18n.t('console.call')}
        </BusyButton>
        {/* On the page before any answer: "Calling…", then the answer's status line (and why it was refused), said
            when it comes. A div, as a refusal's words are paragraphs; the visible line keeps its paragraph. */}
        <div id="call-progress" role="status" class="muted small">
          <p>{running ? i18n.t('console.calling', { method: endpoint.method, path: endpoint.path }) : ''}</p>
          {!running && result ? <AnswerAnnouncement result={result} /> : null}
        </div>
      </form>
      {error && !paramsRefused ? <Alert error={error} /> : null}
      {/* One view per answer: nothing of the last one ("Copied") stays on the next. */}
      {result ? <CallResponse key={calls} result={result} running={running} /> : null}
    </section>
  );
}
