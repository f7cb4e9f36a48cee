import { useEffect } from 'react';
import { on } from '../ipc/client';
import { useConnectionStore } from '../stores/connection-store';
import { useDraftsStore } from './drafts-store';

/** Keeps the shown site's draft and snapshot current: read on open and whenever main is back, then followed. */
export function useDraft(siteId: string): void {
  const linkOpen = useConnectionStore((s) => s.status === 'open');
  useEffect(() => on('drafts.changed', (view) => useDraftsStore.getState().receive(view)), []);
  useEffect(() => {
    if (linkOpen)
      void useDraftsStore
        .getState()
        .load(siteId)
        .catch(() => undefined);
  }, [siteId, linkOpen]);
}
