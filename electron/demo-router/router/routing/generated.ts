// `routes: N`: a full-table-like set of static /24s through the WAN gateways, never held as N
// objects. Route i is computed from i on demand (destination, gateway, id); only the routes someone
// changes or removes are taken out of the sequence, and a changed one lives on as an ordinary route.
import type { Prefix } from '../values';
import { type Gateway, type Route, STATIC_DEFAULTS } from './route';

/** 20.0.0.0 and up: clear of the scenarios' own networks, and in print order after the probes. */
const FIRST_NETWORK = 20 << 24;
const NETWORK_SIZE = 256;
export const MAX_GENERATED_ROUTES = 10_000_000;

/** What the route table asks of its generated routes: an IPv4 table's GeneratedRoutes, or none. */
export interface GeneratedSet<A> {
  readonly count: number;
  /** How many are still in the sequence: `count` less those taken out. */
  readonly size: number;
  readonly firstId: number;
  readonly gatewayCount: number;
  dst(index: number): Prefix<A>;
  dstText(index: number): string;
  gatewayIndex(index: number): number;
  gateway(gatewayIndex: number): Gateway<A>;
  route(index: number): Route<A>;
  has(index: number): boolean;
  indexOfId(id: number): number | undefined;
  indexOfAddress(address: A): number | undefined;
  indexOfDst(dst: Prefix<A>): number | undefined;
  take(index: number): void;
  indicesThrough(gatewayIndex: number): Iterable<number>;
}

const none = (): never => {
  throw new Error('there are no generated routes');
};

/** A table without generated routes (IPv6): every lookup misses, nothing is listed. */
export const NO_GENERATED_ROUTES: GeneratedSet<never> = {
  count: 0,
  size: 0,
  firstId: 0,
  gatewayCount: 0,
  dst: none,
  dstText: none,
  gatewayIndex: none,
  gateway: none,
  route: none,
  has: () => false,
  indexOfId: () => undefined,
  indexOfAddress: () => undefined,
  indexOfDst: () => undefined,
  take: () => undefined,
  indicesThrough: () => [],
};

export class GeneratedRoutes implements GeneratedSet<number> {
  private readonly taken = new Set<number>();

  constructor(
    readonly count: number,
    readonly firstId: number,
    private readonly gateways: readonly Gateway[],
  ) {
    if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED_ROUTES) {
      throw new Error(`routes must be a whole number from 0 to ${MAX_GENERATED_ROUTES}`);
    }
    if (count > 0 && gateways.length === 0) throw new Error('generated routes need a gateway');
  }

  get size(): number {
    return this.count - this.taken.size;
  }

  dst(index: number): Prefix {
    return { address: (FIRST_NETWORK + index * NETWORK_SIZE) >>> 0, length: 24 };
  }

  /** `dst-address` of route `index`, written out without going through a Prefix (print's hot path). */
  dstText(index: number): string {
    return `${(FIRST_NETWORK >>> 24) + (index >>> 16)}.${(index >>> 8) & 255}.${index & 255}.0/24`;
  }

  /** Which of the gateways route `index` goes through; routes with the same one share a state. */
  gatewayIndex(index: number): number {
    return index % this.gateways.length;
  }

  gateway(gatewayIndex: number): Gateway {
    return this.gateways[gatewayIndex]!;
  }

  get gatewayCount(): number {
    return this.gateways.length;
  }

  route(index: number): Route {
    return {
      id: this.firstId + index,
      origin: 'static',
      dst: this.dst(index),
      gateways: [this.gateway(this.gatewayIndex(index))],
      blackhole: false,
      prefSrc: '',
      ...STATIC_DEFAULTS,
      checkGateway: '',
      routingTable: 'main',
      comment: '',
      disabled: false,
    };
  }

  has(index: number): boolean {
    return index >= 0 && index < this.count && !this.taken.has(index);
  }

  indexOfId(id: number): number | undefined {
    const index = id - this.firstId;
    return this.has(index) ? index : undefined;
  }

  /** The generated route whose /24 holds `address`, if it is still in the sequence. */
  indexOfAddress(address: number): number | undefined {
    const offset = address - FIRST_NETWORK;
    if (offset < 0) return undefined;
    const index = Math.floor(offset / NETWORK_SIZE);
    return this.has(index) ? index : undefined;
  }

  /** The generated route with exactly this destination. */
  indexOfDst(dst: Prefix): number | undefined {
    const index = this.indexOfAddress(dst.address);
    return index !== undefined && dst.length === 24 && this.dst(index).address === dst.address
      ? index
      : undefined;
  }

  /** Takes route `index` out of the sequence, for good: it was removed, or it lives on changed. */
  take(index: number): void {
    this.taken.add(index);
  }

  *indices(): Generator<number> {
    for (let index = 0; index < this.count; index += 1) if (!this.taken.has(index)) yield index;
  }

  *indicesThrough(gatewayIndex: number): Generator<number> {
    for (let index = gatewayIndex; index < this.count; index += this.gateways.length) {
      if (!this.taken.has(index)) yield index;
    }
  }
}
