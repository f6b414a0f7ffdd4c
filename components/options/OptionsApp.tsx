import { Alert } from '../Alert';
import { AccessLevelField } from './AccessLevelField';
import { GravatarField } from './GravatarField';
import { ScopeField } from './ScopeField';
import { SiteField } from './SiteField';
import { useAccessForm } from './use-access-form';

/**
 * The options page: which access sign-ins ask for (saved for the popup, or used at once to add a connection)
 * and whether the popup shows the Gravatar profile.
 */
export function OptionsApp() {
  const form = useAccessForm();
  const { draft, busy } = form;
  return (
    <main class="options">
      <header>
        <h1>Access settings</h1>
        <p class="muted small">
          WordPress.com Connect asks WordPress.com for this access when you log in or add a connection.
        </p>
      </header>
      {form.error ? <Alert error={form.error} /> : null}
      {!form.loaded ? (
        <p role="status" class="muted">
          Loading…
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            form.save();
          }}
        >
          <AccessLevelField value={draft.level} onChange={(level) => form.edit({ level })} />
          {draft.level === 'site' ? (
            <div class="site-options">
              <SiteField
                value={draft.site}
                problem={form.siteProblem}
                inputRef={form.siteInput}
                onInput={(site) => form.edit({ site })}
              />
              <ScopeField value={draft.scopes} onChange={(scopes) => form.edit({ scopes })} />
            </div>
          ) : null}
          <GravatarField checked={form.showGravatar} onChange={form.setShowGravatar} />
          <div class="buttons">
            <button type="submit" class="primary" aria-busy={busy === 'saving'}>
              {busy === 'saving' ? <span class="spinner" aria-hidden="true" /> : null}
              Save
            </button>
            <button
              type="button"
              class="secondary"
              aria-busy={busy === 'signing_in'}
              aria-describedby="options-progress"
              onClick={form.signIn}
            >
              {busy === 'signing_in' ? <span class="spinner" aria-hidden="true" /> : null}
              Sign in with this access
            </button>
          </div>
          <p id="options-progress" role="status" class="muted small">
            {busy === 'signing_in' ? 'Waiting for you to approve in the WordPress.com window…' : form.said}
          </p>
        </form>
      )}
    </main>
  );
}
