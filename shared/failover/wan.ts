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

export function priorityLabel(priority: number): string {
  return priorityLabels[priority - 1] ?? `Failover ${priority - 1}`;
}

const ipv4 = z
  .string()
  .trim()
  .refine((value) => ipaddr.IPv4.isValidFourPartDecimal(value), {
    message: 'Enter an IPv4 address, like 192.0.2.1',
  });

/** A WAN as the technician configures it; `wan` is its stable number (WAN 1, WAN 2, ...), not its priority. */
export const wanConfigSchema = z.object({
  wan: z.number().int().min(1).max(maxWans),
  gateway: ipv4,
  interface: z.string().trim().min(1, 'Pick the gateway interface'),
  probe: ipv4,
});

export type WanConfig = z.output<typeof wanConfigSchema>;

/** The priority list: WAN numbers in priority order (first = primary). */
export type WanOrder = number[];

export const wanComment = (wan: number) => `uplink:wan${wan}`;
export const probeComment = (wan: number) => `uplink:wan${wan}:probe`;

/** Everything Uplink adds carries this prefix in its comment, so it can be found and removed. */
export const uplinkTag = 'uplink:';

/** `uplink:wan2` → 2, `uplink:wan2:probe` → 2 (probe: true); anything else → undefined. */
export function parseUplinkComment(comment: string | undefined): { wan: number; probe: boolean } | undefined {
  const match = /^uplink:wan([1-9]\d*)(:probe)?$/.exec(comment ?? '');
  return match ? { wan: Number(match[1]), probe: match[2] !== undefined } : undefined;
}
