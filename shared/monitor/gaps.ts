/**
 * Where samples stopped coming (the site was offline, not measured, or its stream stalled):
 * consecutive sample times further apart than `maxStep`, as [last before, first after], in the
 * times' own units. A graph draws these as gaps, not as a line across the missing time.
 */
export function timeGaps(times: ArrayLike<number>, maxStep: number): [number, number][] {
  const gaps: [number, number][] = [];
  for (let i = 1; i < times.length; i += 1) {
    const before = times[i - 1] as number;
    const after = times[i] as number;
    if (after - before > maxStep) gaps.push([before, after]);
  }
  return gaps;
}

/**
 * The longest step between samples still drawn as a line, in seconds: a few missed samples (a lost
 * probe already comes as a null) are not a gap; minutes of silence are.
 */
export const gapAfterSeconds = (sampleSeconds: number) => Math.max(5, sampleSeconds * 3);
