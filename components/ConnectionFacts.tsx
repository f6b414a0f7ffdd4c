import { i18n } from '#i18n';
import type { ConnectionView } from '../utils/connection';
import { kindWords, narrowedScopes, sinceWords } from './connection-words';

/** What a connection reaches and since when: "One site: example.com · since 3 May 2025", then its scopes. */
export function ConnectionFacts({ connection }: { connection: ConnectionView }) {
  const scopes = narrowedScopes(connection);
  return (
    <>
      <p class="facts small muted">
        {i18n.t('connection.facts', { kind: kindWords(connection), since: sinceWords(connection) })}
      </p>
      {scopes.length > 0 ? (
        <p class="facts small muted">{i18n.t('connection.scopes', { scopes: scopes.join(', ') })}</p>
      ) : null}
    </>
  );
}
