/**
 * The options page's form as plain code (no hooks, no DOM): loads the saved settings, holds what is being edited,
 * and sends Save or "Sign in with this access". `use-access-form.ts` wraps it for Preact.
 *
 * Without the saved settings there is nothing to edit: the form stays hidden (`load: 'failed'`, with a retry),
 * and Save and sign-in send nothing. Showing the defaults instead would let Save overwrite what the person chose
 * (turning Gravatar back on for someone who had turned it off).
 */
import { i18n } from '#i18n';
import type { AccessRequest, Settings } from '../../utils/access';
import { accessKey, DEFAULT_SETTINGS } from '../../utils/access-choices';
import type { AppState, BackgroundRequest, BackgroundResponse, ErrorInfo } from '../../utils/messages';
import { activeConnection } from '../active-connection';
import { connectionLabel } from '../connection-words';
import { sameTelling, toldBy } from '../kept-outcome-words';
import { type AccessDraft, accessFromDraft, draftFromAccess, siteProblem } from './access-draft';

export interface AccessFormState {
  /** `loading` until the saved settings arrive; `failed` when they could not be read (the form is not shown). */
  load: 'loading' | 'ready' | 'failed';
  draft: AccessDraft;
  /** "Show Gravatar profile": saved with the access, as one Settings object. */
  showGravatar: boolean;
  siteProblem: string | undefined;
  error: ErrorInfo | undefined;
  /** What is under way: loading again after a failure, saving, or signing in. */
  busy: 'loading' | 'saving' | 'signing_in' | undefined;
  /** "Saved", or which connection a sign-in added: for the polite live region. */
  said: string;
}

export interface AccessFormDeps {
  ask(request: BackgroundRequest): Promise<BackgroundResponse>;
  /** Every state the page receives (the popup's kept first frame follows it). */
  keep(state: AppState): void;
  /** Called with each new form state. */
  onChange(state: AccessFormState): void;
  /** Points at the site field when its value stops a save or sign-in. */
  focusSite(): void;
}

export interface AccessFormModel {
  state(): AccessFormState;
  /** Reads the saved settings; again after a failure ("Try again"). */
  load(): Promise<void>;
  edit(change: Partial<AccessDraft>): void;
  setShowGravatar(on: boolean): void;
  /** Saves the form's access and Gravatar switch together. */
  save(): Promise<void>;
  /** Signs in with the access the form shows, saved or not; it is not saved. */
  signIn(): Promise<void>;
  /**
   * The settings as saved now, from a state the worker sent every page (another options page saved): what this page
   * shows and the person has not changed follows them, so a Save here does not put back what the other page changed.
   */
  savedElsewhere(settings: Settings): void;
}

export const INITIAL_ACCESS_FORM: AccessFormState = {
  load: 'loading',
  draft: draftFromAccess(DEFAULT_SETTINGS.access),
  showGravatar: DEFAULT_SETTINGS.showGravatar,
  siteProblem: undefined,
  error: undefined,
  busy: undefined,
  said: '',
};

/**
 * Whether two drafts stand for the same access: a site or scopes left in the fields of another level are not part of
 * it. Drafts that are no access (a site the form cannot use) compare by their fields.
 */
const sameDraft = (a: AccessDraft, b: AccessDraft) => {
  const [x, y] = [accessFromDraft(a), accessFromDraft(b)];
  if (x.ok && y.ok) return accessKey(x.access) === accessKey(y.access);
  return a.level === b.level && a.site === b.site && a.scopes.join(' ') === b.scopes.join(' ');
};

