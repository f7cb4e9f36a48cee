// Synthetic load from the LAN: downloads and uploads that leave by whichever WAN carries the active
// default route, capped by that link's bandwidth, with some noise. The other WANs show only a
// trickle (probes, keepalives), so `/interface/monitor-traffic` tells which link carries traffic.
// Rates are computed when asked and hold for the second (the noise is drawn per second and link),
// so the LAN side mirrors the WAN exactly; byte counters integrate them between reads.
import type { Attrs, CommandResult, StreamSink } from '../../command';
import { allowOnly, type CommandSpec } from '../registry';
import type { RouteTable } from '../routing/table';
import { noMatch } from '../values';
import type { Counters, Interfaces } from './interfaces';
import type { Links } from './links';

export interface Rates {
  rxBitsPerSecond: number;
  txBitsPerSecond: number;
  rxPacketsPerSecond: number;
  txPacketsPerSecond: number;
}

/** The LAN's appetite: a slow swell around these, uploads a fifth of downloads. */
const DOWNLOAD_MBPS = 45;
const SWELL_MBPS = 20;
const SWELL_PERIOD_MS = 120_000;
const UPLOAD_SHARE = 0.2;
/** A link carries a little less than its line rate. */
const GOODPUT = 0.94;
/** An idle WAN still sees probes and keepalives; a WAN without internet sees retries. */
const TRICKLE_BPS = 6000;
const RETRY_BPS = 250_000;
const DATA_PACKET_BYTES = 1200;
const SMALL_PACKET_BYTES = 90;
const MONITOR_INTERVAL_MS = 1000;
const ZERO: Rates = { rxBitsPerSecond: 0, txBitsPerSecond: 0, rxPacketsPerSecond: 0, txPacketsPerSecond: 0 };

export class Traffic {
  private readonly counters = new Map<string, Counters & { at: number }>();

  constructor(
    private readonly interfaces: Interfaces,
    private readonly links: Links,
    private readonly table: RouteTable,
    /** Ports that are in the LAN bridge or are the bridge: they mirror the WAN's traffic. */
    private readonly lan: readonly string[],
    private readonly now: () => number,
  ) {}

  /** The WAN interface the LAN's traffic leaves by: the active default route's. */
  carrier(): string | undefined {
    const route = this.table.activeRoute({ address: 0, length: 0 });
    return route ? this.table.state(route).interface : undefined;
  }

  rates(name: string): Rates {
    if (!this.interfaces.running(name)) return ZERO;
    const carrier = this.carrier();
    const load = carrier === undefined ? undefined : this.carried(carrier);
    if (this.links.get(name)) {
      if (name === carrier && load) return load;
      return small(this.noisy(TRICKLE_BPS, `${name} rx`), this.noisy(TRICKLE_BPS * 0.6, `${name} tx`));
    }
    if (this.lan.includes(name) && load) {
      // Toward the LAN, the other way round.
      return {
        rxBitsPerSecond: load.txBitsPerSecond,
        txBitsPerSecond: load.rxBitsPerSecond,
        rxPacketsPerSecond: load.txPacketsPerSecond,
        txPacketsPerSecond: load.rxPacketsPerSecond,
      };
    }
    return ZERO;
  }

  private carried(carrier: string): Rates {
    const link = this.links.get(carrier);
    if (!link) return ZERO;
    if (!link.internet)
      return small(this.noisy(TRICKLE_BPS, `${carrier} rx`), this.noisy(RETRY_BPS, `${carrier} tx`));
    const second = Math.floor(this.now() / 1000) * 1000;
    const swell = Math.sin((2 * Math.PI * second) / SWELL_PERIOD_MS);
    const demand = (DOWNLOAD_MBPS + SWELL_MBPS * swell) * 1e6;
    const capacity = link.bandwidthMbps * 1e6 * GOODPUT;
    const rx = Math.min(this.noisy(demand, `${carrier} rx`), capacity);
    const tx = Math.min(this.noisy(demand * UPLOAD_SHARE, `${carrier} tx`), capacity);
    return {
      rxBitsPerSecond: Math.round(rx),
      txBitsPerSecond: Math.round(tx),
      rxPacketsPerSecond: Math.round(rx / 8 / DATA_PACKET_BYTES),
      // Mostly acknowledgements: small packets.
      txPacketsPerSecond: Math.round(tx / 8 / (DATA_PACKET_BYTES / 2)),
    };
  }

