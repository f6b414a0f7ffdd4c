import { i18n } from '#i18n';
import { ACCESS_LEVELS, type AccessLevel, accessLevelWords } from '../access-words';

/** The "Access" radio group: each level with one sentence on what it reaches. */
export function AccessLevelField({ value, onChange }: { value: AccessLevel; onChange: (level: AccessLevel) => void }) {
  return (
    <fieldset class="access-levels">
      <legend>{i18n.t('options.access')}</legend>
      {ACCESS_LEVELS.map((level) => {
        const { label, description } = accessLevelWords(level);
        return (
          <div class="choice" key={level}>
            <label>
              <input
                type="radio"
                name="access"
                value={level}
                checked={value === level}
                aria-describedby={`access-${level}-description`}
                onChange={() => onChange(level)}
              />{' '}
              {label}
            </label>
            <p id={`access-${level}-description`} class="small muted choice-description">
              {description}
            </p>
          </div>
        );
      })}
      <p class="small muted footnote">{i18n.t('options.loginKindNote')}</p>
    </fieldset>
  );
}
