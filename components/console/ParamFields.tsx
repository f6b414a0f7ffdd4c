import { i18n } from '#i18n';
import type { ParamMeta } from '../../utils/endpoint-meta';

/** One text input per parameter, labelled by its name, its hint (and any problem) as its description. */
export function ParamFields({
  params,
  values,
  problems,
  onChange,
}: {
  params: readonly ParamMeta[];
  values: Record<string, string>;
  problems: Record<string, string>;
  onChange: (name: string, value: string) => void;
}) {
  if (params.length === 0) return <p class="small muted">{i18n.t('console.noParams')}</p>;
  return (
    <>
      {params.map((param) => {
        const id = `param-${param.name}`;
        const problem = problems[param.name];
        return (
          <div class="field" key={param.name}>
            <label for={id}>{param.name}</label>
            <input
              id={id}
              type="text"
              spellcheck={false}
              autocomplete="off"
              value={values[param.name] ?? ''}
              aria-required={param.required}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-hint ${id}-problem` : `${id}-hint`}
              onInput={(event) => onChange(param.name, event.currentTarget.value)}
            />
            <p id={`${id}-hint`} class="small muted">
              {param.required
                ? i18n.t('console.required', { hint: param.hint })
                : i18n.t('console.optional', { hint: param.hint })}
            </p>
            {problem ? (
              <p id={`${id}-problem`} class="small field-problem">
                {problem}
              </p>
            ) : null}
          </div>
        );
      })}
    </>
  );
}
