import { useEffect } from 'react';
import { on } from '../ipc/client';
import { useConnectionStore } from '../stores/connection-store';
import { useNeighborsStore } from '../stores/neighbors-store';
import { useNoticesStore } from '../stores/notices-store';
import { useSessionsStore } from '../stores/sessions-store';
import { useSitesStore } from '../stores/sites-store';

/**
 * Feeds the stores from main: the lists once, then its events. Whenever the link to main comes
 * back (web mode's socket after a sleep), the lists are read again, since events were missed.
 */
export function useLiveData(): void {
  const linkOpen = useConnectionStore((s) => s.status === 'open');

  useEffect(() => {
    const unsubscribe = [
      on('sites.changed', (sites) => {
        useSitesStore.getState().receive(sites);
        useSessionsStore.getState().retain(sites.map((site) => site.id));
      }),
      on('sessions.state', (state) => useSessionsStore.getState().receive(state)),
      on('neighbors.changed', (neighbors) => useNeighborsStore.getState().receive(neighbors)),
      on('sessions.notice', ({ siteId, level, message }) => {
        const site = useSitesStore.getState().sites.find((candidate) => candidate.id === siteId);
        useNoticesStore.getState().push(site ? { level, message, title: site.name } : { level, message });
      }),
    ];
    return () => {
      for (const stop of unsubscribe) stop();
    };
  }, []);

  useEffect(() => {
    if (!linkOpen) return;
    void useSitesStore.getState().load();
    // Sessions and neighbors are secondary: the sites list still works without them.
    void useSessionsStore
      .getState()
      .load()
      .catch(() => undefined);
    void useNeighborsStore
      .getState()
      .load()
      .catch(() => undefined);
  }, [linkOpen]);
}
