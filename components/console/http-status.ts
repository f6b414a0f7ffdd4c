import { i18n } from '#i18n';
import { formatLocale } from '../format-locale';

/**
 * The statuses an API commonly answers with, each with the name of its reason phrase in the locales
 * (`console.reason.notFound`): "404 Not Found" in English, "404 Nicht gefunden" in German. Named, not numbered:
 * @wxt-dev/i18n reads number keys as plural forms.
 */
const REASONS = {
  200: 'ok',
  201: 'created',
  202: 'accepted',
  204: 'noContent',
  301: 'movedPermanently',
  302: 'found',
  304: 'notModified',
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  405: 'methodNotAllowed',
  409: 'conflict',
  410: 'gone',
  422: 'unprocessableContent',
  429: 'tooManyRequests',
  500: 'internalServerError',
  502: 'badGateway',
  503: 'serviceUnavailable',
  504: 'gatewayTimeout',
} as const satisfies Record<number, string>;

type KnownStatus = keyof typeof REASONS;
const isKnown = (status: number): status is KnownStatus => Object.hasOwn(REASONS, status);

/** The status line, shown and said: the number, then its reason phrase in the person's language when we know it. */
export function statusLine(status: number): string {
  return isKnown(status) ? `${status} ${i18n.t(`console.reason.${REASONS[status]}`)}` : String(status);
}

export function durationWords(ms: number): string {
  return i18n.t('console.duration', { ms: Math.round(ms).toLocaleString(formatLocale()) });
}
