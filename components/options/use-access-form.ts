/** The options page's state: the settings being edited (access, Gravatar), loaded from and saved to the background. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { AccessRequest } from '../../utils/access';
import { DEFAULT_SETTINGS } from '../../utils/access-choices';
import { ask } from '../../utils/background-client';
import type { BackgroundRequest, ErrorInfo } from '../../utils/messages';
import { activeConnection } from '../active-connection';
import { connectionLabel } from '../connection-words';
import { keepSnapshot } from '../state-snapshot';
import { type AccessDraft, accessFromDraft, draftFromAccess, siteProblem } from './access-draft';

export interface AccessForm {
  loaded: boolean;
  draft: AccessDraft;
  /** "Show Gravatar profile": saved with the access, as one Settings object. */
  showGravatar: boolean;
  siteProblem: string | undefined;
  error: ErrorInfo | undefined;
  busy: 'saving' | 'signing_in' | undefined;
  /** "Saved", or which connection a sign-in added: for the polite live region. */
  said: string;
  siteInput: { current: HTMLInputElement | null };
  edit(change: Partial<AccessDraft>): void;
  setShowGravatar(on: boolean): void;
  save(): void;
  signIn(): void;
}

export function useAccessForm(): AccessForm {
  const [loaded, setLoaded] = useState(false);
  const [draft, setDraft] = useState<AccessDraft>(() => draftFromAccess(DEFAULT_SETTINGS.access));
  const [showGravatar, setShowGravatar] = useState(DEFAULT_SETTINGS.showGravatar);
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState<AccessForm['busy']>();
  const [said, setSaid] = useState('');
  const siteInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void ask({ type: 'getState' }).then((response) => {
      if (response.state) {
        // The popup's kept state follows every state this page receives (its frame goes when the state changed).
        keepSnapshot(response.state);
        setDraft(draftFromAccess(response.state.settings.access));
        setShowGravatar(response.state.settings.showGravatar);
      }
      if (!response.ok) setError(response.error);
      setLoaded(true);
    });
  }, []);

  /** The access to send, or undefined after pointing at the site field's problem. */
  const validAccess = (): AccessRequest | undefined => {
    const result = accessFromDraft(draft);
    if (result.ok) return result.access;
    setProblem(result.siteProblem);
    siteInput.current?.focus();
    return undefined;
  };

  const send = useCallback(async (kind: NonNullable<AccessForm['busy']>, request: BackgroundRequest) => {
    setBusy(kind);
    setError(undefined);
    setSaid('');
    try {
      const response = await ask(request);
      if (response.state) keepSnapshot(response.state);
      if (!response.ok) {
        setError(response.error);
        return;
      }
      if (response.notice) setError(response.notice);
      const added = activeConnection(response.state);
      setSaid(
        kind === 'saving'
          ? i18n.t('options.saved')
          : added
            ? i18n.t('options.connected', { connection: connectionLabel(added) })
            : i18n.t('options.connectedNew'),
      );
    } finally {
      setBusy(undefined);
    }
  }, []);

  return {
    loaded,
    draft,
    showGravatar,
    siteProblem: problem,
    error,
    busy,
    said,
    siteInput,
    edit: (change) => {
      const next = { ...draft, ...change };
      setDraft(next);
      setSaid('');
      // Once a problem is shown, it goes away as soon as the site is fixed.
      if (problem && change.site !== undefined) setProblem(siteProblem(next.site));
    },
    setShowGravatar: (on) => {
      setShowGravatar(on);
      setSaid('');
    },
    save: () => {
      const access = busy ? undefined : validAccess();
      // The whole Settings object: the access and the Gravatar switch are saved together.
      if (access) void send('saving', { type: 'saveSettings', settings: { access, showGravatar } });
    },
    signIn: () => {
      const access = busy ? undefined : validAccess();
      if (access) void send('signing_in', { type: 'signIn', access });
    },
  };
}
