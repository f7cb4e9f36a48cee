import { create } from 'zustand';
import type {
  MonitorCapacity,
  MonitorStatus,
  MonitorTick,
  WanSample,
} from '../../../shared/ipc/channels/monitor';
import type { FailoverLogEntry } from '../../../shared/monitor/failover-log';
import type { HealthThresholds } from '../../../shared/monitor/health';
import type { MonitorWindow } from '../../../shared/monitor/series';
import { WindowData } from './window-data';

interface MonitorStoreState {
  /** The graph window, shared by all sites: comparing sites means comparing like with like. */
  window: MonitorWindow;
  status: Record<string, MonitorStatus>;
  /** Each site's newest sample per WAN: the readouts and the health. */
  latest: Record<string, Record<number, WanSample>>;
  log: Record<string, FailoverLogEntry[]>;
  thresholds: HealthThresholds | null;
  capacity: MonitorCapacity | null;
  /**
   * Bumped when a site's graph points changed: per WAN for a sample, so a tick redraws only its
   * WAN's graphs; under 0 for the whole site (history fetched).
   */
  versions: Record<string, Record<number, number>>;
  setWindow(window: MonitorWindow): void;
  receiveStatus(status: MonitorStatus): void;
  receiveTick(tick: MonitorTick): void;
  receiveLog(siteId: string, entries: FailoverLogEntry[]): void;
  receiveLogEntry(entry: FailoverLogEntry): void;
  receiveThresholds(thresholds: HealthThresholds): void;
  receiveCapacity(capacity: MonitorCapacity): void;
  /** The points changed other than by a tick (history fetched). */
  touched(siteId: string): void;
}

/** Graph points per site, for the window chosen; kept outside the store (see WindowData). */
const pointsBySite = new Map<string, WindowData>();

export function windowData(siteId: string, window: MonitorWindow): WindowData {
  let data = pointsBySite.get(siteId);
  if (!data || data.window !== window) {
    data = new WindowData(window);
    pointsBySite.set(siteId, data);
  }
  return data;
}

export const useMonitorStore = create<MonitorStoreState>()((set, get) => ({
  window: '10m',
  status: {},
  latest: {},
  log: {},
  thresholds: null,
  capacity: null,
  versions: {},
  setWindow: (window) => set({ window }),
  receiveStatus: (status) => set((state) => ({ status: { ...state.status, [status.siteId]: status } })),
  receiveTick: (tick) => {
    windowData(tick.siteId, get().window).append(tick);
    set((state) => {
      const latest = { ...state.latest[tick.siteId] };
      for (const sample of tick.wans) latest[sample.wan] = sample;
      return {
        latest: { ...state.latest, [tick.siteId]: latest },
        versions: {
          ...state.versions,
          [tick.siteId]: bumped(
            state.versions[tick.siteId],
            tick.wans.map((w) => w.wan),
          ),
        },
      };
    });
  },
  receiveLog: (siteId, entries) => set((state) => ({ log: { ...state.log, [siteId]: entries } })),
  receiveLogEntry: (entry) =>
    set((state) => ({ log: { ...state.log, [entry.siteId]: [...(state.log[entry.siteId] ?? []), entry] } })),
  receiveThresholds: (thresholds) => set({ thresholds }),
  receiveCapacity: (capacity) => set({ capacity }),
  touched: (siteId) =>
    set((state) => ({ versions: { ...state.versions, [siteId]: bumped(state.versions[siteId], [0]) } })),
}));

function bumped(versions: Record<number, number> | undefined, keys: number[]): Record<number, number> {
  const next = { ...versions };
  for (const key of keys) next[key] = (next[key] ?? 0) + 1;
  return next;
}

const noLog: FailoverLogEntry[] = [];

export const selectMonitorStatus = (siteId: string) => (state: MonitorStoreState) => state.status[siteId];
export const selectLatest = (siteId: string, wan: number) => (state: MonitorStoreState) =>
  state.latest[siteId]?.[wan];
export const selectLog = (siteId: string) => (state: MonitorStoreState) => state.log[siteId] ?? noLog;
export const selectVersion = (siteId: string, wan: number) => (state: MonitorStoreState) =>
  (state.versions[siteId]?.[0] ?? 0) + (state.versions[siteId]?.[wan] ?? 0);
