import { useEffect } from 'react';
import { measuredHosts } from '../../../shared/ipc/channels/monitor';
import { invoke, on } from '../ipc/client';
import { useConnectionStore } from '../stores/connection-store';
import { useMonitorStore, windowData } from './monitor-store';

/** The day window is minute averages: fetched again as each minute fills. */
const dayRefreshMs = 60_000;

/**
 * While a site is shown, main sends its samples and this feeds the monitor store: the status, the
 * log, the thresholds and the cap once, then their events; the window's history, then each sample.
 * When the site is no longer shown, main is told: it keeps measuring the site in the background,
 * but sends its samples no more.
 */
export function useMonitorWatch(siteId: string): void {
  const linkOpen = useConnectionStore((s) => s.status === 'open');
  const span = useMonitorStore((s) => s.window);
  const running = useMonitorStore((s) => s.status[siteId]?.phase === 'running');
  // A link measured to another host starts a new history in main (see SiteMonitor).
  const targets = useMonitorStore((s) =>
    s.status[siteId]?.wans.map((link) => `${link.wan} ${measuredHosts(link)} ${link.interface}`).join(),
  );

  useEffect(() => {
    if (!linkOpen) return;
    const store = useMonitorStore.getState();
    const mine =
      <T extends { siteId: string }>(receive: (payload: T) => void) =>
      (payload: T) => {
        if (payload.siteId === siteId) receive(payload);
      };
    const stops = [
      on('monitor.status', mine(store.receiveStatus)),
      on('monitor.tick', mine(store.receiveTick)),
      on('monitor.logEntry', mine(store.receiveLogEntry)),
      on('monitor.thresholdsChanged', store.receiveThresholds),
      on('monitor.capacity', store.receiveCapacity),
    ];
    invoke('monitor.watch', { siteId }).then(store.receiveStatus, () => undefined);
    invoke('monitor.log', { siteId }).then(
      (entries) => store.receiveLog(siteId, entries),
      () => undefined,
    );
    invoke('monitor.thresholds').then(store.receiveThresholds, () => undefined);
    invoke('monitor.capacity').then(store.receiveCapacity, () => undefined);
    return () => {
      for (const stop of stops) stop();
      void invoke('monitor.unwatch', { siteId }).catch(() => undefined);
    };
  }, [siteId, linkOpen]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `running`, `targets`: fetched again when measuring resumes (the gap shows as it was) or a link's host changed.
  useEffect(() => {
    if (!linkOpen) return;
    let current = true;
    const load = () =>
      invoke('monitor.history', { siteId, window: span }).then(
        (history) => {
          if (!current) return;
          windowData(siteId, span).replace(history);
          useMonitorStore.getState().touched(siteId);
        },
        () => undefined,
      );
    void load();
    const timer = span === '24h' ? setInterval(load, dayRefreshMs) : undefined;
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [siteId, span, linkOpen, running, targets]);
}
