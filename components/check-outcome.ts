/** What a "Check now" found, in words for the popup's status region. */
import { i18n } from '#i18n';
import type { AppState, BackgroundResponse, RestoreOffer } from '../utils/messages';
import { healthWords } from './connection-words';
import { isQuietFailure } from './quiet-failure';

/**
 * The checked connection's status as the status view shows it ("Connected: WordPress.com confirmed the token",
 * "Could not check …"), or that it was removed. Empty when the popup's alert already says what failed.
 */
export function checkOutcomeWords(
  response: BackgroundResponse,
  checkedId: string | null,
  shown: AppState | undefined,
): string {
  if (!response.ok) {
    // Announced by the alert, unless the offline marker already says WordPress.com is out of reach.
    return isQuietFailure(response.error, response.state ?? shown) ? i18n.t('connection.healthUnreachable') : '';
  }
  if (checkedId === null) return '';
  const checked = response.state.connections.find((connection) => connection.id === checkedId);
  return checked ? healthWords(checked) : i18n.t('popup.status.checkedRemoved');
}

/** What the popup's own check found when it removed a connection: the offer's first sentence, said without it. */
export function removedWords(offer: RestoreOffer): string {
  return i18n.t('popup.restore.removed', [offer.label]);
}
