import { i18n } from '#i18n';
import { browser } from '../utils/page-browser';

/** Opens the options page, where the access that sign-ins ask for is chosen. */
export function AccessSettingsLink() {
  return (
    <a
      href="/options.html"
      target="_blank"
      onClick={(event) => {
        event.preventDefault();
        void browser.runtime.openOptionsPage().catch(() => window.open('/options.html'));
      }}
      rel="noopener"
    >
      {i18n.t('popup.accessSettings')}
    </a>
  );
}
