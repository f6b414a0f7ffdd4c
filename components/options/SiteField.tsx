import type { Ref } from 'preact';
import { i18n } from '#i18n';

/** The optional site for "One site": an address or a numeric ID, checked on Save (and as it is typed, once it was wrong). */
export function SiteField({
  value,
  problem,
  inputRef,
  onInput,
}: {
  value: string;
  problem: string | undefined;
  inputRef: Ref<HTMLInputElement>;
  onInput: (value: string) => void;
}) {
  return (
    <div class="field">
      <label for="site">{i18n.t('options.site')}</label>
      <input
        id="site"
        ref={inputRef}
        type="text"
        inputMode="url"
        spellcheck={false}
        autocomplete="off"
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'site-hint site-problem' : 'site-hint'}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <p id="site-hint" class="small muted">
        {i18n.t('options.siteHint')}
      </p>
      {problem ? (
        <p id="site-problem" class="small field-problem">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
