import { z } from 'zod';

export type LinkHealth = 'up' | 'degraded' | 'down';

/**
 * Thresholds in the spirit of pfSense's gateway monitoring (latency 200/500 ms, loss 10 % low). Its
 * high loss mark (20 %) would call a lossy but working link dead; Uplink keeps "down" for a link
 * that has mostly stopped answering, so a technician can tell the two apart.
 */
export const healthThresholdsSchema = z
  .object({
    latencyDegradedMs: z.number().positive().default(200),
    latencyDownMs: z.number().positive().default(500),
    lossDegradedPct: z.number().min(0).max(100).default(10),
    lossDownPct: z.number().min(0).max(100).default(50),
  })
  .refine((t) => t.latencyDegradedMs < t.latencyDownMs, {
    message: 'The degraded latency must be below the down latency',
    path: ['latencyDownMs'],
  })
  .refine((t) => t.lossDegradedPct < t.lossDownPct, {
    message: 'The degraded loss must be below the down loss',
    path: ['lossDownPct'],
  });

export type HealthThresholds = z.output<typeof healthThresholdsSchema>;

export const defaultHealthThresholds: HealthThresholds = healthThresholdsSchema.parse({});

export interface PingStats {
  /** Mean round-trip time of the answered probes, ms; NaN when none answered. */
  rttMs: number;
  /** Mean absolute difference between consecutive round-trip times (RFC 3550's idea, unsmoothed), ms. */
  jitterMs: number;
  lossPct: number;
  sent: number;
  /** Probes unanswered since the last answer: the link's silence now. */
  silent: number;
}

/**
 * A link that answered none of its last five probes is down now, whatever the minute's average
 * says: a cut cable shows within seconds, not after half the health period. Five in a row is rare
 * on a lossy link that works (30 % loss: about one probe in 400).
 */
export const downAfterSilentProbes = 5;

/** Statistics over a window of probes; `undefined` entries are probes that got no answer. */
export function pingStats(rtts: (number | undefined)[]): PingStats {
  const answered = rtts.filter((rtt): rtt is number => rtt !== undefined);
  const sent = rtts.length;
  const rttMs = answered.length > 0 ? answered.reduce((a, b) => a + b, 0) / answered.length : Number.NaN;
  let jitterSum = 0;
  for (let i = 1; i < answered.length; i += 1)
    jitterSum += Math.abs((answered[i] as number) - (answered[i - 1] as number));
  const jitterMs = answered.length > 1 ? jitterSum / (answered.length - 1) : 0;
  const lossPct = sent > 0 ? ((sent - answered.length) / sent) * 100 : 0;
  let silent = 0;
  while (silent < sent && rtts[sent - 1 - silent] === undefined) silent += 1;
  return { rttMs, jitterMs, lossPct, sent, silent };
}

/**
 * A loss percentage over fewer probes says little: one echo lost of the first five after connecting
 * is 20 %, and would call a good link degraded (and raise a notification) for nothing.
 */
export const minProbesForLoss = 10;

export function linkHealth(
  stats: PingStats,
  thresholds: HealthThresholds = defaultHealthThresholds,
): LinkHealth {
  const loss = stats.sent >= minProbesForLoss ? stats.lossPct : 0;
  if (stats.sent > 0 && (loss >= thresholds.lossDownPct || Number.isNaN(stats.rttMs))) return 'down';
  if (stats.silent >= downAfterSilentProbes) return 'down';
  if (stats.rttMs >= thresholds.latencyDownMs) return 'down';
  if (loss >= thresholds.lossDegradedPct || stats.rttMs >= thresholds.latencyDegradedMs) return 'degraded';
  return 'up';
}

const badness: Record<LinkHealth, number> = { up: 0, degraded: 1, down: 2 };

/**
 * A WAN's health from its probe hosts', as the router's verdict combines them: with `all`, the WAN
 * fails only when every host does, so it is as healthy as its best host; with `any`, one failing
 * host fails it, so it is as healthy as its worst.
 */
export function combinedHealth(hosts: readonly LinkHealth[], downWhen: 'all' | 'any' = 'all'): LinkHealth {
  const pick = downWhen === 'all' ? Math.min : Math.max;
  const level = pick(...hosts.map((health) => badness[health]));
  return (Object.keys(badness) as LinkHealth[]).find((health) => badness[health] === level) ?? 'down';
}