  /** ±10 %, the same for the whole second on one link and direction. */
  private noisy(bits: number, salt: string): number {
    return bits * (0.9 + unitHash(`${Math.floor(this.now() / 1000)} ${salt}`) * 0.2);
  }

  /** Byte and packet counters since boot, advanced at the current rate since the last read. */
  countersOf(name: string): Counters {
    const now = this.now();
    let counters = this.counters.get(name);
    if (!counters) {
      counters = { rxByte: 0, txByte: 0, rxPacket: 0, txPacket: 0, at: now };
      this.counters.set(name, counters);
    }
    const seconds = (now - counters.at) / 1000;
    const rates = this.rates(name);
    counters.rxByte += (rates.rxBitsPerSecond / 8) * seconds;
    counters.txByte += (rates.txBitsPerSecond / 8) * seconds;
    counters.rxPacket += rates.rxPacketsPerSecond * seconds;
    counters.txPacket += rates.txPacketsPerSecond * seconds;
    counters.at = now;
    return counters;
  }
}

/** A number in [0, 1) from a string (FNV-1a): noise that repeats for the same second and link. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

function small(rxBits: number, txBits: number): Rates {
  return {
    rxBitsPerSecond: Math.round(rxBits),
    txBitsPerSecond: Math.round(txBits),
    rxPacketsPerSecond: Math.max(1, Math.round(rxBits / 8 / SMALL_PACKET_BYTES)),
    txPacketsPerSecond: Math.max(1, Math.round(txBits / 8 / SMALL_PACKET_BYTES)),
  };
}

/** `/interface/monitor-traffic =interface=a,b`: one row per interface each second; `=once=` ends after one round. */
export function monitorTrafficCommand(traffic: Traffic, interfaces: Interfaces): CommandSpec {
  return {
    unnamed: ['interface'],
    flags: ['once'],
    run: ({ attrs }): CommandResult => {
      allowOnly(attrs, ['interface', 'once']);
      const names = (attrs.interface ?? '').split(',').filter((name) => name !== '');
      if (names.length === 0 || names.some((name) => !interfaces.exists(name))) throw noMatch('interface');
      const once = 'once' in attrs;
      return { type: 'stream', start: (sink) => monitor(traffic, names, once, sink) };
    },
  };
}

function monitor(traffic: Traffic, names: readonly string[], once: boolean, sink: StreamSink): () => void {
  let section = 0;
  let timer: NodeJS.Timeout | undefined;
  const round = () => {
    for (const name of names) sink.row(monitorRow(name, section, traffic.rates(name)));
    section += 1;
    if (once) {
      timer = undefined;
      sink.end();
    } else {
      timer = setTimeout(round, MONITOR_INTERVAL_MS);
    }
  };
  timer = setTimeout(round, 0);
  return () => clearTimeout(timer);
}

function monitorRow(name: string, section: number, rates: Rates): Attrs {
  return {
    name,
    'rx-packets-per-second': String(rates.rxPacketsPerSecond),
    'rx-bits-per-second': String(rates.rxBitsPerSecond),
    'fp-rx-packets-per-second': '0',
    'fp-rx-bits-per-second': '0',
    'rx-drops-per-second': '0',
    'rx-errors-per-second': '0',
    'tx-packets-per-second': String(rates.txPacketsPerSecond),
    'tx-bits-per-second': String(rates.txBitsPerSecond),
    'fp-tx-packets-per-second': '0',
    'fp-tx-bits-per-second': '0',
    'tx-drops-per-second': '0',
    'tx-queue-drops-per-second': '0',
    'tx-errors-per-second': '0',
    '.section': String(section),
  };
}
