import { useEffect } from 'react';
import { on } from '../ipc/client';
import { useConnectionStore } from '../stores/connection-store';
import { useFleetStore } from './fleet-store';

/** Feeds the fleet store: every site's summary once (again when the link to main is back), then main's updates. */
export function useFleetLive(): void {
  const linkOpen = useConnectionStore((s) => s.status === 'open');
  useEffect(() => on('monitor.fleet', (sites) => useFleetStore.getState().receive(sites)), []);
  useEffect(() => {
    if (linkOpen)
      void useFleetStore
        .getState()
        .load()
        .catch(() => undefined);
  }, [linkOpen]);
}
