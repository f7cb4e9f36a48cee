import { type Route, type RouteFlag, routeFlags, routeSettings } from '../../shared/routes/route';
import { defaultDestination } from '../../shared/routes/route-family';
import type { Row } from '../routeros/router-client';
import { formatItemId, IdIndex, parseItemId } from './id-index';
import { StringPool } from './string-pool';

/** The properties the table keeps; asked for with `.proplist` so the router sends nothing else. */
export const routeProplist = [
  '.id',
  'immediate-gw',
  // `disabled` and `blackhole` are flags, asked for with the others.
  ...routeSettings.filter((key) => !routeFlags.some((flag) => flag.key === key)),
  ...routeFlags.map((flag) => flag.key),
];

/** Longest IPv4 prefix text (`255.255.255.255/32`) is 18 bytes: a search never runs into the next slot. */
export const dstStride = 20;
/** `dstLength` of a destination that is not an IPv4 prefix; its text lives in `otherDst`. */
export const notIpv4 = 255;

export const poolColumns = [
  'gateway',
  'immediateGw',
  'prefSrc',
  'checkGateway',
  'routingTable',
  'comment',
] as const;
export type PoolColumn = (typeof poolColumns)[number];
export const byteColumns = ['distance', 'scope', 'targetScope'] as const;
export type ByteColumn = (typeof byteColumns)[number];

export const poolAttrs: Record<PoolColumn, string> = {
  gateway: 'gateway',
  immediateGw: 'immediate-gw',
  prefSrc: 'pref-src',
  checkGateway: 'check-gateway',
  routingTable: 'routing-table',
  comment: 'comment',
};
export const byteAttrs: Record<ByteColumn, string> = {
  distance: 'distance',
  scope: 'scope',
  targetScope: 'target-scope',
};

/**
 * A site's /ip/route, column by column in typed arrays, with repeated strings interned. A million
 * routes take about 60 MB here instead of a million objects (several hundred MB and seconds of GC).
 * Removed routes leave a dead slot; views skip them. Every change bumps `version`, which is how
 * views know their cached order is stale.
 */
export class RouteTable {
  version = 0;
  readonly pool = new StringPool();
  private readonly index = new IdIndex();
  /**
   * Slots handed out, dead ones included: the bound for loops over columns. A field, not a getter:
   * loops over a million slots read it at every turn.
   */
  slots = 0;
  private live = 0;
  private capacity = 0;

  ids = new Uint32Array(0);
  alive = new Uint8Array(0);
  /** IPv4 destination as a number, and its prefix length (`notIpv4` for anything else). */
  dstAddress = new Uint32Array(0);
  dstLength = new Uint8Array(0);
  /** Destination text at a fixed stride, NUL-padded: what the filter box searches with one indexOf. */
  dstText = Buffer.alloc(0);
  readonly otherDst = new Map<number, string>();
  readonly pooled: Record<PoolColumn, Uint32Array> = {
    gateway: new Uint32Array(0),
    immediateGw: new Uint32Array(0),
    prefSrc: new Uint32Array(0),
    checkGateway: new Uint32Array(0),
    routingTable: new Uint32Array(0),
    comment: new Uint32Array(0),
  };
  readonly bytes: Record<ByteColumn, Uint8Array> = {
    distance: new Uint8Array(0),
    scope: new Uint8Array(0),
    targetScope: new Uint8Array(0),
  };
  /** Bit i set: the route has `routeFlags[i]`. */
  flags = new Uint16Array(0);
  /** Slots of default routes (0.0.0.0/0, ::/0) in the main table: few, and wanted on every change (shared distances). */
  readonly defaults = new Set<number>();
  private readonly mainTable = this.pool.intern('main');

  /** Routes present now. */
  get size(): number {
    return this.live;
  }

  /** A row from print or listen: `.dead=true` removes, anything else adds or replaces. */
  apply(row: Row): void {
    const id = parseItemId(row['.id'] ?? '');
    if (id === undefined) return;
    if (row['.dead'] === 'true') this.remove(id);
    else this.upsert(id, row);
  }

  slotOf(id: string): number {
    const value = parseItemId(id);
    return value === undefined ? -1 : this.index.get(value);
  }

