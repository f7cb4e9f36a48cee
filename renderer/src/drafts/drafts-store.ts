import { create } from 'zustand';
import type { SiteSnapshot } from '../../../shared/drafts/draft';
import type { DraftView } from '../../../shared/ipc/channels/drafts';
import { invoke } from '../ipc/client';

interface DraftsStoreState {
  /** Each site's draft as main last reported it (drafts.get, then drafts.changed events). */
  views: Record<string, DraftView>;
  /** What a site opens from offline; null when it was never connected. */
  snapshots: Record<string, SiteSnapshot | null>;
  receive(view: DraftView): void;
  load(siteId: string): Promise<void>;
}

export const useDraftsStore = create<DraftsStoreState>()((set, get) => ({
  views: {},
  snapshots: {},
  receive: (view) => {
    const before = get().views[view.siteId];
    set((current) => ({ views: { ...current.views, [view.siteId]: view } }));
    // A newer snapshot was taken: the offline views read it again.
    if (before?.snapshot?.takenAt !== view.snapshot?.takenAt) void loadSnapshot(view.siteId);
  },
  load: async (siteId) => {
    get().receive(await invoke('drafts.get', { siteId }));
    await loadSnapshot(siteId);
  },
}));

async function loadSnapshot(siteId: string): Promise<void> {
  const snapshot = await invoke('drafts.snapshot', { siteId });
  useDraftsStore.setState((current) => ({ snapshots: { ...current.snapshots, [siteId]: snapshot } }));
}

export const selectDraft = (siteId: string) => (state: DraftsStoreState) => state.views[siteId];
export const selectSnapshot = (siteId: string) => (state: DraftsStoreState) => state.snapshots[siteId];
