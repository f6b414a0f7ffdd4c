import { i18n } from '#i18n';
import { SITE_SCOPES, type SiteScope } from '../../utils/access-choices';

/** The scopes a one-site token may be narrowed to; none ticked asks for the whole site. */
export function ScopeField({
  value,
  onChange,
}: {
  value: readonly SiteScope[];
  onChange: (scopes: SiteScope[]) => void;
}) {
  const toggle = (scope: SiteScope, on: boolean) =>
    onChange(SITE_SCOPES.filter((each) => (each === scope ? on : value.includes(each))));
  return (
    <fieldset class="scopes" aria-describedby="scopes-hint">
      <legend>{i18n.t('options.scopes')}</legend>
      <p id="scopes-hint" class="small muted">
        {i18n.t('options.scopesHint')}
      </p>
      <div class="scope-grid">
        {SITE_SCOPES.map((scope) => (
          <label key={scope}>
            <input
              type="checkbox"
              value={scope}
              checked={value.includes(scope)}
              onChange={(event) => toggle(scope, event.currentTarget.checked)}
            />{' '}
            {scope}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
