import { useEffect } from 'react';
import { on } from '../ipc/client';
import { type ActiveWan, useActiveWanStore } from '../stores/active-wan-store';
import { useConnectionStore } from '../stores/connection-store';
import { selectActiveLink, useFailoverStore } from './failover-store';

/** What the header and the sites list show for a site whose router has no active default route. */
const noLink: ActiveWan = {
  label: 'None',
  detail: 'No default route is active: the router has no way to the internet.',
};

/**
 * Feeds the failover store from main (the states once, then its events, again whenever the link
 * to main comes back), and hands each site's active link to the header and the sites list.
 */
export function useFailoverLive(): void {
  const linkOpen = useConnectionStore((s) => s.status === 'open');

  useEffect(() => {
    const store = useFailoverStore.getState();
    const stops = [
      on('failover.state', store.receive),
      useFailoverStore.subscribe((state, previous) => {
        const { setActiveWan } = useActiveWanStore.getState();
        for (const siteId of Object.keys(state.bySite)) {
          const link = selectActiveLink(siteId)(state);
          if (link === selectActiveLink(siteId)(previous) && siteId in previous.bySite) continue;
          setActiveWan(
            siteId,
            link === null ? undefined : link ? { label: link.label, detail: link.detail } : noLink,
          );
        }
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, []);

  useEffect(() => {
    if (linkOpen)
      void useFailoverStore
        .getState()
        .load()
        .catch(() => undefined);
  }, [linkOpen]);
}
