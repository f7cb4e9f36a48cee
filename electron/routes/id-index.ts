const empty = -1;

/**
 * RouterOS item ids (`*1A2B`, a 32-bit number) to table slots, in two typed arrays: a Map with a
 * million entries costs tens of megabytes of heap and a long GC pause; this costs 8 bytes a slot.
 * Open addressing with linear probing and backward-shift deletion, so no tombstones pile up.
 */
export class IdIndex {
  private keys: Uint32Array;
  private values: Int32Array;
  private bits: number;
  private count = 0;

  constructor(capacity = 1024) {
    this.bits = Math.max(4, Math.ceil(Math.log2(capacity * 2)));
    this.keys = new Uint32Array(1 << this.bits);
    this.values = new Int32Array(1 << this.bits).fill(empty);
  }

  /**
   * RouterOS hands out ids in sequence, so the low bits (folded with the high ones) spread keys
   * evenly and keep neighbours next to each other in memory: a million-row load stays in cache.
   */
  private home(key: number): number {
    return ((key ^ (key >>> this.bits)) >>> 0) & (this.values.length - 1);
  }

  private find(key: number): number {
    const mask = this.values.length - 1;
    let i = this.home(key);
    while (this.values[i] !== empty && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  get(key: number): number {
    return this.values[this.find(key)] ?? empty;
  }

  /** The value for `key`, or `make()`'s, stored, when there is none: one probe instead of two. */
  getOrAdd(key: number, make: () => number): number {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    const i = this.find(key);
    if (this.values[i] !== empty) return this.values[i]!;
    const value = make();
    this.count += 1;
    this.keys[i] = key;
    this.values[i] = value;
    return value;
  }

  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    const i = this.find(key);
    if (this.values[i] === empty) this.count += 1;
    this.keys[i] = key;
    this.values[i] = value;
  }

  delete(key: number): void {
    const mask = this.values.length - 1;
    let hole = this.find(key);
    if (this.values[hole] === empty) return;
    this.values[hole] = empty;
    this.count -= 1;
    // Pull later entries of the same probe run back into the hole, so lookups never stop early.
    for (let j = (hole + 1) & mask; this.values[j] !== empty; j = (j + 1) & mask) {
      const home = this.home(this.keys[j]!);
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (between) continue;
      this.keys[hole] = this.keys[j]!;
      this.values[hole] = this.values[j]!;
      this.values[j] = empty;
      hole = j;
    }
  }

  /** Room for `count` keys without a rehash on the way: a load that knows its size rehashes once, not twenty times. */
  reserve(count: number): void {
    const bits = Math.ceil(Math.log2((count + 1) * 2));
    if (bits > this.bits) this.grow(bits);
  }

  private grow(bits = this.bits + 1): void {
    const { keys, values } = this;
    this.bits = bits;
    this.keys = new Uint32Array(1 << this.bits);
    this.values = new Int32Array(1 << this.bits).fill(empty);
    this.count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== empty) this.set(keys[i]!, values[i]!);
  }
}

/** `*1A2B` → 0x1a2b; RouterOS ids are always a star and up to eight hex digits. */
export function parseItemId(id: string): number | undefined {
  if (id.charCodeAt(0) !== 42 || id.length < 2 || id.length > 9) return undefined;
  const value = Number.parseInt(id.slice(1), 16);
  return Number.isNaN(value) ? undefined : value;
}

export const formatItemId = (value: number) => `*${value.toString(16).toUpperCase()}`;
