import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** The guide's names for priorities: 1 is the primary link, 2 the first failover, and so on. */
export const priorityLabels = [
  'Primary Link',
  'First Failover',
  'Second Failover',
  'Third Failover',
] as const;

export const maxWans = priorityLabels.length;

/**
 * Each WAN's own probe host: distinct public resolvers, so the /32 route that pins a probe to its
 * WAN never captures another WAN's checks.
 */
export const defaultProbes = ['1.1.1.1', '9.9.9.9', '8.8.8.8', '208.67.222.222'] as const;

/**
 * Each WAN's further probe hosts: the same providers' second addresses, so the WANs still never
 * share a host and one provider's outage is not mistaken for the link's.
 */
export const defaultSecondProbes = ['1.0.0.1', '149.112.112.112', '8.8.4.4', '208.67.220.220'] as const;

/** A WAN's probe hosts: its probe (the one its default route resolves through) and up to two more. */
export const maxProbeHosts = 3;

export function priorityLabel(priority: number): string {
  return priorityLabels[priority - 1] ?? `Failover ${priority - 1}`;
}

const ipv4 = z
  .string()
  .trim()
  .refine((value) => ipaddr.IPv4.isValidFourPartDecimal(value), {
    message: 'Enter an IPv4 address, like 192.0.2.1',
  });

const whole = (label: string, min: number, max: number) =>
  z
    .number({ message: `Enter ${label}` })
    .int(`Enter ${label} as a whole number`)
    .min(min, `At least ${min}`)
    .max(max, `At most ${max}`);

/**
 * How the router judges a WAN's quality by itself (netwatch, see quality.ts). The thresholds are
 * dpinger's "down" alarms: 500 ms average round trip, 20 % loss; jitter is the spread (max - min)
 * of one test's round trips.
 */
export const qualitySchema = z.object({
  /** Probe hosts besides the WAN's probe; each gets its own /32 pinned to the WAN. */
  moreProbes: z.array(ipv4).max(maxProbeHosts - 1),
  /** `all`: the WAN is down when every probe host fails; `any`: when one does. */
  downWhen: z.enum(['all', 'any']),
  lossPercent: whole('a loss percentage', 1, 100),
  rttMs: whole('milliseconds', 10, 5000),
  jitterMs: whole('milliseconds', 10, 5000),
  /** Good health the WAN must show, unbroken, before traffic returns to it. */
  holdSeconds: whole('seconds', 0, 3600),
  /** Clear the connection table when traffic leaves the WAN and when it returns. */
  clearConnections: z.boolean(),
});

export type QualitySettings = z.output<typeof qualitySchema>;

export const qualityDefaults: Omit<QualitySettings, 'moreProbes'> = {
  downWhen: 'all',
  lossPercent: 20,
  rttMs: 500,
  jitterMs: 500,
  holdSeconds: 30,
  clearConnections: false,
};

/** A WAN as the technician configures it; `wan` is its stable number (WAN 1, WAN 2, ...), not its priority. */
export const wanConfigSchema = z
  .object({
    wan: z.number().int().min(1).max(maxWans),
    gateway: ipv4,
    interface: z.string().trim().min(1, 'Pick the gateway interface'),
    probe: ipv4,
    /** Absent: check-gateway alone (a dead link in about 20 s, a bad one never). */
    quality: qualitySchema.optional(),
  })
  .superRefine((wan, context) => {
    const hosts = [wan.probe, ...(wan.quality?.moreProbes ?? [])];
    hosts.forEach((host, index) => {
      if (hosts.indexOf(host) !== index)
        context.addIssue({
          code: 'custom',
          path: index === 0 ? ['probe'] : ['quality', 'moreProbes', index - 1],
          message: 'Each probe host only once',
        });
    });
  });

export type WanConfig = z.output<typeof wanConfigSchema>;

/** The priority list: WAN numbers in priority order (first = primary). */
export type WanOrder = number[];

export const wanComment = (wan: number) => `uplink:wan${wan}`;
/** The /32 pinning probe host `host` (1 = the WAN's probe) to the WAN: `uplink:wan1:probe`, `uplink:wan1:probe2`. */
export const probeComment = (wan: number, host = 1) => `uplink:wan${wan}:probe${host === 1 ? '' : host}`;

/** Everything Uplink adds carries this prefix in its comment, so it can be found and removed. */
export const uplinkTag = 'uplink:';

/**
 * `uplink:wan2` → WAN 2; `uplink:wan2:probe` → WAN 2's probe route (host 1); `uplink:wan2:probe3` →
 * its third probe host's route; anything else → undefined.
 */
export function parseUplinkComment(
  comment: string | undefined,
): { wan: number; probe: boolean; host: number } | undefined {
  const match = /^uplink:wan([1-9]\d*)(:probe([23])?)?$/.exec(comment ?? '');
  return match
    ? { wan: Number(match[1]), probe: match[2] !== undefined, host: Number(match[3] ?? 1) }
    : undefined;
}
