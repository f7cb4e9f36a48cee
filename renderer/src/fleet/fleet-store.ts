import { create } from 'zustand';
import type { FleetSite } from '../../../shared/ipc/channels/monitor';
import { mergeFleetSite, type SiteHealth, siteHealth } from '../../../shared/monitor/fleet';
import { invoke } from '../ipc/client';

interface FleetState {
  /** Each site's summary from main: health, figures now and sparklines; never raw samples. */
  bySite: Record<string, FleetSite>;
  load(): Promise<void>;
  receive(sites: readonly FleetSite[]): void;
}

export const useFleetStore = create<FleetState>()((set, get) => ({
  bySite: {},
  load: async () => get().receive(await invoke('monitor.fleet')),
  receive: (sites) =>
    set((state) => {
      const bySite = { ...state.bySite };
      for (const site of sites) bySite[site.siteId] = mergeFleetSite(bySite[site.siteId], site);
      return { bySite };
    }),
}));

export const selectSiteHealth =
  (siteId: string) =>
  (state: FleetState): SiteHealth =>
    siteHealth(state.bySite[siteId]);
