/** The popup's whole state: what the background says, the failure to show, and the actions. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AccessRequest } from '../utils/access';
import { ask, onStateChanged } from '../utils/background-client';
import type { ConnectionView } from '../utils/connection';
import type { AppState, BackgroundRequest, BackgroundResponse, ErrorInfo } from '../utils/messages';
import { activeConnection } from './active-connection';
import { checkOutcomeWords, removedWords } from './check-outcome';
import { type ConsoleDrafts, consoleDrafts } from './console/console-drafts';
import { focusAfterChange, focusHeadingAfterChange, focusIfRemoved, focusRestoreOffer } from './focus-after-change';
import { revocationNotice, sameTelling, type Told, toldBy } from './kept-outcome-words';
import { isQuietFailure } from './quiet-failure';
import type { Revocation } from './RevokedNotice';
import { takeServedState } from './served-state';
import { forgetSnapshot, keepSnapshot, readSnapshot } from './state-snapshot';

export interface ConnectView {
  state: AppState | undefined;
  /** The connection the popup shows and the console calls with. */
  active: ConnectionView | undefined;
  error: ErrorInfo | undefined;
  notice: Revocation | undefined;
  refreshing: boolean;
  /** The state is being asked for (at open, or after "Try again"). */
  loading: boolean;
  /** The worker's last answer to "what is the state" was a failure: with no state kept, the popup offers "Try again". */
  loadFailed: boolean;
  /** A "Check now" is running. */
  checking: boolean;
  /**
   * What the last "Check now" found, in words for the popup's status region (empty while none has ended); or that the
   * check the popup makes as it opens removed a connection.
   */
  checkOutcome: string;
  /**
   * An action the popup sent is running (sign-in, revoke, "Use", "Dismiss"): the other actions are disabled,
   * as a click on them would be dropped.
   */
  busy: boolean;
  /** The connection a running revoke is ending. */
  revoking: string | undefined;
  /** The connection a running "Use" is making the active one. */
  selecting: string | undefined;
  /** A "Dismiss" of the offer to sign in again is running. */
  dismissing: boolean;
  /** The sign-in running was started by "Sign in again" (its button shows the wait, not "Log in"'s). */
  restoring: boolean;
  /** Asks the worker for the state again (after the first answer failed and no state was kept to show). */
  retry(): void;
  /** Starts a sign-in with the access saved on the options page. */
  signIn(): void;
  /** Signs in again with the access of the connection a health check removed (`state.restore`). */
  signInAgain(): void;
  /** Forgets the "Sign in again" offer. */
  dismissRestore(): void;
  /** Checks the connections' tokens with WordPress.com now, past the background's throttle. */
  checkNow(): void;
  select(id: string): void;
  revoke(id: string): void;
  /**
   * Calls a catalogue endpoint with `connectionId`, the connection the console shows (refused by the worker when
   * it is no longer the active one); the console shows the answer.
   */
  call(connectionId: string, endpoint: string, params: Record<string, string>): Promise<BackgroundResponse>;
  /** What the console showed when the last popup closed (its endpoint and the values typed), per connection. */
  drafts: ConsoleDrafts;
}

/**
 * A state from the worker, unless it says what the popup already shows: then the same object, and no render. The
 * worker's answer and its broadcast to every page often carry the same state a moment apart (a sign-in's
 * answer, then its broadcast), and a render of the whole view for nothing would hold back the frame.
 */
const received = (next: AppState) => (current: AppState | undefined) =>
  current && JSON.stringify(current) === JSON.stringify(next) ? current : next;