  /** The slot of a route id, made on first sight. The byte-level loader writes columns into it directly. */
  slotForId(id: number): number {
    const slot = this.index.getOrAdd(id, this.newSlot);
    this.ids[slot] = id;
    return slot;
  }

  private readonly newSlot = (): number => {
    if (this.slots === this.capacity) this.grow();
    const slot = this.slots++;
    this.alive[slot] = 1;
    this.live += 1;
    return slot;
  };

  /** A slot's columns are all written: file it among the default routes or not, and count the change. */
  finishRow(slot: number): void {
    if (this.pooled.routingTable[slot] === 0) this.pooled.routingTable[slot] = this.mainTable;
    const length = this.dstLength[slot];
    const isDefault =
      ((length === 0 && this.dstAddress[slot] === 0) ||
        (length === notIpv4 && this.otherDst.get(slot) === defaultDestination.ipv6)) &&
      this.pooled.routingTable[slot] === this.mainTable;
    if (isDefault) this.defaults.add(slot);
    else if (this.defaults.size > 0) this.defaults.delete(slot);
    this.version += 1;
  }

  private upsert(id: number, row: Row): void {
    const slot = this.slotForId(id);
    const dst = Buffer.from(row['dst-address'] ?? '', 'latin1');
    this.setDst(slot, dst, 0, dst.length);
    for (const column of poolColumns)
      this.pooled[column][slot] = this.pool.intern(row[poolAttrs[column]] ?? '');
    for (const column of byteColumns) this.bytes[column][slot] = Number(row[byteAttrs[column]] ?? 0) & 0xff;
    let flags = 0;
    for (let bit = 0; bit < routeFlags.length; bit++)
      if (row[routeFlags[bit]!.key] === 'true') flags |= 1 << bit;
    this.flags[slot] = flags;
    this.finishRow(slot);
  }

  private remove(id: number): void {
    const slot = this.index.get(id);
    if (slot < 0) return;
    this.index.delete(id);
    this.alive[slot] = 0;
    this.live -= 1;
    this.otherDst.delete(slot);
    this.defaults.delete(slot);
    this.version += 1;
  }

  /** The destination from the reply's own bytes: copied into the packed text, parsed without a string. */
  setDst(slot: number, bytes: Uint8Array, start: number, end: number): void {
    const offset = slot * dstStride;
    const length = parseIpv4Prefix(bytes, start, end);
    // Byte loops rather than fill/set: for 18 bytes a native call costs more than the copy.
    const text = this.dstText;
    for (let i = 0; i < dstStride; i++) text[offset + i] = 0;
    if (length >= 0) {
      this.dstAddress[slot] = parsedAddress;
      this.dstLength[slot] = length;
      for (let i = start; i < end; i++) text[offset + i - start] = bytes[i]!;
      if (this.otherDst.size > 0) this.otherDst.delete(slot);
    } else {
      this.dstAddress[slot] = 0;
      this.dstLength[slot] = notIpv4;
      this.otherDst.set(
        slot,
        Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1'),
      );
    }
  }

  dstOf(slot: number): string {
    if (this.dstLength[slot] === notIpv4) return this.otherDst.get(slot) ?? '';
    const offset = slot * dstStride;
    const end = this.dstText.indexOf(0, offset);
    return this.dstText.toString(
      'latin1',
      offset,
      end < 0 || end > offset + dstStride ? offset + dstStride : end,
    );
  }

  hasFlag(slot: number, flag: RouteFlag): boolean {
    return (this.flags[slot]! & flagBit(flag)) !== 0;
  }

  route(slot: number): Route {
    const mask = this.flags[slot]!;
    return {
      id: formatItemId(this.ids[slot]!),
      dstAddress: this.dstOf(slot),
      gateway: this.pool.get(this.pooled.gateway[slot]!),
      immediateGw: this.pool.get(this.pooled.immediateGw[slot]!),
      prefSrc: this.pool.get(this.pooled.prefSrc[slot]!),
      distance: this.bytes.distance[slot]!,
      scope: this.bytes.scope[slot]!,
      targetScope: this.bytes.targetScope[slot]!,
      checkGateway: this.pool.get(this.pooled.checkGateway[slot]!),
      routingTable: this.pool.get(this.pooled.routingTable[slot]!),
      comment: this.pool.get(this.pooled.comment[slot]!),
      flags: routeFlags.filter((_, bit) => (mask & (1 << bit)) !== 0).map((flag) => flag.key),
    };
  }

