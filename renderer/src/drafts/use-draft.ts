import { useEffect } from 'react';
import { on } from '../ipc/client';
import { useConnectionStore } from '../stores/connection-store';
import { useDraftsStore } from './drafts-store';

/**
 * Keeps the shown site's draft current, and its snapshot while it is not online: read on open,
 * whenever main is back and when the session comes or goes, then followed.
 */
export function useDraft(siteId: string, online: boolean): void {
  const linkOpen = useConnectionStore((s) => s.status === 'open');
  useEffect(() => on('drafts.changed', (view) => useDraftsStore.getState().receive(view)), []);
  useEffect(() => {
    if (linkOpen)
      void useDraftsStore
        .getState()
        .load(siteId, !online)
        .catch(() => undefined);
  }, [siteId, linkOpen, online]);
}
