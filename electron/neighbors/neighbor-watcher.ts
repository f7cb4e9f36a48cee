import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import type { Neighbor } from '../../shared/ipc/channels/sites';
import { decodeMndp, MNDP_PORT } from './mndp-packet';

export interface NeighborWatcherOptions {
  /** UDP port to listen on: MNDP's 5678 by default; 0 (any free port) in tests. */
  port?: number;
  /** Address to bind: every interface by default, loopback in tests. */
  host?: string;
  /** A router not heard for this long is dropped (RouterOS announces every 30 s). */
  expireMs?: number;
  /** How long changes are gathered before one onChange: 250 ms by default. */
  coalesceMs?: number;
  /** Called with the whole list when what it shows changed, at most once per coalesceMs. */
  onChange(neighbors: Neighbor[]): void;
}

/**
 * What anyone on the LAN can make Uplink hold. MNDP is unauthenticated UDP: one host can spoof any
 * number of announcements. Announcements are rate-limited per sending address, an address can name
 * only so many routers, and the list has a ceiling; a router already listed keeps its place while it
 * announces, so a flood can neither push it out nor make main send the list per packet.
 */
export const neighborLimits = {
  maxNeighbors: 256,
  /** Distinct routers one address may announce (a router announces once per interface). */
  maxPerSource: 16,
  /** Announcements per second per address, with a burst of `burst`. */
  perSecond: 5,
  burst: 20,
  /** Sending addresses tracked for their rate at once; the longest quiet is forgotten first. */
  maxSources: 1024,
};

interface Entry {
  neighbor: Neighbor;
  /** performance.now() when last heard: a wall-clock jump (NTP, a laptop waking) expires nothing. */
  heardAt: number;
  source: string;
}

interface Source {
  tokens: number;
  refilledAt: number;
  /** Keys of the neighbors this address announced that are listed. */
  keys: Set<string>;
}

/**
 * The routers announcing themselves on the local network (MNDP), as WinBox's Neighbors tab lists
 * them. Uplink only listens; it never sends a discovery request, so it puts nothing on the wire.
 */
export class NeighborWatcher {
  private readonly entries = new Map<string, Entry>();
  private readonly sources = new Map<string, Source>();
  private readonly sweep: NodeJS.Timeout;
  private pending: NodeJS.Timeout | undefined;
  private readonly coalesceMs: number;

  private constructor(
    private readonly socket: Socket,
    private readonly options: NeighborWatcherOptions,
  ) {
    const expireMs = options.expireMs ?? 120_000;
    this.coalesceMs = options.coalesceMs ?? 250;
    this.sweep = setInterval(() => this.expire(expireMs), Math.max(250, expireMs / 4));
    this.sweep.unref();
    socket.on('message', (packet, from) => this.heard(packet, from));
  }

  static async start(options: NeighborWatcherOptions): Promise<NeighborWatcher> {
    // Shared, so WinBox or a second Uplink on this computer can listen too.
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port ?? MNDP_PORT, options.host ?? '0.0.0.0', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    // A malformed datagram or an ICMP error must not take main down; there is nothing to answer.
    socket.on('error', () => undefined);
    // Room for a burst, so a flood drops fewer of the real routers' announcements in the kernel.
    try {
      socket.setRecvBufferSize(1024 * 1024);
    } catch {
      // The OS keeps its own size (Linux caps it at net.core.rmem_max); that only means less room.
    }
    socket.unref();
    return new NeighborWatcher(socket, options);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** In the order first heard; the renderer sorts for display. */
  list(): Neighbor[] {
    return [...this.entries.values()].map((entry) => entry.neighbor);
  }

  stop(): Promise<void> {
    clearInterval(this.sweep);
    clearTimeout(this.pending);
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private heard(packet: Buffer, from: RemoteInfo): void {
    const now = performance.now();
    const source = this.source(from.address, now);
    if (source.tokens < 1) return;
    source.tokens -= 1;
    const announced = decodeMndp(packet);
    if (!announced) return;
    const key = announced.macAddress || `${announced.identity}@${from.address}`;
    const known = this.entries.get(key);
    if (!known) {
      if (this.entries.size >= neighborLimits.maxNeighbors) return;
      if (source.keys.size >= neighborLimits.maxPerSource) return;
    }
    const neighbor: Neighbor = {
      identity: announced.identity,
      macAddress: announced.macAddress,
      address: announced.ipv4 || announced.ipv6 || from.address,
      version: announced.version,
      board: announced.board,
      interfaceName: announced.interfaceName,
      lastSeen: new Date().toISOString(),
    };
    if (known && known.source !== from.address) this.sources.get(known.source)?.keys.delete(key);
    source.keys.add(key);
    this.entries.set(key, { neighbor, heardAt: now, source: from.address });
    if (!known || !sameShown(known.neighbor, neighbor)) this.changed();
  }

  /** The address's rate bucket, refilled for the time since it was last used. */
  private source(address: string, now: number): Source {
    let source = this.sources.get(address);
    if (source) {
      source.tokens = Math.min(
        neighborLimits.burst,
        source.tokens + ((now - source.refilledAt) / 1000) * neighborLimits.perSecond,
      );
      source.refilledAt = now;
      // Most recently heard last, so the first is the one quiet the longest.
      this.sources.delete(address);
    } else {
      source = { tokens: neighborLimits.burst, refilledAt: now, keys: new Set() };
      if (this.sources.size >= neighborLimits.maxSources) this.forgetQuietestSource();
    }
    this.sources.set(address, source);
    return source;
  }

  private forgetQuietestSource(): void {
    for (const [address, source] of this.sources) {
      // An address with routers listed keeps its bucket; its routers still count against it.
      if (source.keys.size > 0) continue;
      this.sources.delete(address);
      return;
    }
  }

  private changed(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.options.onChange(this.list());
    }, this.coalesceMs);
  }

  private expire(expireMs: number): void {
    const cutoff = performance.now() - expireMs;
    let changed = false;
    for (const [key, entry] of this.entries) {
      if (entry.heardAt >= cutoff) continue;
      this.entries.delete(key);
      this.sources.get(entry.source)?.keys.delete(key);
      changed = true;
    }
    if (changed) this.changed();
  }
}

/** Whether two sightings of a router look the same in the list (lastSeen aside: it is not shown). */
function sameShown(a: Neighbor, b: Neighbor): boolean {
  return (
    a.identity === b.identity &&
    a.macAddress === b.macAddress &&
    a.address === b.address &&
    a.version === b.version &&
    a.board === b.board &&
    a.interfaceName === b.interfaceName
  );
}
