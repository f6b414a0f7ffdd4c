import type { Settings } from '../utils/access';
import { AccessSettingsLink } from './AccessSettingsLink';
import { accessSummary } from './access-words';

/** Which access the next sign-in asks for, with the way to change it. */
export function AccessLine({ settings }: { settings: Settings }) {
  return (
    <p class="small muted">
      Asks for: {accessSummary(settings.access)} · <AccessSettingsLink />
    </p>
  );
}
