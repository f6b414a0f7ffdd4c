/**
 * The endpoint console, fetched after the first paint: the profile paints from the popup's own chunk, and the
 * console's code (its catalogue, forms and response view) follows in a chunk of its own. Until it has arrived
 * nothing stands in its place: it is the last thing in the popup, so nothing above it moves.
 */
import { useEffect, useState } from 'preact/hooks';
import type { EndpointConsole } from './console/EndpointConsole';

type ConsoleComponent = typeof EndpointConsole;
type ConsoleProps = Parameters<ConsoleComponent>[0];

let loaded: ConsoleComponent | undefined;
let loading: Promise<ConsoleComponent> | undefined;

/** Starts fetching the console's chunk once; a failed fetch is tried again by the next caller. */
export function loadEndpointConsole(): Promise<ConsoleComponent> {
  loading ??= import('./console/EndpointConsole').then(
    (module) => {
      loaded = module.EndpointConsole;
      return loaded;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function LazyEndpointConsole(props: ConsoleProps) {
  // A function in state must be set through an updater, or Preact would call it.
  const [Console, setConsole] = useState<ConsoleComponent | undefined>(() => loaded);
  useEffect(() => {
    if (Console) return;
    let live = true;
    loadEndpointConsole().then(
      (component) => {
        if (live) setConsole(() => component);
      },
      // The extension's own file could not be read: the rest of the popup still works without the console.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [Console]);
  return Console ? <Console {...props} /> : null;
}