export function createAccessForm(deps: AccessFormDeps): AccessFormModel {
  let current = INITIAL_ACCESS_FORM;
  /** The settings as saved, as this page last knew them: what it loaded, saved, or was told. */
  let saved: Settings | undefined;
  const set = (change: Partial<AccessFormState>) => {
    current = { ...current, ...change };
    deps.onChange(current);
  };

  /**
   * The access to send, or undefined after pointing at the site field's problem. The status region says what did not
   * happen: focus moved to the field is announced with the problem, but a field that had the focus (Enter pressed in
   * it) is not moved to, and a person would hear nothing.
   */
  const validAccess = (kind: 'saving' | 'signing_in'): AccessRequest | undefined => {
    const result = accessFromDraft(current.draft);
    // A problem shown for a site the draft no longer uses (another level chosen since) goes.
    if (result.ok) {
      if (current.siteProblem) set({ siteProblem: undefined });
      return result.access;
    }
    set({
      siteProblem: result.siteProblem,
      said: i18n.t(kind === 'saving' ? 'options.notSaved' : 'options.notSignedIn'),
    });
    deps.focusSite();
    return undefined;
  };

  const send = async (kind: 'saving' | 'signing_in', request: BackgroundRequest) => {
    const sentDraft = current.draft;
    set({ busy: kind, error: undefined, said: '' });
    try {
      const response = await deps.ask(request);
      if (response.state) deps.keep(response.state);
      // This page shows how its own sign-in ended: the outcome kept for a popup that closed is not for the next one.
      const outcome = response.state?.outcome;
      const told = toldBy(response);
      if (outcome && told && sameTelling(outcome, told)) void deps.ask({ type: 'dismissOutcome', id: outcome.id });
      if (!response.ok) {
        set({ error: response.error });
        return;
      }
      // The form shows what was saved, as the worker wrote it (a site's address in lower case, say), unless it was
      // edited meanwhile: a change saved by another page is then recognised as one against the form (`savedElsewhere`).
      let savedDraft: Partial<AccessFormState> = {};
      if (kind === 'saving' && response.state) {
        saved = response.state.settings;
        if (current.draft === sentDraft) savedDraft = { draft: draftFromAccess(saved.access) };
      }
      const added = activeConnection(response.state);
      set({
        ...savedDraft,
        ...(response.notice ? { error: response.notice } : {}),
        said:
          kind === 'saving'
            ? i18n.t('options.saved')
            : added
              ? i18n.t('options.connected', { connection: connectionLabel(added) })
              : i18n.t('options.connectedNew'),
      });
    } finally {
      set({ busy: undefined });
    }
  };

  /** Save and sign-in work on loaded settings only, one at a time. */
  const ready = () => current.load === 'ready' && current.busy === undefined;

  return {
    state: () => current,
    load: async () => {
      if (current.busy !== undefined) return;
      // The last failure's alert goes while asking again: a second failure is then announced again.
      set({ busy: 'loading', error: undefined });
      const response = await deps.ask({ type: 'getState' });
      if (!response.state) {
        // Nothing to edit: the saved settings are unknown, and the defaults must not stand in for them.
        set({ load: 'failed', busy: undefined, error: response.ok ? response.notice : response.error });
        return;
      }
      deps.keep(response.state);
      const { settings } = response.state;
      saved = settings;
      set({
        load: 'ready',
        busy: undefined,
        draft: draftFromAccess(settings.access),
        showGravatar: settings.showGravatar,
        // Damaged data cleared on the way is told once, to the page that asked first: this one, when it did.
        error: response.ok ? response.notice : response.error,
      });
    },
    edit: (change) => {
      const draft = { ...current.draft, ...change };
      // Once a problem is shown, it goes away as soon as the site is fixed.
      const problem = current.siteProblem && change.site !== undefined ? siteProblem(draft.site) : current.siteProblem;
      set({ draft, said: '', siteProblem: problem });
    },
    setShowGravatar: (on) => set({ showGravatar: on, said: '' }),
    save: async () => {
      const access = ready() ? validAccess('saving') : undefined;
      // The whole Settings object: the access and the Gravatar switch are saved together.
      if (access)
        await send('saving', { type: 'saveSettings', settings: { access, showGravatar: current.showGravatar } });
    },
    signIn: async () => {
      const access = ready() ? validAccess('signing_in') : undefined;
      if (!access) return;
      // "Show Gravatar profile" turned off here is honoured by this sign-in: its look-up (and every popup's) reads the
      // saved switch, so the switch is saved off first, with the saved access. Turning it off only ever sends less.
      if (!current.showGravatar && saved?.showGravatar) {
        set({ busy: 'signing_in', error: undefined, said: '' });
        const response = await deps.ask({
          type: 'saveSettings',
          settings: { access: saved.access, showGravatar: false },
        });
        if (response.state) {
          deps.keep(response.state);
          saved = response.state.settings;
        }
        if (!response.ok) {
          set({ busy: undefined, error: response.error });
          return;
        }
      }
      await send('signing_in', { type: 'signIn', access });
    },
    savedElsewhere: (settings) => {
      const before = saved;
      if (current.load !== 'ready' || before === undefined) return;
      saved = settings;
      const change: Partial<AccessFormState> = {};
      const draft = draftFromAccess(settings.access);
      if (sameDraft(current.draft, draftFromAccess(before.access)) && !sameDraft(current.draft, draft)) {
        change.draft = draft;
        change.siteProblem = undefined;
      }
      if (current.showGravatar === before.showGravatar && current.showGravatar !== settings.showGravatar)
        change.showGravatar = settings.showGravatar;
      if (Object.keys(change).length > 0) set({ ...change, said: '' });
    },
  };
}
