import { flagLetters, routeFlags } from '../../shared/routes/route';
import type { RouteColumn } from '../../shared/routes/route-columns';
import { compileCondition, type FindCondition, ipv4Range } from '../../shared/routes/route-find';
import { queryKey, type RouteQueryParsed } from '../../shared/routes/route-query';
import { radixSort } from './radix-sort';
import {
  type ByteColumn,
  dstStride,
  flagBit,
  notIpv4,
  type PoolColumn,
  type RouteTable,
} from './route-table';

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

/** The characters of the flags column, as the filter box compares them: a needle with any other is in no row's flags. */
const flagChars = new Set(routeFlags.map((flag) => flag.letter.toLowerCase()));

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

/** Slots per block of the destination sweep: how often it reconsiders its way of searching. */
const sweepBlock = 4096;

/**
 * Marks the IPv4 destinations whose text holds `needle`, over their packed text. IPv4 text is
 * digits, dots and a slash: a needle with anything else finds none. Block by block the sweep
 * picks its way: where hits are sparse, native indexOf jumps from one to the next; where they
 * are dense (a short needle such as "1" hits nearly every row) a native call per hit costs more
 * than reading every byte, and a JS loop does that instead (a million rows: about 15 ms either
 * way, against 90 to 160 ms for indexOf alone on a dense needle).
 */
function sweepIpv4Dst(table: RouteTable, needle: string, hits: Uint8Array): void {
  if (!/^[\d./]+$/.test(needle)) return;
  const bytes = Buffer.from(needle, 'latin1');
  const length = bytes.length;
  const first = bytes[0]!;
  const text = table.dstText;
  // A local: an imported binding read in a loop can cost a call per read (CommonJS getters under tsx).
  const stride = dstStride;
  let dense = false;
  for (let start = 0; start < table.slots; start += sweepBlock) {
    const end = Math.min(table.slots, start + sweepBlock);
    let found = 0;
    if (dense) {
      for (let slot = start, base = start * stride; slot < end; slot++, base += stride) {
        const last = base + stride - length;
        for (let at = base; at <= last; at++) {
          const c = text[at]!;
          // The text ends at its first NUL (an IPv6 slot's is empty).
          if (c === 0) break;
          if (c !== first) continue;
          let matched = 1;
          while (matched < length && text[at + matched] === bytes[matched]) matched++;
          if (matched === length) {
            hits[slot] = 1;
            found++;
            break;
          }
        }
      }
    } else {
      const view = text.subarray(start * stride, end * stride);
      for (let at = view.indexOf(bytes); at >= 0; ) {
        const slot = Math.floor(at / stride);
        hits[start + slot] = 1;
        found++;
        // One hit is enough for a row: go on from the next row's text.
        at = view.indexOf(bytes, (slot + 1) * stride);
      }
    }
    dense = found * 8 > end - start;
  }
}

/** Per flag combination, whether its letters pass a test: 0 not yet known, 1 no, 2 yes. At most 2^16, a few in practice. */
function flagsTester(test: (letters: string) => boolean): (mask: number) => boolean {
  const known = new Uint8Array(1 << 16);
  return (mask) => {
    if (known[mask] === 0) known[mask] = test(maskLetters(mask)) ? 2 : 1;
    return known[mask] === 2;
  };
}

/**
 * Which slots meet one Find condition. Its test runs once per distinct value of the column (an
 * interned string, a byte value, a flag combination) and the sweep over the column only looks
 * the answer up; IPv4 destinations are compared as numbers. No allocation per route.
 */
function conditionHits(table: RouteTable, condition: FindCondition): Uint8Array {
  const hits = new Uint8Array(table.slots);
  const compiled = compileCondition(condition);
  const { column, test } = compiled;
  if (isPoolColumn(column)) {
    const values = table.pooled[column as PoolColumn];
    const hit = Uint8Array.from(table.pool.values, (value) => (test(value) ? 1 : 0));
    for (let slot = 0; slot < table.slots; slot++) hits[slot] = hit[values[slot]!]!;
  } else if (isByteColumn(column)) {
    const bytes = table.bytes[column as ByteColumn];
    const hit = Uint8Array.from({ length: 256 }, (_, value) => (test(String(value)) ? 1 : 0));
    for (let slot = 0; slot < table.slots; slot++) hits[slot] = hit[bytes[slot]!]!;
  } else if (column === 'flags') {
    const has = flagsTester(test);
    for (let slot = 0; slot < table.slots; slot++) hits[slot] = has(table.flags[slot]!) ? 1 : 0;
  } else {
    ipv4DstHits(table, condition, compiled.ipv4, hits);
    for (const [slot, text] of table.otherDst) hits[slot] = test(text) ? 1 : 0;
  }
  return hits;
}

