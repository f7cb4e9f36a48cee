import type { FailoverState } from '../../shared/ipc/channels/failover';
import {
  type FleetSite,
  type MonitoredWan,
  type MonitorStatus,
  type MonitorTick,
  sparkPoints,
  sparkSeconds,
  type WanHistory,
  type WanSample,
} from '../../shared/ipc/channels/monitor';
import { type HealthThresholds, linkHealth } from '../../shared/monitor/health';
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
  private readonly probes = new Map<number, ProbeWindow>();
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
      const target = `${link.probe} ${link.interface}`;
      if (this.targets.get(link.wan) === target) continue;
      this.targets.set(link.wan, target);
      this.histories.delete(link.wan);
      this.probes.delete(link.wan);
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

  /** One probe came back or timed out: a sample for every graph of its WAN. */
  probe(wan: number, rttMs: number | undefined): void {
    const at = this.now();
    const window = this.probes.get(wan) ?? new ProbeWindow();
    this.probes.set(wan, window);
    window.add(rttMs);
    const stats = window.stats();
    const name = this.wans().find((each) => each.wan === wan)?.interface;
    const rates = name === undefined ? undefined : this.streams?.ratesOf(name);
    const fresh = rates && at - rates.at < staleRatesMs ? rates : undefined;
    const sample = {
      wan,
      rttMs: rttMs ?? null,
      jitterMs: Number.isNaN(stats.rttMs) ? null : stats.jitterMs,
      lossPct: stats.lossPct,
      rxBps: finite(fresh?.rxBps),
      txBps: finite(fresh?.txBps),
      health: linkHealth(stats, this.deps.thresholds()),
    };
    let history = this.histories.get(wan);
    if (!history) {
      history = new WanHistoryBuffer(wan);
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
    let client: RouterClient;
    try {
      client = this.deps.client();
    } catch (error) {
      this.error = `Monitoring could not start: ${(error as Error).message}`;
      return;
    }
    this.streams = new WanStreams(client, {
      probe: (wan, rtt) => this.probe(wan, rtt),
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
