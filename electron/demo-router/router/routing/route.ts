// One route as the router keeps it, whichever way it came: added by hand (static), made from an
// address (connect) or from a DHCP lease (dhcp).
import { formatIp, type Prefix, readIp } from '../values';

export type RouteOrigin = 'static' | 'connect' | 'dhcp';

/** `10.0.1.1`, `10.0.1.1%ether1` (pinned to an interface) or an interface name. */
export type Gateway =
  | { kind: 'address'; address: number; pin?: string }
  | { kind: 'interface'; name: string };

export interface Route {
  readonly id: number;
  readonly origin: RouteOrigin;
  dst: Prefix;
  /** Several for ECMP (`gateway=10.0.1.1,10.0.2.1`); none for a blackhole route. */
  gateways: readonly Gateway[];
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

export function formatGateway(gateway: Gateway): string {
  if (gateway.kind === 'interface') return gateway.name;
  return gateway.pin ? `${formatIp(gateway.address)}%${gateway.pin}` : formatIp(gateway.address);
}

/** `gateway` as RouterOS prints it: ECMP gateways comma-separated, in the order given. */
export const formatGateways = (gateways: readonly Gateway[]): string => gateways.map(formatGateway).join(',');

/** Reads a gateway; undefined when it is neither an address nor a known interface. */
export function readGateway(text: string, interfaceExists: (name: string) => boolean): Gateway | undefined {
  const [host = '', pin, extra] = text.split('%');
  if (extra !== undefined) return undefined;
  const address = readIp(host);
  if (address !== undefined) {
    if (pin === undefined) return { kind: 'address', address };
    return interfaceExists(pin) ? { kind: 'address', address, pin } : undefined;
  }
  return pin === undefined && interfaceExists(host) ? { kind: 'interface', name: host } : undefined;
}

/** `10.0.1.1,10.0.2.1%ether2`: every gateway readable, or undefined. */
export function readGateways(
  text: string,
  interfaceExists: (name: string) => boolean,
): Gateway[] | undefined {
  const gateways = text.split(',').map((part) => readGateway(part, interfaceExists));
  return gateways.every((gateway) => gateway !== undefined) ? (gateways as Gateway[]) : undefined;
}
