import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { Neighbor } from '../../shared/ipc/channels/sites';
import { decodeMndp, MNDP_PORT } from './mndp-packet';

export interface NeighborWatcherOptions {
  /** UDP port to listen on: MNDP's 5678 by default; 0 (any free port) in tests. */
  port?: number;
  /** Address to bind: every interface by default, loopback in tests. */
  host?: string;
  /** A router not heard for this long is dropped (RouterOS announces every 30 s). */
  expireMs?: number;
  onChange(neighbors: Neighbor[]): void;
}

/**
 * The routers announcing themselves on the local network (MNDP), as WinBox's Neighbors tab lists
 * them. Uplink only listens; it never sends a discovery request, so it puts nothing on the wire.
 */
export class NeighborWatcher {
  private readonly neighbors = new Map<string, Neighbor>();
  private readonly sweep: NodeJS.Timeout;

  private constructor(
    private readonly socket: Socket,
    private readonly options: NeighborWatcherOptions,
  ) {
    const expireMs = options.expireMs ?? 120_000;
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
    socket.unref();
    return new NeighborWatcher(socket, options);
  }

  get port(): number {
    return this.socket.address().port;
  }

  list(): Neighbor[] {
    return [...this.neighbors.values()].sort((a, b) => a.identity.localeCompare(b.identity));
  }

  stop(): Promise<void> {
    clearInterval(this.sweep);
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private heard(packet: Buffer, from: RemoteInfo): void {
    const announced = decodeMndp(packet);
    if (!announced) return;
    const key = announced.macAddress || `${announced.identity}@${from.address}`;
    const neighbor: Neighbor = {
      identity: announced.identity,
      macAddress: announced.macAddress,
      address: announced.ipv4 || announced.ipv6 || from.address,
      version: announced.version,
      board: announced.board,
      interfaceName: announced.interfaceName,
      lastSeen: new Date().toISOString(),
    };
    this.neighbors.set(key, neighbor);
    this.options.onChange(this.list());
  }

  private expire(expireMs: number): void {
    const cutoff = Date.now() - expireMs;
    let changed = false;
    for (const [key, neighbor] of this.neighbors) {
      if (Date.parse(neighbor.lastSeen) < cutoff) changed = this.neighbors.delete(key) || changed;
    }
    if (changed) this.options.onChange(this.list());
  }
}
