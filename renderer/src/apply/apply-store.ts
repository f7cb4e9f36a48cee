import { useEffect } from 'react';
import { create } from 'zustand';
import type { ApplySettings, ApplyState } from '../../../shared/ipc/channels/apply';
import { invoke, on } from '../ipc/client';
import { useConnectionStore } from '../stores/connection-store';

interface ApplyStoreState {
  /** Each site's changes in flight, as main last reported them. */
  bySite: Record<string, ApplyState>;
  settings: ApplySettings | null;
  receive(state: ApplyState): void;
  receiveSettings(settings: ApplySettings): void;
  load(): Promise<void>;
  loadSite(siteId: string): Promise<void>;
}

export const useApplyStore = create<ApplyStoreState>()((set, get) => ({
  bySite: {},
  settings: null,
  receive: (state) => set((current) => ({ bySite: { ...current.bySite, [state.siteId]: state } })),
  receiveSettings: (settings) => set({ settings }),
  load: async () => {
    const [states, settings] = await Promise.all([invoke('apply.list'), invoke('apply.settings')]);
    set((current) => ({
      bySite: { ...current.bySite, ...Object.fromEntries(states.map((state) => [state.siteId, state])) },
      settings,
    }));
  },
  loadSite: async (siteId) => get().receive(await invoke('apply.get', { siteId })),
}));

export const selectApply =
  (siteId: string) =>
  (state: ApplyStoreState): ApplyState | undefined =>
    state.bySite[siteId];

/** Feeds the apply store from main: the states once, then its events, again whenever the link to main comes back. */
export function useApplyLive(): void {
  const linkOpen = useConnectionStore((s) => s.status === 'open');
  useEffect(() => {
    const store = useApplyStore.getState();
    const stops = [on('apply.state', store.receive), on('apply.settingsChanged', store.receiveSettings)];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);
  useEffect(() => {
    if (linkOpen)
      void useApplyStore
        .getState()
        .load()
        .catch(() => undefined);
  }, [linkOpen]);
}
