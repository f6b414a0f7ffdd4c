import { i18n } from '#i18n';

/**
 * What a page says while its sign-in waits for WordPress.com's window, which may be out of sight: a reopened popup
 * or the options page can be in front of it.
 */
export const waitingWords = (): string => `${i18n.t('popup.waitingForApproval')} ${i18n.t('popup.waitingHint')}`;
