const units = [
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
  ['us', 0.001],
] as const;
const unitMs: Record<string, number> = Object.fromEntries(units);

/**
 * A time as RouterOS reads and prints one: `20ms123us`, `1s`, `1d2h3m4s`, `1w2d`, the clock form
 * `00:00:01` (after weeks and days: `12w3d01:00:00`), or a bare number of seconds. Returns
 * milliseconds, or undefined when the text is none of these.
 */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const clock = /^(?:(\d+)w)?(?:(\d+)d)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value);
  if (clock) {
    const [, weeks = '0', days = '0', h = '0', m = '0', s = '0', fraction = '0'] = clock;
    return (
      (((Number(weeks) * 7 + Number(days)) * 24 + Number(h)) * 60 + Number(m)) * 60_000 +
      Number(s) * 1000 +
      Number(`0.${fraction}`) * 1000
    );
  }
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|us|w|d|h|m|s)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== value) return undefined;
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (unitMs[unit as string] ?? 0), 0);
}

/** `1w2d3h4m5s`, `1s200ms`, `20ms123us`, `0s`: zero units left out, as RouterOS prints times. */
export function formatDuration(ms: number): string {
  // Whole microseconds, so float error never prints as a stray unit.
  let rest = Math.round(ms * 1000);
  if (rest <= 0) return '0s';
  let text = '';
  for (const [unit, size] of units) {
    const micros = size * 1000;
    const count = Math.floor(rest / micros);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * micros;
  }
  return text;
}
