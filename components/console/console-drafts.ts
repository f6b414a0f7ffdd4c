/**
 * The console's side of its kept draft (utils/console-draft.ts): what the person chose and typed goes to the worker
 * as they change it, not when the popup closes (a real popup closes as it loses the focus, and a page being torn
 * down sends nothing more), and the next console for the same connection starts from it.
 */
import { ask } from '../../utils/background-client';
import type { ConsoleDraft } from '../../utils/messages';

export interface ConsoleDrafts {
  /** The draft kept for `connectionId`; none when there is none or the worker could not say. */
  read(connectionId: string): Promise<ConsoleDraft | undefined>;
  /** Keeps `draft` for the next popup; a failure only costs the draft. */
  keep(draft: ConsoleDraft): void;
}

export const consoleDrafts: ConsoleDrafts = {
  async read(connectionId) {
    const response = await ask({ type: 'readConsoleDraft', connectionId });
    return response.ok ? response.draft : undefined;
  },
  keep(draft) {
    void ask({ type: 'keepConsoleDraft', draft });
  },
};
