/**
 * A sparkline's points from a series: `points` means over equal slices of the `seconds` before
 * `end` (ms), oldest first; a slice with no value (NaN is a lost probe) is null, drawn as a gap.
 */
export function sparkline(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  end: number,
  seconds: number,
  points: number,
): (number | null)[] {
  const slice = (seconds * 1000) / points;
  const start = end - seconds * 1000;
  const sums = new Float64Array(points);
  const counts = new Uint32Array(points);
  for (let i = 0; i < times.length; i += 1) {
    const index = Math.floor(((times[i] as number) - start) / slice);
    const value = values[i] as number;
    if (index < 0 || index >= points || Number.isNaN(value)) continue;
    sums[index] = (sums[index] as number) + value;
    counts[index] = (counts[index] as number) + 1;
  }
  return Array.from(counts, (count, index) => (count > 0 ? (sums[index] as number) / count : null));
}
