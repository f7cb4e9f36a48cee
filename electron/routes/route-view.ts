import { flagLetters, routeFlags } from '../../shared/routes/route';
import type { RouteColumn } from '../../shared/routes/route-columns';
import { queryKey, type RouteQueryParsed } from '../../shared/routes/route-query';
import { radixSort } from './radix-sort';
import { dstStride, flagBit, notIpv4, type RouteTable } from './route-table';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
/** Past this many distinct values a locale-aware sort costs seconds; code-unit order is used instead. */
const collatedPoolLimit = 20_000;
/** Orders kept per table: a few clients and queries, not one per keystroke ever typed. */
const cachedOrders = 6;

const isPoolColumn = (column: RouteColumn) =>
  column === 'gateway' ||
  column === 'immediateGw' ||
  column === 'prefSrc' ||
  column === 'checkGateway' ||
  column === 'routingTable' ||
  column === 'comment';
const isByteColumn = (column: RouteColumn) =>
  column === 'distance' || column === 'scope' || column === 'targetScope';

/** Ranks of distinct strings: sorting a handful of gateways stands in for sorting a million rows. */
function ranks(values: readonly string[], descending: boolean): Uint32Array {
  const ids = values.map((_, id) => id);
  if (values.length <= collatedPoolLimit) ids.sort((a, b) => collator.compare(values[a]!, values[b]!));
  else ids.sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
  const rank = new Uint32Array(values.length);
  ids.forEach((id, position) => {
    rank[id] = descending ? values.length - 1 - position : position;
  });
  return rank;
}

const maskLetters = (mask: number) =>
  flagLetters(routeFlags.filter((flag) => mask & flagBit(flag.key)).map((flag) => flag.key));

function liveSlots(table: RouteTable): Uint32Array {
  const order = new Uint32Array(table.size);
  let k = 0;
  for (let slot = 0; slot < table.slots; slot++) if (table.alive[slot]) order[k++] = slot;
  return order;
}

function perSlot(table: RouteTable, key: (slot: number) => number): Uint32Array {
  const keys = new Uint32Array(table.slots);
  for (let slot = 0; slot < table.slots; slot++) keys[slot] = key(slot);
  return keys;
}

/** Live slots in the order of one column; ties keep the router's order. */
function sortedSlots(table: RouteTable, column: RouteColumn | undefined, descending: boolean): Uint32Array {
  let order = liveSlots(table);
  if (column === undefined) return descending ? order.reverse() : order;
  const invert = (bits: number, value: number) => (descending ? (2 ** bits - 1 - value) >>> 0 : value);
  if (isByteColumn(column)) {
    const bytes = table.bytes[column as 'distance'];
    return radixSort(order, descending ? bytes.map((v) => 255 - v) : bytes, 8);
  }
  if (isPoolColumn(column)) {
    const values = table.pooled[column as 'gateway'];
    const rank = ranks(table.pool.values, descending);
    return radixSort(
      order,
      perSlot(table, (slot) => rank[values[slot]!]!),
      32,
    );
  }
  if (column === 'flags') {
    const masks = [...new Set(table.flags.subarray(0, table.slots))];
    const rank = ranks(masks.map(maskLetters), descending);
    const byMask = new Map(masks.map((mask, i) => [mask, rank[i]!]));
    return radixSort(
      order,
      perSlot(table, (slot) => byMask.get(table.flags[slot]!) ?? 0),
      32,
    );
  }
  // Destination: IPv4 numerically by address then prefix length, anything else after, by its text.
  const other = [...table.otherDst.values()];
  const otherRank = ranks(other, false);
  const otherSlots = new Map([...table.otherDst.keys()].map((slot, i) => [slot, otherRank[i]!]));
  const ipv4 = (slot: number) => table.dstLength[slot] !== notIpv4;
  order = radixSort(
    order,
    perSlot(table, (slot) => invert(8, ipv4(slot) ? table.dstLength[slot]! : 0)),
    8,
  );
  order = radixSort(
    order,
    perSlot(table, (slot) => invert(32, ipv4(slot) ? table.dstAddress[slot]! : (otherSlots.get(slot) ?? 0))),
    32,
  );
  return radixSort(
    order,
    perSlot(table, (slot) => invert(1, ipv4(slot) ? 0 : 1)),
    1,
  );
}

/**
 * Which slots match the filter box, text against every column. Interned columns are tested once per
 * distinct value, numbers once per value 0..255, destinations with one native indexOf sweep over
 * their packed text: a keystroke over a million routes costs a few passes over typed arrays.
 */
