import { i18n } from '#i18n';
import { Alert } from '../Alert';
import { BusyButton } from '../BusyButton';
import { usePageLanguage } from '../page-language';
import { waitingWords } from '../sign-in-words';
import { AccessLevelField } from './AccessLevelField';
import { GravatarField } from './GravatarField';
import { ScopeField } from './ScopeField';
import { SiteField } from './SiteField';
import { useAccessForm } from './use-access-form';

/**
 * The options page: which access sign-ins ask for (saved for the popup's "Log in", or used at once by "Sign in with
 * this access", as shown and without saving it) and whether the popup shows the Gravatar profile. Until the saved
 * settings are read there is no form: the defaults never stand in for them.
 */
export function OptionsApp() {
  const form = useAccessForm();
  const { draft, busy } = form;
  usePageLanguage(i18n.t('options.title'));
  return (
    <>
      <header class="masterbar">
        <p class="brand">{i18n.t('extName')}</p>
      </header>
      <main class="options">
        <h1 tabIndex={-1} data-focus-after-change>
          {i18n.t('options.heading')}
        </h1>
        <p class="muted intro">{i18n.t('options.intro')}</p>
        {form.error ? <Alert error={form.error} /> : null}
        {form.load === 'loading' ? (
          <p role="status" class="loading">
            <span class="spinner" aria-hidden="true" />
            {i18n.t('options.loading')}
          </p>
        ) : form.load === 'failed' ? (
          // The saved settings are unknown: no form to save over them, only another try.
          <div class="load-failed">
            <p id="options-load-failed">{i18n.t('options.loadFailed')}</p>
            <div class="buttons">
              <BusyButton
                class="primary"
                busy={busy === 'loading'}
                describedBy="options-load-failed"
                onClick={form.retry}
              >
                {i18n.t('options.retry')}
              </BusyButton>
            </div>
          </div>
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
              {/* One at a time: a press while the other runs would be dropped without a word. */}
              <BusyButton
                type="submit"
                class="primary"
                busy={busy === 'saving'}
                disabled={busy !== undefined}
                describedBy="options-progress"
              >
                {i18n.t('options.save')}
              </BusyButton>
              <BusyButton
                class="secondary"
                busy={busy === 'signing_in'}
                disabled={busy !== undefined}
                describedBy="options-sign-in-hint options-progress"
                onClick={form.signIn}
              >
                {i18n.t('options.signIn')}
              </BusyButton>
            </div>
            <p id="options-sign-in-hint" class="muted small">
              {i18n.t('options.signInHint')}
            </p>
            <p id="options-progress" role="status" class="muted small">
              {busy === 'signing_in' ? waitingWords() : busy === 'saving' ? i18n.t('options.saving') : form.said}
            </p>
          </form>
        )}
      </main>
    </>
  );
}
