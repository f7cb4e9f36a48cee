import { create } from 'zustand';

/** What a new site starts from when it comes from somewhere (a neighbor found on the network). */
export interface SiteSeed {
  name?: string;
  address?: string;
}

export type SiteEditor = { mode: 'add'; seed?: SiteSeed } | { mode: 'edit'; siteId: string };

interface SiteDialogsState {
  /** The site dialog, opened from the sidebar, a site's menu, a neighbor or an error's next step. */
  editor: SiteEditor | null;
  /** The site whose removal waits for a yes. */
  removing: string | null;
  openAdd(seed?: SiteSeed): void;
  openEdit(siteId: string): void;
  closeEditor(): void;
  askRemove(siteId: string): void;
  cancelRemove(): void;
}

export const useSiteDialogsStore = create<SiteDialogsState>()((set) => ({
  editor: null,
  removing: null,
  openAdd: (seed) => set({ editor: seed ? { mode: 'add', seed } : { mode: 'add' } }),
  openEdit: (siteId) => set({ editor: { mode: 'edit', siteId } }),
  closeEditor: () => set({ editor: null }),
  askRemove: (siteId) => set({ removing: siteId }),
  cancelRemove: () => set({ removing: null }),
}));
