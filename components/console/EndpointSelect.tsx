import { i18n } from '#i18n';
import type { EndpointChoice } from './endpoint-choices';

/**
 * Every catalogue endpoint; those this connection cannot call are disabled, with the reason in their text, and
 * those it may not reach say so in their text too. `describedBy`: the note on the chosen one, if any.
 */
export function EndpointSelect({
  choices,
  value,
  describedBy,
  disabled,
  onChange,
}: {
  choices: readonly EndpointChoice[];
  value: string;
  describedBy?: string | undefined;
  /** A call runs: its answer belongs to the endpoint it was sent to, so that one stays chosen until it comes. */
  disabled: boolean;
  onChange: (id: string) => void;
}) {
  return (
    <div class="field">
      <label for="endpoint">{i18n.t('console.endpoint')}</label>
      <select
        id="endpoint"
        value={value}
        aria-describedby={describedBy}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {choices.map(({ endpoint, label, disabled }) => (
          <option key={endpoint.id} value={endpoint.id} disabled={disabled}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
