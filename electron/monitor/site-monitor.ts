import type { FailoverState } from '../../shared/ipc/channels/failover';
import type { MonitoredWan, MonitorStatus, MonitorTick, WanHistory } from '../../shared/ipc/channels/monitor';
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
  tick(tick: MonitorTick): void;
  status(status: MonitorStatus): void;
  now?(): number;
}

/** Rates older than this are stale (the traffic stream stalled): shown as a gap, not as the last value. */
const staleRatesMs = 3000;

/**
 * One site's monitoring: streams on the router while someone watches the site and its session is
 * online, none otherwise; the history of each WAN kept either way, bounded.
 */
export class SiteMonitor {
  private readonly watchers = new Set<string>();
  private failover: FailoverState | undefined;
  private links: MonitoredWan[] = [];
  private streams: WanStreams | undefined;
  private readonly probes = new Map<number, ProbeWindow>();
  private readonly histories = new Map<number, WanHistoryBuffer>();
  private error: string | undefined;
  private lastStatus = '';

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
    const phase = this.streams ? 'running' : this.failover?.phase === 'ready' ? 'idle' : 'paused';
    return {
      siteId: this.siteId,
      phase: wans.length === 0 && phase !== 'paused' ? 'idle' : phase,
      wans,
      ...(this.error !== undefined && { error: this.error }),
    };
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

  failoverChanged(state: FailoverState): void {
    const before = JSON.stringify([this.failover?.phase, this.wans()]);
    this.failover = state;
    this.links = state.phase === 'ready' ? monitoredLinks(state, this.links) : [];
    // A stream the router refused is tried again once something it depends on has changed.
    if (JSON.stringify([state.phase, this.wans()]) !== before) this.error = undefined;
    this.sync();
  }

  /** Runs the streams when they are wanted, stops them when not; tells the renderers what changed. */
  sync(): void {
    const wans = this.wans();
    if (this.watchers.size > 0 && wans.length > 0 && this.error === undefined) {
      if (!this.streams) this.start();
      this.streams?.update(wans);
    } else {
      this.stop();
    }
    const status = this.state();
    const text = JSON.stringify(status);
    if (text !== this.lastStatus) {
      this.lastStatus = text;
      this.deps.status(status);
    }
  }

  history(window: MonitorWindow): WanHistory[] {
    const now = this.now();
    return this.wans().flatMap(({ wan }) => this.histories.get(wan)?.window(window, now) ?? []);
  }

  /** Bytes of history held, for the memory benchmark. */
  get byteLength(): number {
    return [...this.histories.values()].reduce((total, history) => total + history.byteLength, 0);
  }

  dispose(): void {
    this.watchers.clear();
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
    this.deps.tick({ siteId: this.siteId, at, wans: [sample] });
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
