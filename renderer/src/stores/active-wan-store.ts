import { create } from 'zustand';

/** What the sidebar and the site header show for the link carrying a site's traffic. */
export interface ActiveWan {
  /** e.g. "WAN 1". */
  label: string;
  /** e.g. the interface, "ether1". */
  detail?: string;
}

interface ActiveWanState {
  /**
   * Filled by the monitoring and failover features, per site; the sites UI only renders it. A site
   * without an entry shows nothing (the slot keeps its space).
   */
  bySite: Record<string, ActiveWan>;
  setActiveWan(siteId: string, activeWan: ActiveWan | undefined): void;
}

export const useActiveWanStore = create<ActiveWanState>()((set) => ({
  bySite: {},
  setActiveWan: (siteId, activeWan) =>
    set((state) => {
      const { [siteId]: _, ...rest } = state.bySite;
      return { bySite: activeWan ? { ...rest, [siteId]: activeWan } : rest };
    }),
}));

export const selectActiveWan =
  (siteId: string) =>
  (state: ActiveWanState): ActiveWan | undefined =>
    state.bySite[siteId];
