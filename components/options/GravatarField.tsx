/** The "Show Gravatar profile" switch, with what it looks up and what turning it off forgets. */
export function GravatarField({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <fieldset class="profile-options">
      <legend>Profile</legend>
      <div class="choice">
        <label>
          <input
            type="checkbox"
            name="showGravatar"
            checked={checked}
            aria-describedby="gravatar-description"
            onChange={(event) => onChange(event.currentTarget.checked)}
          />{' '}
          Show Gravatar profile
        </label>
        <p id="gravatar-description" class="small muted choice-description">
          Looks up your public Gravatar profile (by a hash of your email address) after you sign in. Turning it off also
          forgets what was fetched.
        </p>
      </div>
    </fieldset>
  );
}
