import { i18n } from '#i18n';
/** The "Show Gravatar profile" switch, with what it looks up and what turning it off forgets. */
export function GravatarField({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <fieldset class="profile-options">
      <legend>{i18n.t('options.profile')}</legend>
      <div class="choice">
        <label>
          <input
            type="checkbox"
            name="showGravatar"
            checked={checked}
            aria-describedby="gravatar-description"
            onChange={(event) => onChange(event.currentTarget.checked)}
          />{' '}
          {i18n.t('options.showGravatar')}
        </label>
        <p id="gravatar-description" class="small muted choice-description">
          {i18n.t('options.showGravatarHint')}
        </p>
      </div>
    </fieldset>
  );
}