/** A destination condition over the IPv4 routes (the others are tested by their text). */
function ipv4DstHits(
  table: RouteTable,
  { operator, value }: FindCondition,
  ipv4: { address: number; length: number } | undefined,
  hits: Uint8Array,
): void {
  const { dstAddress, dstLength } = table;
  const slots = table.slots;
  if (operator === 'contains') sweepIpv4Dst(table, value.trim().toLowerCase(), hits);
  else if (operator === 'inSubnet') {
    if (!ipv4) return;
    const { lowest, highest, shortest } = ipv4Range(ipv4);
    for (let slot = 0; slot < slots; slot++) {
      const length = dstLength[slot]!;
      const address = dstAddress[slot]!;
      if (length !== notIpv4 && length >= shortest && address >= lowest && address <= highest) hits[slot] = 1;
    }
  } else if (operator === 'is' || operator === 'isNot') {
    const want = operator === 'is';
    // A value that is no IPv4 prefix is no IPv4 route's destination.
    const address = ipv4?.address ?? -1;
    const wanted = ipv4?.length ?? -1;
    for (let slot = 0; slot < slots; slot++) {
      const length = dstLength[slot]!;
      if (length !== notIpv4 && (dstAddress[slot] === address && length === wanted) === want) hits[slot] = 1;
    }
  }
}

/**
 * Which slots match the filter box, text against every column. Interned columns are tested once per
 * distinct value, numbers once per value 0..255, flags once per combination; then one pass over
 * the columns looks each cell's answer up. A keystroke over a million routes costs that pass and
 * the destination sweep, and no allocation per route. The pass skips what cannot change the
 * answer: a row the destination already matched (a short needle such as "1" or "10." matches
 * nearly every one), and the columns none of whose values hold the needle ("10.12" is in no
 * gateway, number or flag letters); a million rows: 40 -> 3 ms for those.
 */
function filterHits(table: RouteTable, filter: string): Uint8Array {
  const needle = filter.toLowerCase();
  const slots = table.slots;
  const hits = new Uint8Array(slots);
  sweepIpv4Dst(table, needle, hits);
  for (const [slot, text] of table.otherDst) if (text.toLowerCase().includes(needle)) hits[slot] = 1;
  const poolHit = Uint8Array.from(table.pool.values, (value) =>
    value.toLowerCase().includes(needle) ? 1 : 0,
  );
  const byteHit = Uint8Array.from({ length: 256 }, (_, value) => (String(value).includes(needle) ? 1 : 0));
  const pools = poolHit.includes(1);
  const numbers = byteHit.includes(1);
  const flagged = [...needle].every((char) => flagChars.has(char));
  if (!pools && !numbers && !flagged) return hits;
  // Per flag combination: 0 not yet known, 1 no, 2 yes (at most 2^16, a few in practice).
  const known = new Uint8Array(1 << 16);
  const { gateway, immediateGw, prefSrc, checkGateway, routingTable, comment } = table.pooled;
  const { distance, scope, targetScope } = table.bytes;
  const { flags } = table;
  // A lookup per cell of the columns that can hit, no call, nothing allocated.
  for (let slot = 0; slot < slots; slot++) {
    if (hits[slot]) continue;
    let hit = 0;
    if (pools) {
      hit =
        poolHit[gateway[slot]!]! |
        poolHit[immediateGw[slot]!]! |
        poolHit[prefSrc[slot]!]! |
        poolHit[checkGateway[slot]!]! |
        poolHit[routingTable[slot]!]! |
        poolHit[comment[slot]!]!;
    }
    if (numbers) hit |= byteHit[distance[slot]!]! | byteHit[scope[slot]!]! | byteHit[targetScope[slot]!]!;
    if (flagged) {
      const mask = flags[slot]!;
      let letters = known[mask]!;
      if (letters === 0) {
        letters = maskLetters(mask).toLowerCase().includes(needle) ? 2 : 1;
        known[mask] = letters;
      }
      hit |= letters >> 1;
    }
    hits[slot] = hit;
  }
  return hits;
}

