/**
 * Stable LSD radix sort of slot numbers by a per-slot key of `bits` bits, 16 bits a pass. Sorting a
 * million routes this way takes a few passes over typed arrays instead of twenty million comparator
 * calls, and stability lets a multi-key order be built by sorting the least significant key first.
 * `order` is used as scratch space: pass an array the caller no longer needs.
 */
export function radixSort(order: Uint32Array, key: ArrayLike<number>, bits: number): Uint32Array {
  let source: Uint32Array = order;
  let target: Uint32Array = new Uint32Array(order.length);
  for (let shift = 0; shift < bits; shift += 16) {
    const width = Math.min(16, bits - shift);
    const mask = (1 << width) - 1;
    const starts = new Uint32Array(mask + 2);
    for (let i = 0; i < source.length; i++) starts[((key[source[i]!]! >>> shift) & mask) + 1]! += 1;
    // A pass where every row has the same digit would only copy.
    if (starts.some((count) => count === source.length)) continue;
    for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
    for (let i = 0; i < source.length; i++) {
      const slot = source[i]!;
      target[starts[(key[slot]! >>> shift) & mask]!++] = slot;
    }
    [source, target] = [target, source];
  }
  return source;
}
