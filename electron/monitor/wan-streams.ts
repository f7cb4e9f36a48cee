import { type MonitoredWan, measuredHosts } from '../../shared/ipc/channels/monitor';
import { parseDuration } from '../../shared/routeros/duration';
import type { RouterClient, RouterError, StreamHandle } from '../routeros/router-client';

export interface Rates {
  rxBps: number;
  txBps: number;
  /** When the router reported them, ms. */
  at: number;
}

export interface WanStreamsCallbacks {
  /** One probe of a WAN's `host`-th probe host (0: its probe) came back (a time in ms) or timed out (undefined). */
  probe(wan: number, host: number, rttMs: number | undefined): void;
  /** A stream ended on its own or failed: the router said why. */
  failed(error: RouterError | undefined): void;
}

const pingInterval = '1s';

interface Wanted {
  wan: MonitoredWan;
  host: string;
  index: number;
}

/**
 * The router-side streams that measure a site's WANs: a `/ping` per probe host of each WAN out of
 * its interface (so a WAN whose link is down shows as down, not as the next WAN's path), and one
 * `/interface/monitor-traffic` for all the WAN interfaces. Each stream is keyed by what it
 * measures, so a change to one WAN restarts only that WAN's pings.
 */
export class WanStreams {
  /** By `wan/host`: each WAN's hosts in `measuredHosts` order. */
  private readonly pings = new Map<string, { key: string; handle: StreamHandle }>();
  private traffic: { key: string; handle: StreamHandle } | undefined;
  private readonly rates = new Map<string, Rates>();

  constructor(
    private readonly client: RouterClient,
    private readonly callbacks: WanStreamsCallbacks,
  ) {}

  /** Starts what is new, stops what is gone, leaves the rest running. */
  update(wans: readonly MonitoredWan[]): void {
    const wanted = new Map(
      wans.flatMap((wan) =>
        measuredHosts(wan).map((host, index): [string, Wanted] => [
          `${wan.wan}/${index}`,
          { wan, host, index },
        ]),
      ),
    );
    for (const [slot, ping] of this.pings) {
      const want = wanted.get(slot);
      if (!want || pingKey(want.wan, want.host) !== ping.key) this.stopPing(slot);
    }
    for (const [slot, { wan, host, index }] of wanted)
      if (!this.pings.has(slot)) this.startPing(slot, wan, host, index);

    const interfaces = [...new Set(wans.map((wan) => wan.interface))].sort().join(',');
    if (this.traffic?.key === interfaces) return;
    void this.traffic?.handle.stop().catch(() => undefined);
    this.traffic = undefined;
    this.rates.clear();
    if (interfaces !== '') this.startTraffic(interfaces);
  }

  /** The latest rates of an interface, when the router has reported them. */
  ratesOf(name: string): Rates | undefined {
    return this.rates.get(name);
  }

  /** Cancels every stream on the router and resolves once they have stopped. */
  async stop(): Promise<void> {
    const handles = [...[...this.pings.values()].map((ping) => ping.handle), this.traffic?.handle];
    this.pings.clear();
    this.traffic = undefined;
    this.rates.clear();
    await Promise.all(handles.map((handle) => handle?.stop().catch(() => undefined)));
  }

  private startPing(slot: string, wan: MonitoredWan, host: string, index: number): void {
    const handle = this.client.stream(
      '/ping',
      { address: host, interface: wan.interface, interval: pingInterval },
      {
        row: (row) => {
          const rtt = row.status === undefined && row.time ? parseDuration(row.time) : undefined;
          this.callbacks.probe(wan.wan, index, rtt);
        },
        end: (error) => {
          this.pings.delete(slot);
          this.callbacks.failed(error);
        },
      },
    );
    this.pings.set(slot, { key: pingKey(wan, host), handle });
  }

  private stopPing(slot: string): void {
    void this.pings
      .get(slot)
      ?.handle.stop()
      .catch(() => undefined);
    this.pings.delete(slot);
  }

  private startTraffic(interfaces: string): void {
    const handle = this.client.stream(
      '/interface/monitor-traffic',
      { interface: interfaces },
      {
        row: (row) => {
          const name = row.name;
          if (!name) return;
          this.rates.set(name, {
            rxBps: Number(row['rx-bits-per-second'] ?? Number.NaN),
            txBps: Number(row['tx-bits-per-second'] ?? Number.NaN),
            at: Date.now(),
          });
        },
        end: (error) => {
          this.traffic = undefined;
          this.callbacks.failed(error);
        },
      },
    );
    this.traffic = { key: interfaces, handle };
  }
}

const pingKey = (wan: MonitoredWan, host: string) => `${host} ${wan.interface}`;
