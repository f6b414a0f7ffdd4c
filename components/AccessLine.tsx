import { i18n } from '#i18n';
import type { Settings } from '../utils/access';
import { AccessSettingsLink } from './AccessSettingsLink';
import { accessSummary } from './access-words';

/** Which access the next sign-in asks for, with the way to change it. */
export function AccessLine({ settings }: { settings: Settings }) {
  return (
    <p class="access-line small muted">
      <span>{i18n.t('popup.asksFor', { summary: accessSummary(settings.access) })}</span> <AccessSettingsLink />
    </p>
  );
}