  /**
   * The slots of at most `limit` routes, in the router's order: every default route and every
   * route with a comment (Uplink's among them) first, then the others as they come. A snapshot of
   * a full table stays tens of MB, and what a technician edits offline is in it.
   */
  keptSlots(limit: number): Uint32Array {
    const keep = new Uint8Array(this.slots);
    let kept = 0;
    const take = (wanted: (slot: number) => boolean) => {
      for (let slot = 0; slot < this.slots && kept < limit; slot++) {
        if (this.alive[slot] && !keep[slot] && wanted(slot)) {
          keep[slot] = 1;
          kept++;
        }
      }
    };
    take((slot) => this.defaults.has(slot) || this.pooled.comment[slot] !== 0);
    take(() => true);
    const slots = new Uint32Array(kept);
    let at = 0;
    for (let slot = 0; slot < this.slots; slot++) if (keep[slot]) slots[at++] = slot;
    return slots;
  }

  defaultRoutes(): Route[] {
    return [...this.defaults].sort((a, b) => a - b).map((slot) => this.route(slot));
  }

  /**
   * Room for `count` routes, as the router counted them before its print: the columns are made
   * once at their size instead of doubled and copied a dozen times over a million-row load.
   */
  reserve(count: number): void {
    this.index.reserve(count);
    if (count > this.capacity) this.grow(count);
  }

  private grow(capacity = Math.max(1024, this.capacity * 2)): void {
    const widen = <T extends Uint8Array | Uint16Array | Uint32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.ids = widen(this.ids, (n) => new Uint32Array(n));
    this.alive = widen(this.alive, (n) => new Uint8Array(n));
    this.dstAddress = widen(this.dstAddress, (n) => new Uint32Array(n));
    this.dstLength = widen(this.dstLength, (n) => new Uint8Array(n));
    this.flags = widen(this.flags, (n) => new Uint16Array(n));
    for (const column of poolColumns)
      this.pooled[column] = widen(this.pooled[column], (n) => new Uint32Array(n));
    for (const column of byteColumns)
      this.bytes[column] = widen(this.bytes[column], (n) => new Uint8Array(n));
    const text = Buffer.alloc(capacity * dstStride);
    this.dstText.copy(text);
    this.dstText = text;
    this.capacity = capacity;
  }
}

export const flagBit = (flag: RouteFlag) => 1 << routeFlags.findIndex((entry) => entry.key === flag);

/** The address `parseIpv4Prefix` read last: a module slot instead of an object per row. */
let parsedAddress = 0;

/**
 * `a.b.c.d/len` read straight from bytes: the prefix length, or -1 for anything that is not an
 * IPv4 prefix (IPv6, garbage). The address is left in `parsedAddress`. Runs once per row of a
 * million-row load, so no string, regex or split.
 */
export function parseIpv4Prefix(bytes: Uint8Array, start: number, end: number): number {
  let address = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  let i = start;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      digits += 1;
      if (part > 255 || digits > 3) return -1;
    } else if (c === 46 && digits > 0 && dots < 3) {
      address = address * 256 + part;
      part = 0;
      digits = 0;
      dots += 1;
    } else break;
  }
  if (dots !== 3 || digits === 0) return -1;
  parsedAddress = (address * 256 + part) >>> 0;
  if (i === end) return 32;
  if (bytes[i] !== 47 || end - i < 2 || end - i > 3) return -1;
  let length = 0;
  for (i += 1; i < end; i++) {
    const c = bytes[i]!;
    if (c < 48 || c > 57) return -1;
    length = length * 10 + (c - 48);
  }
  return length <= 32 ? length : -1;
}

/** For tests and callers holding text: the prefix as `{ address, length }`. */
export function parseIpv4Text(text: string): { address: number; length: number } | undefined {
  const bytes = Buffer.from(text, 'latin1');
  const length = parseIpv4Prefix(bytes, 0, bytes.length);
  return length < 0 ? undefined : { address: parsedAddress, length };
}
