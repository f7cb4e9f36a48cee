import { create } from 'zustand';
import type { SiteSnapshot } from '../../../shared/drafts/draft';
import type { DraftView } from '../../../shared/ipc/channels/drafts';
import { invoke } from '../ipc/client';

interface DraftsStoreState {
  /** Each site's draft as main last reported it (drafts.get, then drafts.changed events). */
  views: Record<string, DraftView>;
  /**
   * What a site opens from offline, held only while it is not online (a big table's snapshot is
   * tens of MB: not to be carried across IPC and kept while the live table is shown); null when
   * it was never connected.
   */
  snapshots: Record<string, SiteSnapshot | null>;
  receive(view: DraftView): void;
  /** The draft; and the snapshot when the site is offline, else the snapshot is let go. */
  load(siteId: string, offline: boolean): Promise<void>;
}

export const useDraftsStore = create<DraftsStoreState>()((set, get) => ({
  views: {},
  snapshots: {},
  receive: (view) => {
    const before = get().views[view.siteId];
    set((current) => ({ views: { ...current.views, [view.siteId]: view } }));
    // A newer snapshot was taken: an offline view showing the older one reads it again.
    if (view.siteId in get().snapshots && before?.snapshot?.takenAt !== view.snapshot?.takenAt)
      void loadSnapshot(view.siteId);
  },
  load: async (siteId, offline) => {
    if (!offline) set(({ snapshots: { [siteId]: _, ...rest } }) => ({ snapshots: rest }));
    get().receive(await invoke('drafts.get', { siteId }));
    if (offline) await loadSnapshot(siteId);
  },
}));

async function loadSnapshot(siteId: string): Promise<void> {
  const snapshot = await invoke('drafts.snapshot', { siteId });
  useDraftsStore.setState((current) => ({ snapshots: { ...current.snapshots, [siteId]: snapshot } }));
}

export const selectDraft = (siteId: string) => (state: DraftsStoreState) => state.views[siteId];
export const selectSnapshot = (siteId: string) => (state: DraftsStoreState) => state.snapshots[siteId];
