/** Which failures of the popup's own background refreshes go unannounced. */
import type { AppState, ErrorInfo } from '../utils/messages';

/**
 * A refresh or health check the popup started by itself could not reach WordPress.com, and the popup
 * already shows "Offline — last updated …": the marker says it, an alert would only alarm. Every other
 * failure (and this one, when the offline marker is not shown) is announced as before.
 */
export function isQuietFailure(error: ErrorInfo, state: AppState | undefined): boolean {
  return (error.code === 'network' || error.code === 'timeout') && state?.offline !== undefined;
}
