import { i18n } from '#i18n';
import type { EndpointChoice } from './endpoint-choices';

/** Every catalogue endpoint; those this connection cannot call are disabled, with the reason in their text. */
export function EndpointSelect({
  choices,
  value,
  onChange,
}: {
  choices: readonly EndpointChoice[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <div class="field">
      <label for="endpoint">{i18n.t('console.endpoint')}</label>
      <select id="endpoint" value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {choices.map(({ endpoint, label, disabled }) => (
          <option key={endpoint.id} value={endpoint.id} disabled={disabled}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
