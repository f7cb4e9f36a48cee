// IP → Routes and IPv6 → Routes are one table, one dialog and one service, told apart by the
// family: the RouterOS menu it lives in, its default route, and the few settings only IPv4 has.
import { z } from 'zod';

export const routeFamilies = ['ip', 'ipv6'] as const;
export type RouteFamily = (typeof routeFamilies)[number];

/** Requests name their family; one that does not means IPv4, as every request did before IPv6. */
export const routeFamilySchema = z.enum(routeFamilies).default('ip');

/** `/ip/route` or `/ipv6/route`. */
export const routeMenuOf = (family: RouteFamily): string => `/${family}/route`;

/** The destination of a default route in each family. */
export const defaultDestination: Record<RouteFamily, string> = { ip: '0.0.0.0/0', ipv6: '::/0' };

/** What only `/ip/route` takes: IPv6 routes have no preferred source on RouterOS 7. */
export const ipv4OnlySettings = ['pref-src'] as const;

/** `check-gateway` methods: ARP is IPv4's; IPv6 finds neighbours another way. */
export const checkGatewayMethods: Record<RouteFamily, readonly string[]> = {
  ip: ['ping', 'arp', 'bfd', 'bfd-multihop'],
  ipv6: ['ping', 'bfd', 'bfd-multihop'],
};