export function useConnect(): ConnectView {
  // The state the worker served the page with, or else the one the popup last showed, paints the first frame; the
  // worker's answer replaces it.
  const [state, setState] = useState<AppState | undefined>(() => takeServedState() ?? readSnapshot());
  const [error, setError] = useState<ErrorInfo>();
  const [notice, setNotice] = useState<Revocation>();
  const [refreshing, setRefreshing] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadFailed, setLoadFailed] = useState(false);
  const [checking, setChecking] = useState(false);
  const [checkOutcome, setCheckOutcome] = useState('');
  const [restoring, setRestoring] = useState(false);
  const [running, setRunning] = useState<BackgroundRequest>();
  const busy = useRef(false);
  /** Actions the person started (act): a "Check now" answer that comes after one is about the popup as it was. */
  const actions = useRef(0);
  /** Refreshes on their way: "Checking for updates…" lasts until the last one answers. */
  const refreshes = useRef(0);
  /** The failure the alert shows now: a kept outcome waits behind it (not dismissed unseen, not put over it). */
  const shownError = useRef<ErrorInfo | undefined>(undefined);
  shownError.current = error;
  const checkingNow = useRef(false);
  const latest = useRef<AppState | undefined>(undefined);
  latest.current = state;

  /**
   * What the worker kept for a page to show (`state.outcome`: the last sign-in's, revoke's or check's, whose popup
   * has often closed meanwhile): shown, unless the answer it came with says something else itself (then it waits
   * for a later state), and dismissed once (also when it is what the answer says).
   */
  const outcomeShown = useRef<string | undefined>(undefined);
  const showOutcome = useCallback((next: AppState | undefined, told?: Told) => {
    const outcome = next?.outcome;
    // A sign-in starting forgets the last outcome; a state sent as it starts may still carry it.
    if (!outcome || outcomeShown.current === outcome.id || next?.status === 'signing_in') return;
    if (told) {
      if (!sameTelling(outcome, told)) return;
    } else if ('problem' in outcome) {
      // A failure already shown (storage found damaged: said once, by the worker) is not replaced: the outcome stays
      // kept for a later popup.
      if (shownError.current) return;
      setError(outcome.problem);
    } else setNotice(revocationNotice(outcome.revocation));
    outcomeShown.current = outcome.id;
    void ask({ type: 'dismissOutcome', id: outcome.id });
  }, []);

  const apply = useCallback(
    (response: BackgroundResponse) => {
      if (response.state) setState(received(response.state));
      showOutcome(response.state, toldBy(response));
      if (!response.ok) setError(response.error);
      else if (response.notice) setError(response.notice);
      return response;
    },
    [showOutcome],
  );

  /** The answer to a refresh the popup asked for itself: "WordPress.com unreachable" is left to the offline marker. */
  const applyBackground = useCallback(
    (response: BackgroundResponse) => {
      focusIfRemoved();
      if (!response.ok && isQuietFailure(response.error, response.state ?? latest.current)) {
        if (response.state) setState(received(response.state));
        return response;
      }
      return apply(response);
    },
    [apply],
  );

  /** A revoke was clicked and has not answered: what arrives meanwhile may still show the person, and is not kept. */
  const forgetting = useRef(false);
  useEffect(() => {
    if (state && !forgetting.current) keepSnapshot(state);
  }, [state]);

  const refresh = useCallback(() => {
    refreshes.current += 1;
    setRefreshing(true);
    void ask({ type: 'refreshProfile' })
      .then(applyBackground)
      .finally(() => {
        refreshes.current -= 1;
        if (refreshes.current === 0) setRefreshing(false);
      });
  }, [applyBackground]);

  const load = useCallback(() => {
    setLoading(true);
    // The cached state paints first (offline too); the profile refresh and the health check follow together.
    return ask({ type: 'getState' })
      .then((response) => {
        apply(response);
        setLoadFailed(!response.ok);
        if (!response.ok) return;
        if (activeConnection(response.state)) refresh();
        // The background throttles this one: opening the popup often does not check often.
        if (response.state.connections.length > 0) {
          const before = actions.current;
          const offerBefore = response.state.restore;
          void ask({ type: 'checkHealth' }).then((checked) => {
            applyBackground(checked);
            // It removed a connection: the offer to sign in again that came with it is new on the page, and a region
            // added with its words already in it is not reliably announced, so the status region that outlives the
            // views says it. Not after an action or a "Check now" since: they say what they found themselves.
            const offer = checked.state?.restore;
            if (
              offer &&
              offer.removedAt !== offerBefore?.removedAt &&
              actions.current === before &&
              !checkingNow.current
            )
              setCheckOutcome(removedWords(offer));
          });
        }
      })
      .finally(() => setLoading(false));
  }, [apply, applyBackground, refresh]);

  useEffect(() => {
    const stop = onStateChanged((next) => {
      focusIfRemoved();
      setState(received(next));
      showOutcome(next);
    });
    void load();
    return stop;
  }, [load, showOutcome]);

  const act = useCallback(
    async (request: BackgroundRequest) => {
      // A flow is running: further clicks are ignored (the background would join them anyway).
      if (busy.current) return;
      busy.current = true;
      actions.current += 1;
      setRunning(request);
      setError(undefined);
      setNotice(undefined);
      // A check's outcome is about the popup as it was: it is not left to be read after another action.
      setCheckOutcome('');
      try {
        return apply(await ask(request));
      } finally {
        busy.current = false;
        setRunning(undefined);
      }
    },
    [apply],
  );

  /** Starts a sign-in, unless another action runs: then nothing changes, not even the button's wait. */
  const startSignIn = async (access?: AccessRequest) => {
    // Checked before the wait is shown: act() would drop the click, and "Waiting for you to approve…" would stay
    // with no WordPress.com window open.
    if (busy.current) return;
    setState((current) => (current ? { ...current, status: 'signing_in' } : current));
    const response = await act(access ? { type: 'signIn', access } : { type: 'signIn' });
    // A failure that brought no state must not leave the button waiting.
    if (response && !response.state) {
      setState((current) => current && { ...current, status: current.connections.length ? 'signed_in' : 'signed_out' });
    }
    // Signed in: focus lands on the new profile's heading, also when the button pressed stays ("Add connection");
    // after a failure it stays put.
    if (response?.ok === true && response.state?.status === 'signed_in') focusHeadingAfterChange();
    else focusAfterChange();
  };

  return {
    state,
    active: activeConnection(state),
    error,
    notice,
    refreshing,
    loading,
    loadFailed,
    checking,
    checkOutcome,
    busy: running !== undefined,
    revoking: running?.type === 'revoke' ? running.id : undefined,
    selecting: running?.type === 'selectConnection' ? running.id : undefined,
    dismissing: running?.type === 'dismissRestore',
    // This popup's own "Sign in again", or one a popup before it started (the worker says so).
    restoring: restoring || state?.signingInAgain === true,
    retry: () => {
      // The alert goes while asking again: a second failure is a new alert, announced again.
      setError(undefined);
      // "Try again" is gone once a state arrived: focus goes to the new view's heading.
      void load().then(focusAfterChange);
    },
    signIn: () => {
      void startSignIn();
    },
    signInAgain: () => {
      const restore = state?.restore;
      if (!restore || busy.current) return;
      setRestoring(true);
      void startSignIn(restore.access).finally(() => setRestoring(false));
    },
    dismissRestore: () => {
      void act({ type: 'dismissRestore' }).then(focusAfterChange);
    },
    checkNow: () => {
      // A running action (a revoke) may remove the connection the check is about.
      if (checkingNow.current || busy.current) return;
      checkingNow.current = true;
      setChecking(true);
      // Emptied first: the same outcome twice in a row is announced twice.
      setCheckOutcome('');
      setError(undefined);
      const checked = latest.current?.activeId ?? null;
      const before = actions.current;
      const offerBefore = latest.current?.restore;
      void ask({ type: 'checkHealth', force: true })
        .then((response) => {
          applyBackground(response);
          // A check that removed the connection shown took its "Check now" with it: focus goes to the offer to sign in
          // again that came with it (which says what happened: announced once, by the focus), or else to what
          // replaced it.
          const removed = response.state && !response.state.connections.some((c) => c.id === checked);
          // An offer that was there before the check is not this removal's.
          const offer = response.state?.restore;
          const offered = removed && offer !== undefined && offer.removedAt !== offerBefore?.removedAt;
          // An action since (a revoke, "Use") changed what the check was about: its words would be about that.
          if (actions.current === before && !offered)
            setCheckOutcome(checkOutcomeWords(response, checked, latest.current));
          if (offered) focusRestoreOffer();
          else focusAfterChange();
        })
        .finally(() => {
          checkingNow.current = false;
          setChecking(false);
        });
    },
    select: (id) => {
      void act({ type: 'selectConnection', id }).then((response) => {
        focusAfterChange();
        if (response?.ok) refresh();
      });
    },
    revoke: (id) => {
      if (busy.current) return;
      // At once: the answer may take the network's time, and the popup may be closed before it arrives. Until it
      // has, no state is kept again (a refresh's answer, a broadcast may still show the person).
      forgetting.current = true;
      forgetSnapshot();
      void act({ type: 'revoke', id })
        .then((response) => {
          const told = response && toldBy(response);
          if (told && 'revocation' in told) setNotice(revocationNotice(told.revocation));
          // Nothing to revoke: the connection went meanwhile (another page, a check). Said, not left silent.
          else if (response?.ok && response.revocation === 'none')
            setNotice({ kind: 'already_gone', othersRemoved: 0 });
          focusAfterChange();
        })
        .finally(() => {
          forgetting.current = false;
          if (latest.current) keepSnapshot(latest.current);
        });
    },
    call: async (connectionId, endpoint, params) => {
      const response = await ask({ type: 'callEndpoint', connectionId, endpoint, params });
      if (response.state) setState(received(response.state));
      // The console shows its own failures, unless its connection is no longer the active one (its token was
      // found invalid, or another page made another one active): then the console starts afresh or goes, and
      // the popup's alert says why.
      // Only what explains why the console went: its connection was removed (a dead token), or the call was refused
      // as another connection became active. A slow answer for a connection the person left (a 429, a 404) is not
      // said above the one they chose.
      const problem = response.ok ? response.call?.problem : response.error;
      const removed = response.state && !response.state.connections.some((c) => c.id === connectionId);
      if (problem && response.state && response.state.activeId !== connectionId) {
        if (removed || problem.code === 'connection_gone') setError(problem);
      }
      // A console that started afresh or went took its focused Call with it.
      focusAfterChange();
      return response;
    },
    drafts: consoleDrafts,
  };
}
