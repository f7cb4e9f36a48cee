import { defaultDestination } from './route-family';

/** Route state flags as RouterOS v7 reports them over the API (`active=true`), with the CLI's letters. */
export const routeFlags = [
  { key: 'disabled', letter: 'X', label: 'disabled' },
  { key: 'dynamic', letter: 'D', label: 'dynamic' },
  { key: 'active', letter: 'A', label: 'active' },
  { key: 'connect', letter: 'c', label: 'connect' },
  { key: 'static', letter: 's', label: 'static' },
  { key: 'dhcp', letter: 'd', label: 'dhcp' },
  { key: 'inactive', letter: 'I', label: 'inactive' },
  { key: 'ecmp', letter: '+', label: 'ecmp' },
  { key: 'hw-offloaded', letter: 'H', label: 'hw-offloaded' },
  { key: 'blackhole', letter: 'B', label: 'blackhole' },
  { key: 'rip', letter: 'r', label: 'rip' },
  { key: 'bgp', letter: 'b', label: 'bgp' },
  { key: 'ospf', letter: 'o', label: 'ospf' },
  { key: 'modem', letter: 'm', label: 'modem' },
  { key: 'copy', letter: 'y', label: 'copy' },
] as const;

export type RouteFlag = (typeof routeFlags)[number]['key'];

/** What `/ip/route add` and `set` take, as RouterOS v7 names it; `disabled` is also a flag. */
export const routeSettings = [
  'dst-address',
  'gateway',
  'blackhole',
  'pref-src',
  'distance',
  'scope',
  'target-scope',
  'check-gateway',
  'routing-table',
  'comment',
  'disabled',
] as const;

/** A row of /ip/route as the app works with it: typed, flags gathered. */
export interface Route {
  id: string;
  dstAddress: string;
  /** One address or interface, or several comma-separated (ECMP); '' on a blackhole route. */
  gateway: string;
  immediateGw: string;
  /** `pref-src`, or ''. */
  prefSrc: string;
  distance: number;
  scope: number;
  targetScope: number;
  checkGateway: string;
  routingTable: string;
  comment: string;
  flags: RouteFlag[];
}

export const defaultRoute = defaultDestination.ip;

export function parseRoute(row: Record<string, string>): Route {
  return {
    id: row['.id'] ?? '',
    dstAddress: row['dst-address'] ?? '',
    gateway: row.gateway ?? '',
    immediateGw: row['immediate-gw'] ?? '',
    prefSrc: row['pref-src'] ?? '',
    distance: Number(row.distance ?? 0),
    scope: Number(row.scope ?? 0),
    targetScope: Number(row['target-scope'] ?? 0),
    checkGateway: row['check-gateway'] ?? '',
    routingTable: row['routing-table'] ?? 'main',
    comment: row.comment ?? '',
    flags: routeFlags.filter((flag) => row[flag.key] === 'true').map((flag) => flag.key),
  };
}

/** A route as the router prints it: what a table is filled from when the route comes from a snapshot. */
export function routeRow(route: Route): Record<string, string> {
  const row: Record<string, string> = {
    '.id': route.id,
    'dst-address': route.dstAddress,
    gateway: route.gateway,
    'immediate-gw': route.immediateGw,
    'pref-src': route.prefSrc,
    distance: String(route.distance),
    scope: String(route.scope),
    'target-scope': String(route.targetScope),
    'check-gateway': route.checkGateway,
    'routing-table': route.routingTable,
    comment: route.comment,
  };
  for (const flag of routeFlags) row[flag.key] = String(route.flags.includes(flag.key));
  return row;
}

export const hasFlag = (route: Route, flag: RouteFlag) => route.flags.includes(flag);

/** A default route of the main table: `0.0.0.0/0`, or `::/0` in IPv6 → Routes. */
export const isDefaultRoute = (route: Route) =>
  (route.dstAddress === defaultRoute || route.dstAddress === defaultDestination.ipv6) &&
  route.routingTable === 'main';

/** The flags column as Winbox shows it, e.g. `DAd` for an active route from a DHCP client. */
export const flagLetters = (flags: readonly RouteFlag[]) =>
  routeFlags
    .filter((flag) => flags.includes(flag.key))
    .map((flag) => flag.letter)
    .join('');

/** The interface a route leaves by: `gw%iface` in immediate-gw, or a gateway that is an interface. */
export function routeInterface(route: Route): string | undefined {
  const pinned = route.immediateGw.split('%')[1] ?? route.gateway.split('%')[1];
  if (pinned) return pinned;
  const gateway = route.immediateGw || route.gateway;
  return /^[\d.:a-f]+$/i.test(gateway) || gateway === '' ? undefined : gateway;
}
