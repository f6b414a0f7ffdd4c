/**
 * The `outage` switch, at the Node level: while it is on, a request to any public route gets no answer at all,
 * its socket is destroyed, so a client sees exactly the network failure of a stopped service ("fetch failed",
 * not an HTTP error). The control API (`/__sandbox/…`) keeps answering so tests can switch it off again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorStore } from './store.ts';

type NodeListener = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown;

export const isControlPath = (url: string | undefined) => /^\/__sandbox(\/|$|\?)/.test(url ?? '');

export function withOutage(store: EmulatorStore, listener: NodeListener): NodeListener {
  return (incoming, outgoing) => {
    if (store.behaviour.outage && !isControlPath(incoming.url)) {
      store.stats.droppedRequests++;
      incoming.socket.destroy();
      return;
    }
    return listener(incoming, outgoing);
  };
}