/** An order computed for a query, with how many routes meet each of its Find conditions alone. */
interface Computed {
  order: Uint32Array;
  matches: number[];
}

/**
 * The orders the views of one table ask for, computed when first asked and kept until the table
 * changes: scrolling asks for many windows of one order, and several windows share a sort.
 */
export class RouteViews {
  private readonly orders = new Map<string, Computed & { version: number; at: number }>();

  constructor(private readonly table: RouteTable) {}

  /**
   * The slots a query shows, in order. `staleMs`: an order computed that recently may be served
   * although the table changed since, so a sorted view of a table still loading is not re-sorted
   * on every batch of rows (its new rows show at the next recompute).
   */
  order(query: RouteQueryParsed, staleMs = 0): Uint32Array {
    return this.computed(query, staleMs).order;
  }

  /** Per Find condition of the query, the routes it matches on its own: what its chip counts. */
  matches(query: RouteQueryParsed, staleMs = 0): number[] {
    return this.computed(query, staleMs).matches;
  }

  private computed(query: RouteQueryParsed, staleMs: number): Computed {
    const key = queryKey(query);
    return this.fresh(key, staleMs) ?? this.remember(key, this.compute(query));
  }

  private fresh(key: string, staleMs: number): Computed | undefined {
    const cached = this.orders.get(key);
    if (!cached) return undefined;
    if (cached.version === this.table.version || Date.now() - cached.at < staleMs) return cached;
    return undefined;
  }

  private remember(key: string, computed: Computed): Computed {
    this.orders.delete(key);
    this.orders.set(key, { ...computed, version: this.table.version, at: Date.now() });
    // Maps iterate in insertion order: the first key is the least recently computed.
    while (this.orders.size > cachedOrders) this.orders.delete(this.orders.keys().next().value!);
    return computed;
  }

  /** 0, 1, 2, …: the router's order while no route has left the table (see routerOrder). */
  private identity = new Uint32Array(0);

  /**
   * The live slots in the router's order, not to be written to. While a big table loads, every
   * batch of rows makes a new version and the grid asks for its window again: a table without dead
   * slots answers with a view of one array kept here instead of a fresh million-entry copy each time.
   */
  private routerOrder(): Uint32Array {
    const { table } = this;
    if (table.size !== table.slots) return sortedSlots(table, undefined, false);
    if (this.identity.length < table.slots) {
      this.identity = new Uint32Array(Math.max(1024, table.slots + (table.slots >> 1)));
      for (let slot = 0; slot < this.identity.length; slot++) this.identity[slot] = slot;
    }
    return this.identity.subarray(0, table.slots);
  }

  private sorted(query: RouteQueryParsed): Uint32Array {
    if (query.sort === undefined && !query.descending) return this.routerOrder();
    const key = JSON.stringify([query.sort ?? '', query.descending]);
    const sorted = () => ({ order: sortedSlots(this.table, query.sort, query.descending), matches: [] });
    return (this.fresh(key, 0) ?? this.remember(key, sorted())).order;
  }

  private compute(query: RouteQueryParsed): Computed {
    const sorted = this.sorted(query);
    const { table } = this;
    const perCondition = query.conditions.map((condition) => conditionHits(table, condition));
    const matches = perCondition.map((hits) => {
      let count = 0;
      for (let slot = 0; slot < table.slots; slot++) count += hits[slot]! & table.alive[slot]!;
      return count;
    });
    // Every condition must hold, and the filter box: one array says which slots pass them all.
    let hits = query.filter === '' ? undefined : filterHits(table, query.filter);
    for (const each of perCondition) {
      if (!hits) hits = each;
      else for (let slot = 0; slot < table.slots; slot++) hits[slot] = hits[slot]! & each[slot]!;
    }
    if (!hits && !query.defaultOnly && !query.staticOnly) return { order: sorted, matches };
    const { defaultOnly, staticOnly } = query;
    const staticBit = flagBit('static');
    const { flags } = table;
    const out = new Uint32Array(sorted.length);
    let k = 0;
    for (let i = 0; i < sorted.length; i++) {
      const slot = sorted[i]!;
      if (hits && !hits[slot]) continue;
      if (defaultOnly && !table.defaults.has(slot)) continue;
      if (staticOnly && !(flags[slot]! & staticBit)) continue;
      out[k++] = slot;
    }
    return { order: out.subarray(0, k), matches };
  }
}
