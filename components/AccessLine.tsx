import { i18n } from '#i18n';
import type { AccessRequest, Settings } from '../utils/access';
import { AccessSettingsLink } from './AccessSettingsLink';
import { accessSummary } from './access-words';

/**
 * Which access the next sign-in asks for, with the way to change it; while a sign-in is under way, the access that
 * one asks for (it may not be the saved one: the options page can start a sign-in with access it has not saved).
 */
export function AccessLine({ settings, signingInWith }: { settings: Settings; signingInWith?: AccessRequest }) {
  return (
    <p class="access-line small muted">
      <span>
        {signingInWith
          ? i18n.t('popup.signingInAsks', { summary: accessSummary(signingInWith) })
          : i18n.t('popup.asksFor', { summary: accessSummary(settings.access) })}
      </span>{' '}
      <AccessSettingsLink />
    </p>
  );
}