function filterHits(table: RouteTable, filter: string): Uint8Array {
  const needle = filter.toLowerCase();
  const hits = new Uint8Array(table.slots);
  const poolHit = Uint8Array.from(table.pool.values, (value) =>
    value.toLowerCase().includes(needle) ? 1 : 0,
  );
  const byteHit = Uint8Array.from({ length: 256 }, (_, value) => (String(value).includes(needle) ? 1 : 0));
  // Per flag combination: 0 not yet known, 1 no, 2 yes. At most 2^16 combinations, a few in practice.
  const maskHit = new Uint8Array(1 << 16);
  const flagsHit = (mask: number) => {
    if (maskHit[mask] === 0) maskHit[mask] = maskLetters(mask).toLowerCase().includes(needle) ? 2 : 1;
    return maskHit[mask] === 2;
  };
  if (/^[\d./]+$/.test(needle)) {
    const bytes = Buffer.from(needle, 'latin1');
    for (let at = table.dstText.indexOf(bytes); at >= 0; ) {
      const slot = Math.floor(at / dstStride);
      hits[slot] = 1;
      // One hit is enough for a row: go on from the next row's text.
      at = table.dstText.indexOf(bytes, (slot + 1) * dstStride);
    }
  }
  for (const [slot, text] of table.otherDst) if (text.toLowerCase().includes(needle)) hits[slot] = 1;
  const { gateway, immediateGw, prefSrc, checkGateway, routingTable, comment } = table.pooled;
  const { distance, scope, targetScope } = table.bytes;
  for (let slot = 0; slot < table.slots; slot++) {
    if (hits[slot]) continue;
    if (
      poolHit[gateway[slot]!] ||
      poolHit[immediateGw[slot]!] ||
      poolHit[prefSrc[slot]!] ||
      poolHit[checkGateway[slot]!] ||
      poolHit[routingTable[slot]!] ||
      poolHit[comment[slot]!] ||
      byteHit[distance[slot]!] ||
      byteHit[scope[slot]!] ||
      byteHit[targetScope[slot]!] ||
      flagsHit(table.flags[slot]!)
    ) {
      hits[slot] = 1;
    }
  }
  return hits;
}

/**
 * The orders the views of one table ask for, computed when first asked and kept until the table
 * changes: scrolling asks for many windows of one order, and several windows share a sort.
 */
export class RouteViews {
  private readonly orders = new Map<string, { version: number; at: number; order: Uint32Array }>();

  constructor(private readonly table: RouteTable) {}

  /**
   * The slots a query shows, in order. `staleMs`: an order computed that recently may be served
   * although the table changed since, so a sorted view of a table still loading is not re-sorted
   * on every batch of rows (its new rows show at the next recompute).
   */
  order(query: RouteQueryParsed, staleMs = 0): Uint32Array {
    const key = queryKey(query);
    const cached = this.fresh(key, staleMs);
    return cached ?? this.remember(key, this.compute(query));
  }

  private fresh(key: string, staleMs: number): Uint32Array | undefined {
    const cached = this.orders.get(key);
    if (!cached) return undefined;
    if (cached.version === this.table.version || Date.now() - cached.at < staleMs) return cached.order;
    return undefined;
  }

  private remember(key: string, order: Uint32Array): Uint32Array {
    this.orders.delete(key);
    this.orders.set(key, { version: this.table.version, at: Date.now(), order });
    // Maps iterate in insertion order: the first key is the least recently computed.
    while (this.orders.size > cachedOrders) this.orders.delete(this.orders.keys().next().value!);
    return order;
  }

  private sorted(query: RouteQueryParsed): Uint32Array {
    const key = JSON.stringify([query.sort ?? '', query.descending]);
    return this.fresh(key, 0) ?? this.remember(key, sortedSlots(this.table, query.sort, query.descending));
  }

  private compute(query: RouteQueryParsed): Uint32Array {
    const sorted = this.sorted(query);
    const { table } = this;
    const hits = query.filter === '' ? undefined : filterHits(table, query.filter);
    if (!hits && !query.defaultOnly && !query.staticOnly) return sorted;
    const staticBit = flagBit('static');
    const out = new Uint32Array(sorted.length);
    let k = 0;
    for (const slot of sorted) {
      if (hits && !hits[slot]) continue;
      if (query.defaultOnly && !table.defaults.has(slot)) continue;
      if (query.staticOnly && !(table.flags[slot]! & staticBit)) continue;
      out[k++] = slot;
    }
    return out.subarray(0, k);
  }
}
