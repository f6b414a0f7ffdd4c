/** The options page's state for Preact: the form model (`access-form-model.ts`), loaded once the page is up. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ask, onStateChanged } from '../../utils/background-client';
import { focusAfterChange } from '../focus-after-change';
import type { AccessDraft } from './access-draft';
import { type AccessFormState, createAccessForm, INITIAL_ACCESS_FORM } from './access-form-model';
import { refreshSnapshot } from './snapshot-refresh';

export interface AccessForm extends AccessFormState {
  siteInput: { current: HTMLInputElement | null };
  edit(change: Partial<AccessDraft>): void;
  setShowGravatar(on: boolean): void;
  save(): void;
  signIn(): void;
  /** Reads the saved settings again after they could not be read. */
  retry(): void;
}

export function useAccessForm(): AccessForm {
  const [state, setState] = useState<AccessFormState>(INITIAL_ACCESS_FORM);
  const siteInput = useRef<HTMLInputElement>(null);
  const model = useMemo(
    () =>
      createAccessForm({ ask, keep: refreshSnapshot, onChange: setState, focusSite: () => siteInput.current?.focus() }),
    [],
  );
  useEffect(() => {
    void model.load();
    // Another options page may save meanwhile: what this one shows unchanged follows.
    return onStateChanged((next) => model.savedElsewhere(next.settings));
  }, [model]);

  return {
    ...state,
    siteInput,
    edit: model.edit,
    setShowGravatar: model.setShowGravatar,
    save: () => void model.save(),
    signIn: () => void model.signIn(),
    // The retry button is gone once the form shows: focus goes to the heading, not to the page.
    retry: () => void model.load().then(focusAfterChange),
  };
}
