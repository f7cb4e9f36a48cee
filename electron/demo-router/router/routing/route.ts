// One route as the router keeps it, whichever way it came: added by hand (static), made from an
// address (connect) or from a DHCP lease (dhcp).
import type { AddressFamily } from '../address-family';
import type { Prefix } from '../values';

export type RouteOrigin = 'static' | 'connect' | 'dhcp';

/** `10.0.1.1`, `10.0.1.1%ether1` (pinned to an interface) or an interface name. */
export type Gateway<A = number> =
  | { kind: 'address'; address: A; pin?: string }
  | { kind: 'interface'; name: string };

/** A route of either family: `A` is how its addresses are held (see address-family.ts). */
export interface Route<A = number> {
  readonly id: number;
  readonly origin: RouteOrigin;
  dst: Prefix<A>;
  /** Several for ECMP (`gateway=10.0.1.1,10.0.2.1`); none for a blackhole route. */
  gateways: readonly Gateway<A>[];
  /** `blackhole`: matching packets are dropped; the route has no gateway. */
  blackhole: boolean;
  /** `pref-src`: the source address for packets the router itself sends by this route, or ''. */
  prefSrc: string;
  distance: number;
  scope: number;
  targetScope: number;
  /** `ping`, `arp`, `bfd`, `none`, or '' when not set. */
  checkGateway: string;
  routingTable: string;
  comment: string;
  disabled: boolean;
  /** Connected routes: the router's own address on the network, `10.0.1.2%ether1`. */
  localAddress?: string;
  /** DHCP routes: the client's interface. */
  vrfInterface?: string;
}

/** What RouterOS gives a static route it is not told otherwise (help.mikrotik.com, IP Routing). */
export const STATIC_DEFAULTS = { distance: 1, scope: 30, targetScope: 10 } as const;
export const CONNECTED_DEFAULTS = { distance: 0, scope: 10, targetScope: 5 } as const;
/** What a dynamic route (connected, DHCP) carries that nobody can set on it. */
export const DYNAMIC_SETTINGS = {
  blackhole: false,
  prefSrc: '',
  checkGateway: '',
  routingTable: 'main',
  comment: '',
  disabled: false,
} as const;

export function formatGateway<A>(gateway: Gateway<A>, family: AddressFamily<A>): string {
  if (gateway.kind === 'interface') return gateway.name;
  const address = family.format(gateway.address);
  return gateway.pin ? `${address}%${gateway.pin}` : address;
}

/** `gateway` as RouterOS prints it: ECMP gateways comma-separated, in the order given. */
export const formatGateways = <A>(gateways: readonly Gateway<A>[], family: AddressFamily<A>): string =>
  gateways.map((gateway) => formatGateway(gateway, family)).join(',');

/** Reads a gateway; undefined when it is neither an address nor a known interface. */
export function readGateway<A>(
  text: string,
  interfaceExists: (name: string) => boolean,
  family: AddressFamily<A>,
): Gateway<A> | undefined {
  const [host = '', pin, extra] = text.split('%');
  if (extra !== undefined) return undefined;
  const address = family.read(host);
  if (address !== undefined) {
    if (pin === undefined) return { kind: 'address', address };
    return interfaceExists(pin) ? { kind: 'address', address, pin } : undefined;
  }
  return pin === undefined && interfaceExists(host) ? { kind: 'interface', name: host } : undefined;
}

/** `10.0.1.1,10.0.2.1%ether2`: every gateway readable, or undefined. */
export function readGateways<A>(
  text: string,
  interfaceExists: (name: string) => boolean,
  family: AddressFamily<A>,
): Gateway<A>[] | undefined {
  const gateways = text.split(',').map((part) => readGateway(part, interfaceExists, family));
  return gateways.every((gateway) => gateway !== undefined) ? (gateways as Gateway<A>[]) : undefined;
}
