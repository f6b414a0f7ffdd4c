import { i18n } from '#i18n';
import { Alert } from '../Alert';
import { BusyButton } from '../BusyButton';
import { usePageLanguage } from '../page-language';
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
  usePageLanguage(i18n.t('options.title'));
  return (
    <>
      <header class="masterbar">
        <p class="brand">{i18n.t('extName')}</p>
      </header>
      <main class="options">
        <h1>{i18n.t('options.heading')}</h1>
        <p class="muted intro">{i18n.t('options.intro')}</p>
        {form.error ? <Alert error={form.error} /> : null}
        {!form.loaded ? (
          <p role="status" class="loading">
            <span class="spinner" aria-hidden="true" />
            {i18n.t('options.loading')}
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
              <BusyButton type="submit" class="primary" busy={busy === 'saving'}>
                {i18n.t('options.save')}
              </BusyButton>
              <BusyButton
                class="secondary"
                busy={busy === 'signing_in'}
                describedBy="options-progress"
                onClick={form.signIn}
              >
                {i18n.t('options.signIn')}
              </BusyButton>
            </div>
            <p id="options-progress" role="status" class="muted small">
              {busy === 'signing_in' ? i18n.t('popup.waitingForApproval') : form.said}
            </p>
          </form>
        )}
      </main>
    </>
  );
}
