// Which routes can be used and which one is used, the way RouterOS's RIB decides:
// - a gateway that is an interface, or an address pinned to one (`10.0.1.1%ether1`), is reachable
//   while that interface is running;
// - any other gateway address is looked up among the active routes whose scope is at most the
//   route's target-scope, longest prefix first (wiki.mikrotik.com, "Using scope and target-scope
//   attributes"): found on a connected network it is the immediate next hop, found through another
//   gateway the route is recursive and takes that route's immediate next hop;
// - a route whose check-gateway has given up on its gateway cannot be used;
// - of the usable routes to one destination, the lowest distance is active.
// Lookups only see active routes, and a route may become usable once another one is active, so the
// passes repeat until nothing changes.
import type { AddressFamily } from '../address-family';
import type { Gateway, Route } from './route';

export interface RouteState<A = number> {
  /** The gateway resolves to a running interface (check-gateway aside). */
  readonly resolved: boolean;
  /** Resolved, enabled and not given up on by check-gateway: the route can be used. */
  readonly reachable: boolean;
  /** The one route in use for its destination. */
  readonly active: boolean;
  /** `10.0.1.1%ether1`, an interface name, or '' while the route cannot be used. */
  readonly immediateGw: string;
  /** The interface the route leaves by, once resolved (also while check-gateway fails it). */
  readonly interface: string | undefined;
  /** The address packets are handed to; undefined when the destination itself is on-link. */
  readonly nexthop: A | undefined;
}

export interface Path<A = number> {
  readonly interface: string;
  readonly nexthop: A | undefined;
  readonly immediateGw: string;
}

export interface ResolutionEnvironment<A = number> {
  running(interfaceName: string): boolean;
  checkFailed(route: Route<A>): boolean;
}

export interface ActiveRoute<A = number> {
  readonly route: Route<A>;
  readonly state: RouteState<A>;
}

export interface Resolution<A = number> {
  readonly states: ReadonlyMap<number, RouteState<A>>;
  /** Active routes, longest prefix first: the order a lookup tries them in. */
  readonly active: readonly ActiveRoute<A>[];
  /** How a gateway resolves for a route with this target-scope, through the final active set. */
  pathThrough(gateway: Gateway<A>, targetScope: number): Path<A> | undefined;
}

export const UNRESOLVED: RouteState<never> = {
  resolved: false,
  reachable: false,
  active: false,
  immediateGw: '',
  interface: undefined,
  nexthop: undefined,
};

/** Recursion deeper than this is a loop, and RouterOS would not resolve it either. */
const MAX_PASSES = 16;

/** Lower distance wins; between equals, the older route stays in use. */
export const betterThan = <A>(a: Route<A>, b: Route<A>): boolean =>
  a.distance < b.distance || (a.distance === b.distance && a.id < b.id);

export const destinationKey = <A>(route: Route<A>): string =>
  `${route.routingTable} ${route.dst.address}/${route.dst.length}`;

export function resolveRoutes<A>(
  routes: readonly Route<A>[],
  env: ResolutionEnvironment<A>,
  family: AddressFamily<A>,
): Resolution<A> {
  let states = new Map<number, RouteState<A>>();
  let active: ActiveRoute<A>[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const next = new Map<number, RouteState<A>>();
    for (const route of routes) next.set(route.id, usability(route, active, env, family));
    const winners = new Map<string, Route<A>>();
    for (const route of routes) {
      if (!next.get(route.id)!.reachable) continue;
      const best = winners.get(destinationKey(route));
      if (!best || betterThan(route, best)) winners.set(destinationKey(route), route);
    }
    for (const route of winners.values()) next.set(route.id, { ...next.get(route.id)!, active: true });
    const nextActive = [...winners.values()]
      .filter((route) => route.routingTable === 'main')
      .map((route) => ({ route, state: next.get(route.id)! }))
      .sort((a, b) => b.route.dst.length - a.route.dst.length);
    const settled = sameStates(states, next);
    states = next;
    active = nextActive;
    if (settled) break;
  }
  return {
    states,
    active,
    pathThrough: (gateway, targetScope) => pathThrough(gateway, targetScope, active, env.running, family),
  };
}

/** A blackhole route needs no gateway: usable while enabled, it leads nowhere, so lookups drop. */
const BLACKHOLE: RouteState<never> = { ...UNRESOLVED, resolved: true, reachable: true };

function usability<A>(
  route: Route<A>,
  active: readonly ActiveRoute<A>[],
  env: ResolutionEnvironment<A>,
  family: AddressFamily<A>,
): RouteState<A> {
  if (route.disabled) return UNRESOLVED;
  if (route.blackhole) return BLACKHOLE;
  // ECMP: the route is usable through any gateway that resolves; immediate-gw lists each of them.
  const paths = route.gateways
    .map((gateway) => pathThrough(gateway, route.targetScope, active, env.running, family, route.id))
    .filter((path): path is Path<A> => path !== undefined);
  const path = paths[0];
  if (!path) return UNRESOLVED;
  const reachable = !env.checkFailed(route);
  return {
    resolved: true,
    reachable,
    active: false,
    immediateGw: reachable ? paths.map((each) => each.immediateGw).join(',') : '',
    interface: path.interface,
    nexthop: path.nexthop,
  };
}

function pathThrough<A>(
  gateway: Gateway<A>,
  targetScope: number,
  active: readonly ActiveRoute<A>[],
  running: (name: string) => boolean,
  family: AddressFamily<A>,
  self?: number,
): Path<A> | undefined {
  if (gateway.kind === 'interface') {
    return running(gateway.name)
      ? { interface: gateway.name, nexthop: undefined, immediateGw: gateway.name }
      : undefined;
  }
  const address = family.format(gateway.address);
  if (gateway.pin !== undefined) {
    return running(gateway.pin)
      ? { interface: gateway.pin, nexthop: gateway.address, immediateGw: `${address}%${gateway.pin}` }
      : undefined;
  }
  const via = active.find(
    ({ route }) =>
      route.id !== self && route.scope <= targetScope && family.contains(route.dst, gateway.address),
  );
  if (!via?.state.interface) return undefined;
  if (via.state.nexthop === undefined) {
    return {
      interface: via.state.interface,
      nexthop: gateway.address,
      immediateGw: `${address}%${via.state.interface}`,
    };
  }
  return { interface: via.state.interface, nexthop: via.state.nexthop, immediateGw: via.state.immediateGw };
}

function sameStates<A>(
  a: ReadonlyMap<number, RouteState<A>>,
  b: ReadonlyMap<number, RouteState<A>>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [id, state] of b) {
    const other = a.get(id);
    if (
      !other ||
      other.reachable !== state.reachable ||
      other.active !== state.active ||
      other.immediateGw !== state.immediateGw ||
      other.interface !== state.interface ||
      other.nexthop !== state.nexthop
    ) {
      return false;
    }
  }
  return true;
}
