import { useEffect } from 'react';
import { create } from 'zustand';

interface HeldTabsState {
  /** Per site, how many open dialogs hold its tab in place. */
  held: Record<string, number>;
  hold(siteId: string): () => void;
}

/**
 * Sites whose connected tab stays on screen while the router is away: a dialog open there holds
 * what the technician typed, to keep as an offline edit or to apply once the session is back. The
 * offline view takes over when the last such dialog closes.
 */
export const useHeldTabsStore = create<HeldTabsState>()((set) => {
  const add = (siteId: string, by: number) =>
    set((state) => ({ held: { ...state.held, [siteId]: (state.held[siteId] ?? 0) + by } }));
  return {
    held: {},
    hold: (siteId) => {
      add(siteId, 1);
      return () => add(siteId, -1);
    },
  };
});

export const selectHeld = (siteId: string) => (state: HeldTabsState) => (state.held[siteId] ?? 0) > 0;

/** Holds the site's tab in place while the calling dialog is open (and `active`). */
export function useHoldTab(siteId: string, active: boolean): void {
  useEffect(() => (active ? useHeldTabsStore.getState().hold(siteId) : undefined), [siteId, active]);
}
