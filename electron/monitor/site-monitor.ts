import type { FailoverState } from '../../shared/ipc/channels/failover';
import {
  type FleetSite,
  type HostSample,
  type MonitoredWan,
  type MonitorStatus,
  type MonitorTick,
  measuredHosts,
  sparkPoints,
  sparkSeconds,
  type WanHistory,
  type WanSample,
} from '../../shared/ipc/channels/monitor';
import { combinedHealth, type HealthThresholds, linkHealth } from '../../shared/monitor/health';
import { monitoredLinks } from '../../shared/monitor/links';
import { ProbeWindow } from '../../shared/monitor/probe-window';
import type { MonitorWindow } from '../../shared/monitor/series';
import type { RouterClient } from '../routeros/router-client';
import { WanHistoryBuffer } from './wan-history';
import { WanStreams } from './wan-streams';

export interface SiteMonitorDeps {
  client(): RouterClient;
  thresholds(): HealthThresholds;
  /** A sample for the renderers showing the site (`watchers`: their client ids); none may. */
  tick(tick: MonitorTick, watchers: ReadonlySet<string>): void;
  status(status: MonitorStatus): void;
  now?(): number;
}

const sparkSliceMs = (sparkSeconds * 1000) / sparkPoints;
const noSpark: (number | null)[] = Array(sparkPoints).fill(null);

/** Rates older than this are stale (the traffic stream stalled): shown as a gap, not as the last value. */
const staleRatesMs = 3000;

/**
 * A further probe host's last result is read into its WAN's sample when the first host's comes:
 * the pings run side by side a second apart, so one older than this was lost on the way.
 */
const hostResultMs = 1500;

/**
 * One site's monitoring: streams on the router while its session is online and the service admits
 * it (under the cap on sites measured at once), whether anyone shows the site or not; the history
 * of each link kept either way, bounded. Raw samples go only to the renderers that show the site.
 */
export class SiteMonitor {
  private readonly watchers = new Set<string>();
  private failover: FailoverState | undefined;
  private links: MonitoredWan[] = [];
  /** What each link number was measured to, last: its history is of that host. */
  private readonly targets = new Map<number, string>();
  private streams: WanStreams | undefined;
  /** Each link's probe windows, one per host in `measuredHosts` order. */
  private readonly probes = new Map<number, ProbeWindow[]>();
  /** Each link's hosts' last results, for the sample the first host's next result makes. */
  private readonly results = new Map<number, ({ at: number; rttMs: number | undefined } | undefined)[]>();
  private readonly histories = new Map<number, WanHistoryBuffer>();
  private error: string | undefined;
  private lastStatus = '';
  private admitted = false;
  /** Each link's newest sample: the fleet view's figures now. */
  private readonly latest = new Map<number, WanSample>();
  /** The sparklines' last slice end (ms) and points, per link: made again once per slice. */
  private sparkEnd = 0;
  private sparks = new Map<number, (number | null)[]>();
  private sparkSent = 0;
  /** Something the fleet view shows changed since its last summary. */
  changed = true;

  constructor(
    readonly siteId: string,
    private readonly deps: SiteMonitorDeps,
  ) {}

  /** The links measured: configured WANs and plain default routes, in number order. */
  wans(): MonitoredWan[] {
    return this.links;
  }

  state(): MonitorStatus {
    const wans = this.wans();
    const ready = this.failover?.phase === 'ready';
    const phase = this.streams
      ? 'running'
      : !ready
        ? 'paused'
        : wans.length === 0
          ? 'idle'
          : this.admitted
            ? 'idle'
            : 'capped';
    return {
      siteId: this.siteId,
      phase,
      wans,
      ...(this.error !== undefined && { error: this.error }),
    };
  }

  /** Online with a link to measure: it asks the service for a place under the cap. */
  get wanted(): boolean {
    return this.failover?.phase === 'ready' && this.links.length > 0;
  }

  get watched(): boolean {
    return this.watchers.size > 0;
  }

  get running(): boolean {
    return this.streams !== undefined;
  }

  /** The service's word: measure this site now, or leave the place to others. */
  admit(admitted: boolean): void {
    if (admitted === this.admitted) return;
    this.admitted = admitted;
    this.sync();
  }

  /** A renderer shows the site; a refused stream is tried again for it. */
  watch(clientId: string): void {
    this.watchers.add(clientId);
    this.error = undefined;
    this.sync();
  }

  unwatch(clientId: string): void {
    if (this.watchers.delete(clientId)) this.sync();
  }

  /** The site's links as the router has them now; the service then gives its place and syncs. */
  failoverChanged(state: FailoverState): void {
    const before = JSON.stringify([this.failover?.phase, this.wans()]);
    this.failover = state;
    this.links = state.phase === 'ready' ? monitoredLinks(state, this.links) : [];
    for (const link of this.links) {
      // Another host (the gateway, then the probe once failover is on): round trips to it are
      // another series, so the link's graphs start again rather than jump at the change.
      const target = `${measuredHosts(link).join(',')} ${link.interface}`;
      if (this.targets.get(link.wan) === target) continue;
      this.targets.set(link.wan, target);
      this.histories.delete(link.wan);
      this.probes.delete(link.wan);
      this.results.delete(link.wan);
      this.latest.delete(link.wan);
      this.sparkEnd = 0;
      this.sparkSent = 0;
    }
    // A stream the router refused is tried again once something it depends on has changed.
    if (JSON.stringify([state.phase, this.wans()]) !== before) this.error = undefined;
  }

