/**
 * The endpoint console, fetched after the first paint: the profile paints from the popup's own chunk, and the
 * console's code (its catalogue, forms and response view) follows in a chunk of its own. Until it has arrived
 * nothing stands in its place: it is the last thing in the popup, so nothing above it moves.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleDraft } from '../utils/messages';
import type { ConsoleDrafts } from './console/console-drafts';
import type { EndpointConsole } from './console/EndpointConsole';

type ConsoleComponent = typeof EndpointConsole;
type ConsoleProps = Parameters<ConsoleComponent>[0];

let loading: Promise<ConsoleComponent> | undefined;

/** Starts fetching the console's chunk once; a failed fetch is tried again by the next caller. */
export function loadEndpointConsole(): Promise<ConsoleComponent> {
  loading ??= import('./console/EndpointConsole').then(
    (module) => module.EndpointConsole,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

type LazyProps = Omit<ConsoleProps, 'draft' | 'keepDraft'> & { drafts: ConsoleDrafts };
type Ready = { Console: ConsoleComponent; draft: ConsoleDraft | undefined };

/**
 * The console once its code and the draft the last popup left for this connection (console-drafts.ts) have both
 * arrived, asked for together: it starts as the person left it, and nothing in it changes after its first frame.
 */
export function LazyEndpointConsole({ drafts, ...props }: LazyProps) {
  const [ready, setReady] = useState<Ready>();
  const connectionId = props.connection.id;
  useEffect(() => {
    let live = true;
    // The draft is a convenience: without the worker's answer the console starts afresh.
    const draft = drafts.read(connectionId).catch(() => undefined);
    Promise.all([loadEndpointConsole(), draft]).then(
      ([Console, kept]) => {
        if (live) setReady({ Console, draft: kept });
      },
      // The extension's own file could not be read: the rest of the popup still works without the console.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [connectionId, drafts]);
  if (!ready) return null;
  const { Console, draft } = ready;
  return <Console {...props} draft={draft} keepDraft={drafts.keep} />;
}
