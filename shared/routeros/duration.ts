const units: Record<string, number> = {
  w: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
};

/**
 * RouterOS durations as its API prints them: `20ms123us`, `1s`, `1d2h3m4s`, `1w2d`, and the
 * clock form `00:00:01`. Returns milliseconds, or undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const clock = /^(?:(\d+)d)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text);
  if (clock) {
    const [, days = '0', h = '0', m = '0', s = '0', fraction = ''] = clock;
    return (
      ((Number(days) * 24 + Number(h)) * 60 + Number(m)) * 60_000 +
      Number(s) * 1000 +
      Number(`0.${fraction || '0'}`) * 1000
    );
  }
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|us|w|d|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((total, [, value, unit]) => total + Number(value) * (units[unit as string] ?? 0), 0);
}
