import { ACCESS_LEVELS, type AccessLevel } from '../access-words';

/** The "Access" radio group: each level with one sentence on what it reaches. */
export function AccessLevelField({ value, onChange }: { value: AccessLevel; onChange: (level: AccessLevel) => void }) {
  return (
    <fieldset class="access-levels">
      <legend>Access</legend>
      {ACCESS_LEVELS.map(({ level, label, description }) => (
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
      ))}
      <p class="small muted footnote">
        WordPress.com recommends separate apps for login and site access; “Profile only” is the login kind.
      </p>
    </fieldset>
  );
}
