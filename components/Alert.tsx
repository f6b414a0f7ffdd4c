import { ERROR_WORDS } from './error-words';
import type { ConnectView } from './use-connect';

/** A failure, in words for its code, with the background's specifics underneath. */
export function Alert({ error }: { error: NonNullable<ConnectView['error']> }) {
  const words = ERROR_WORDS[error.code];
  return (
    <div role="alert" class="alert" data-code={error.code}>
      <strong>{words}</strong>
      {error.message && error.message !== words ? <p>{error.message}</p> : null}
    </div>
  );
}
