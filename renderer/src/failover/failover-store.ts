import { create } from 'zustand';
import type { ActiveLink } from '../../../shared/failover/active-link';
import type { FailoverState } from '../../../shared/ipc/channels/failover';
import { invoke } from '../ipc/client';

interface FailoverStoreState {
  /** Each site's failover as main last reported it (failover.list, then failover.state events). */
  bySite: Record<string, FailoverState>;
  receive(state: FailoverState): void;
  load(): Promise<void>;
  /** Asks main for a site it may not be tracking yet (the tab opened before the session). */
  loadSite(siteId: string): Promise<void>;
}

export const useFailoverStore = create<FailoverStoreState>()((set, get) => ({
  bySite: {},
  receive: (state) => set((current) => ({ bySite: { ...current.bySite, [state.siteId]: state } })),
  load: async () => {
    const states = await invoke('failover.list');
    set((current) => ({
      bySite: { ...current.bySite, ...Object.fromEntries(states.map((state) => [state.siteId, state])) },
    }));
  },
  loadSite: async (siteId) => get().receive(await invoke('failover.get', { siteId })),
}));

export const selectFailover =
  (siteId: string) =>
  (state: FailoverStoreState): FailoverState | undefined =>
    state.bySite[siteId];

/**
 * The one answer to "which link carries this site's traffic?": the header, the sites list, the
 * failover tab and the monitoring graphs all read it here. `null` while the site is not online.
 */
export const selectActiveLink =
  (siteId: string) =>
  (state: FailoverStoreState): ActiveLink | null | undefined => {
    const failover = state.bySite[siteId];
    return failover?.phase === 'ready' ? failover.active : null;
  };
