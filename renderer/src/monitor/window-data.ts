import type {
  HostColumns,
  MonitorHistory,
  MonitorTick,
  WanHistory,
} from '../../../shared/ipc/channels/monitor';
import { type MonitorWindow, monitorWindows } from '../../../shared/monitor/series';

/** One WAN's points in the window, as uPlot takes them: times in seconds, `null` for a gap. */
export type Columns = Omit<WanHistory, 'wan'>;

const metricKeys = ['rttMs', 'jitterMs', 'lossPct', 'rxBps', 'txBps'] as const;
const hostKeys = ['rttMs', 'jitterMs', 'lossPct'] as const;

export const windowSeconds = (window: MonitorWindow) =>
  monitorWindows.find((each) => each.id === window)?.seconds ?? 60;

/** Seconds between a window's points: every sample up to an hour, minute averages for the day. */
export const sampleSeconds = (window: MonitorWindow) => (window === '24h' ? 60 : 1);

/**
 * The points a site's graphs draw, held outside React: live samples are appended and the oldest
 * dropped in place, once a second, and the graphs are told by a version number, so a tick costs
 * a redraw and not a copy of every column. The day window is minute averages that main computes;
 * it is fetched again each minute rather than fed samples.
 */
export class WindowData {
  readonly wans = new Map<number, Columns>();
  /** The newest sample time, seconds: the right edge of every graph. */
  end = Date.now() / 1000;

  constructor(readonly window: MonitorWindow) {}

  get live(): boolean {
    return this.window !== '24h';
  }

  replace(history: MonitorHistory): void {
    this.wans.clear();
    for (const wan of history.wans) this.wans.set(wan.wan, columnsOf(wan));
    this.end = Math.max(this.end, Date.now() / 1000);
  }

  append(tick: MonitorTick): void {
    const at = tick.at / 1000;
    this.end = Math.max(this.end, at);
    if (!this.live) return;
    const since = at - windowSeconds(this.window);
    for (const sample of tick.wans) {
      let columns = this.wans.get(sample.wan);
      if (!columns) {
        columns = emptyColumns();
        this.wans.set(sample.wan, columns);
      }
      if (sample.hosts && !columns.hosts) {
        // The hosts came with this sample (failover just configured): none measured before it.
        const none = () => columns.times.map(() => null);
        columns.hosts = sample.hosts.map(() => ({ rttMs: none(), jitterMs: none(), lossPct: none() }));
      }
      columns.times.push(at);
      for (const key of metricKeys) columns[key].push(sample[key]);
      if (columns.hosts) {
        columns.hosts.forEach((host, index) => {
          for (const key of hostKeys) host[key].push(sample.hosts?.[index]?.[key] ?? null);
        });
      }
      let old = 0;
      while (old < columns.times.length && (columns.times[old] as number) < since) old += 1;
      if (old > 0) {
        columns.times.splice(0, old);
        for (const key of metricKeys) columns[key].splice(0, old);
        for (const host of columns.hosts ?? []) for (const key of hostKeys) host[key].splice(0, old);
      }
    }
  }
}

function emptyColumns(): Columns {
  return { times: [], rttMs: [], jitterMs: [], lossPct: [], rxBps: [], txBps: [] };
}

function columnsOf(history: WanHistory): Columns {
  return {
    times: history.times.map((time) => time / 1000),
    rttMs: history.rttMs,
    jitterMs: history.jitterMs,
    lossPct: history.lossPct,
    rxBps: history.rxBps,
    txBps: history.txBps,
    // Copies: the first host's columns may be the WAN's own arrays (structured clone keeps sharing),
    // and each is appended to on its own.
    ...(history.hosts && {
      hosts: history.hosts.map(
        (host): HostColumns => ({
          rttMs: [...host.rttMs],
          jitterMs: [...host.jitterMs],
          lossPct: [...host.lossPct],
        }),
      ),
    }),
  };
}
