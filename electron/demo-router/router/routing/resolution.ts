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
import { contains, formatIp } from '../values';
import type { Gateway, Route } from './route';

export interface RouteState {
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
  readonly nexthop: number | undefined;
}

export interface Path {
  readonly interface: string;
  readonly nexthop: number | undefined;
  readonly immediateGw: string;
}

export interface ResolutionEnvironment {
  running(interfaceName: string): boolean;
  checkFailed(route: Route): boolean;
}

export interface ActiveRoute {
  readonly route: Route;
  readonly state: RouteState;
}

export interface Resolution {
  readonly states: ReadonlyMap<number, RouteState>;
  /** Active routes, longest prefix first: the order a lookup tries them in. */
  readonly active: readonly ActiveRoute[];
  /** How a gateway resolves for a route with this target-scope, through the final active set. */
  pathThrough(gateway: Gateway, targetScope: number): Path | undefined;
}

export const UNRESOLVED: RouteState = {
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
export const betterThan = (a: Route, b: Route): boolean =>
  a.distance < b.distance || (a.distance === b.distance && a.id < b.id);

export const destinationKey = (route: Route): string =>
  `${route.routingTable} ${route.dst.address}/${route.dst.length}`;

export function resolveRoutes(routes: readonly Route[], env: ResolutionEnvironment): Resolution {
  let states = new Map<number, RouteState>();
  let active: ActiveRoute[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const next = new Map<number, RouteState>();
    for (const route of routes) next.set(route.id, usability(route, active, env));
    const winners = new Map<string, Route>();
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
    pathThrough: (gateway, targetScope) => pathThrough(gateway, targetScope, active, env.running),
  };
}

/** A blackhole route needs no gateway: usable while enabled, it leads nowhere, so lookups drop. */
const BLACKHOLE: RouteState = { ...UNRESOLVED, resolved: true, reachable: true };

function usability(route: Route, active: readonly ActiveRoute[], env: ResolutionEnvironment): RouteState {
  if (route.disabled) return UNRESOLVED;
  if (route.blackhole) return BLACKHOLE;
  // ECMP: the route is usable through any gateway that resolves; immediate-gw lists each of them.
  const paths = route.gateways
    .map((gateway) => pathThrough(gateway, route.targetScope, active, env.running, route.id))
    .filter((path): path is Path => path !== undefined);
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

function pathThrough(
  gateway: Gateway,
  targetScope: number,
  active: readonly ActiveRoute[],
  running: (name: string) => boolean,
  self?: number,
): Path | undefined {
  if (gateway.kind === 'interface') {
    return running(gateway.name)
      ? { interface: gateway.name, nexthop: undefined, immediateGw: gateway.name }
      : undefined;
  }
  const address = formatIp(gateway.address);
  if (gateway.pin !== undefined) {
    return running(gateway.pin)
      ? { interface: gateway.pin, nexthop: gateway.address, immediateGw: `${address}%${gateway.pin}` }
      : undefined;
  }
  const via = active.find(
    ({ route }) => route.id !== self && route.scope <= targetScope && contains(route.dst, gateway.address),
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

function sameStates(a: ReadonlyMap<number, RouteState>, b: ReadonlyMap<number, RouteState>): boolean {
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
