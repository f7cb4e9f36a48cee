import { create } from 'zustand';
import type { Site, SiteInput } from '../../../shared/sites/site';
import { invoke } from '../ipc/client';

const selectionKey = 'uplink.selectedSite';

interface SitesState {
  /** Sorted by name, as the sidebar shows them. */
  sites: Site[];
  loaded: boolean;
  /** Why the list could not be loaded. */
  error: string | null;
  selectedId: string | null;
  load(): Promise<void>;
  /** A fresh list from main (sites.changed, or an answer); the selection survives if its site does. */
  receive(sites: Site[]): void;
  select(siteId: string | null): void;
  create(input: SiteInput): Promise<Site>;
  update(siteId: string, input: SiteInput): Promise<Site>;
  duplicate(siteId: string): Promise<Site>;
  remove(siteId: string): Promise<void>;
}

const byName = (a: Site, b: Site) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) || a.id.localeCompare(b.id);

/** With more than one site, no selection is the fleet view ("Sites"), the home; with one, that site. */
function keptSelection(sites: Site[], selectedId: string | null): string | null {
  if (selectedId !== null && sites.some((site) => site.id === selectedId)) return selectedId;
  return sites.length === 1 ? (sites[0]?.id ?? null) : null;
}

export const useSitesStore = create<SitesState>()((set, get) => {
  const upsert = (site: Site) =>
    get().receive([...get().sites.filter((existing) => existing.id !== site.id), site]);

  return {
    sites: [],
    loaded: false,
    error: null,
    // Remembered across restarts: the technician comes back to the router they were on.
    selectedId: localStorage.getItem(selectionKey),
    load: async () => {
      try {
        get().receive(await invoke('sites.list'));
        set({ error: null });
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) });
      }
    },
    receive: (sites) => {
      const sorted = [...sites].sort(byName);
      const selectedId = keptSelection(sorted, get().selectedId);
      set({ sites: sorted, loaded: true, selectedId });
    },
    select: (selectedId) => {
      if (selectedId === null) localStorage.removeItem(selectionKey);
      else localStorage.setItem(selectionKey, selectedId);
      set({ selectedId });
    },
    create: async (input) => {
      const site = await invoke('sites.create', input);
      upsert(site);
      get().select(site.id);
      return site;
    },
    update: async (siteId, input) => {
      const site = await invoke('sites.update', { siteId, site: input });
      upsert(site);
      return site;
    },
    duplicate: async (siteId) => {
      const site = await invoke('sites.duplicate', { siteId });
      upsert(site);
      get().select(site.id);
      return site;
    },
    remove: async (siteId) => {
      const { sites, selectedId } = get();
      const index = sites.findIndex((site) => site.id === siteId);
      await invoke('sites.remove', { siteId });
      const rest = get().sites.filter((site) => site.id !== siteId);
      // The neighbour below (or above) takes the selection, as in any list the user deletes from.
      if (selectedId === siteId) get().select(rest[Math.min(index, rest.length - 1)]?.id ?? null);
      get().receive(rest);
    },
  };
});

export const selectSelectedSite = (state: SitesState): Site | undefined =>
  state.sites.find((site) => site.id === state.selectedId);

export const selectSite =
  (siteId: string) =>
  (state: SitesState): Site | undefined =>
    state.sites.find((site) => site.id === siteId);