  /** Runs the streams when they are wanted, stops them when not; tells the renderers what changed. */
  sync(): void {
    const wans = this.wans();
    if (this.admitted && this.wanted && this.error === undefined) {
      if (!this.streams) this.start();
      this.streams?.update(wans);
    } else {
      this.stop();
    }
    const status = this.state();
    const text = JSON.stringify(status);
    if (text !== this.lastStatus) {
      this.lastStatus = text;
      this.changed = true;
      this.deps.status(status);
    }
  }

  history(window: MonitorWindow): WanHistory[] {
    const now = this.now();
    return this.wans().flatMap(({ wan }) => this.histories.get(wan)?.window(window, now) ?? []);
  }

  /**
   * What the fleet view shows of the site. An update (`full` false) carries the sparklines only
   * when a point was added since the last update, so a summary a second stays small.
   */
  summary(now: number, failovers24h: number, full: boolean): FleetSite {
    const end = Math.floor(now / sparkSliceMs) * sparkSliceMs;
    const withSparks = full || end !== this.sparkSent;
    if (!full) {
      this.sparkSent = end;
      this.changed = false;
    }
    if (end !== this.sparkEnd) {
      this.sparkEnd = end;
      this.sparks = new Map(
        this.links.map(({ wan }) => [wan, this.histories.get(wan)?.spark(end) ?? noSpark]),
      );
    }
    const down = new Set(
      this.failover?.phase === 'ready'
        ? this.failover.wans.filter((wan) => wan.state === 'down').map((wan) => wan.wan)
        : [],
    );
    const phase = this.state().phase;
    return {
      siteId: this.siteId,
      phase,
      failovers24h,
      links: this.links.map(({ wan, kind, name, interface: out }) => {
        const sample = phase === 'running' ? this.latest.get(wan) : undefined;
        const spark = this.sparks.get(wan);
        return {
          wan,
          kind,
          ...(name !== undefined && { name }),
          interface: out,
          health: kind === 'wan' && down.has(wan) ? 'down' : (sample?.health ?? null),
          rttMs: sample?.rttMs ?? null,
          lossPct: sample?.lossPct ?? null,
          ...(spark && withSparks && { spark }),
        };
      }),
    };
  }

  /** Bytes of history held, for the memory benchmark. */
  get byteLength(): number {
    return [...this.histories.values()].reduce((total, history) => total + history.byteLength, 0);
  }

  dispose(): void {
    this.watchers.clear();
    this.admitted = false;
    this.stop();
  }

  /**
   * One probe of a WAN's `host` came back or timed out. Its first host's paces the WAN: each of
   * those makes a sample for every graph of the WAN, the other hosts' last results with it.
   */
  probe(wan: number, host: number, rttMs: number | undefined): void {
    const link = this.links.find((each) => each.wan === wan);
    if (!link) return;
    const at = this.now();
    const hosts = measuredHosts(link).length;
    let windows = this.probes.get(wan);
    if (windows?.length !== hosts) {
      windows = Array.from({ length: hosts }, () => new ProbeWindow());
      this.probes.set(wan, windows);
    }
    windows[host]?.add(rttMs);
    const results = this.results.get(wan) ?? [];
    this.results.set(wan, results);
    results[host] = { at, rttMs };
    if (host !== 0) return;

    const thresholds = this.deps.thresholds();
    const figures = windows.map((window, index): HostSample & { sent: number } => {
      const stats = window.stats();
      const result = results[index];
      const fresh = result && at - result.at <= hostResultMs ? result.rttMs : undefined;
      return {
        rttMs: fresh ?? null,
        jitterMs: Number.isNaN(stats.rttMs) ? null : stats.jitterMs,
        lossPct: stats.lossPct,
        health: linkHealth(stats, thresholds),
        sent: stats.sent,
      };
    });
    const [first] = figures as [HostSample & { sent: number }];
    const rates = this.streams?.ratesOf(link.interface);
    const fresh = rates && at - rates.at < staleRatesMs ? rates : undefined;
    const sample: WanSample = {
      wan,
      rttMs: first.rttMs,
      jitterMs: first.jitterMs,
      lossPct: first.lossPct,
      rxBps: finite(fresh?.rxBps),
      txBps: finite(fresh?.txBps),
      // A host not heard from yet says nothing either way.
      health: combinedHealth(
        figures.filter((each) => each.sent > 0).map((each) => each.health),
        link.downWhen,
      ),
      ...(hosts > 1 && { hosts: figures.map(({ sent: _, ...figure }) => figure) }),
    };
    let history = this.histories.get(wan);
    if (!history) {
      history = new WanHistoryBuffer(wan, hosts);
      this.histories.set(wan, history);
    }
    history.push(at, sample);
    this.latest.set(wan, sample);
    this.changed = true;
    if (this.watchers.size > 0) this.deps.tick({ siteId: this.siteId, at, wans: [sample] }, this.watchers);
  }

  private start(): void {
    // A fresh measurement: what the probes saw before the pause says nothing about the link now.
    this.probes.clear();
    this.results.clear();
    let client: RouterClient;
    try {
      client = this.deps.client();
    } catch (error) {
      this.error = `Monitoring could not start: ${(error as Error).message}`;
      return;
    }
    this.streams = new WanStreams(client, {
      probe: (wan, host, rtt) => this.probe(wan, host, rtt),
      failed: (error) => {
        // The session's own loss is told by the session; anything else is worth a word here.
        if (error && error.code !== 'closed') {
          this.error = `Monitoring stopped: ${error.message}`;
          this.stop();
          this.sync();
        }
      },
    });
  }

  private stop(): void {
    void this.streams?.stop();
    this.streams = undefined;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}

const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : null);
