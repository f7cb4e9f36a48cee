// The route the session itself uses: the router sees Uplink's login coming from an address
// (`/user/active`), and its reply goes back by the longest-prefix-matching active route of the main
// table for that address (and, where that route's gateway is recursive, by the route that reaches
// its gateway). A change to one of those, or one that makes another route win for that address,
// can cut the session off: outside Safe Mode it is a confirmed apply, planned first.
import ipaddr from 'ipaddr.js';
import { selectRoutes } from '../apply/plan';
import { addedKey, routeTitle } from '../apply/undo';
import { type RouteKey, routeKeyOf } from '../drafts/draft';
import type { RouterCommand } from '../routeros/command';
import type { SessionChannel } from '../sessions/session-state';
import { hasFlag, type Route } from './route';
import type { RouteFamily } from './route-family';

/** A `/user/active` item as the router prints it. */
export type ActiveUserRow = Record<string, string>;

/**
 * The address the router sees this session coming from: the last login listed (RouterOS lists
 * them in the order they came) by the session's user through the session's door. Through the SSH
 * tunnel the API login comes from the router itself; the SSH login under it is the one from outside.
 */
export function sessionAddress(
  rows: readonly ActiveUserRow[],
  session: { user: string; channel: SessionChannel },
): string | undefined {
  const via = session.channel.startsWith('ssh') ? 'ssh' : 'api';
  const ours = rows.filter(
    (row) => row.name === session.user && row.via === via && routable(row.address ?? ''),
  );
  const address = ours.at(-1)?.address;
  return address === undefined ? undefined : ipaddr.process(address).toString();
}

/** An address a route can carry: not the router's loopback, not the console's 0.0.0.0, not a MAC. */
function routable(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  return range !== 'loopback' && range !== 'unspecified';
}

/** Which table holds routes to the address: IP → Routes or IPv6 → Routes. */
export const familyOfAddress = (address: string): RouteFamily =>
  ipaddr.process(address).kind() === 'ipv4' ? 'ip' : 'ipv6';

/** Every prefix holding the address, from /0 to the host's own, as RouterOS prints a dst-address. */
export function coveringPrefixes(address: string): string[] {
  const parsed = ipaddr.process(address);
  const bits = parsed.kind() === 'ipv4' ? 32 : 128;
  const prefixes: string[] = [];
  for (let length = 0; length <= bits; length += 1) {
    const network =
      parsed.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(`${parsed}/${length}`)
        : ipaddr.IPv6.networkAddressFromCIDR(`${parsed}/${length}`);
    prefixes.push(`${network}/${length}`);
  }
  return prefixes;
}

/** A destination as a prefix: RouterOS takes a bare address as its host route (/32, /128). */
function asPrefix(dst: string): string {
  if (dst.includes('/') || !ipaddr.isValid(dst)) return dst;
  return `${dst}/${ipaddr.parse(dst).kind() === 'ipv4' ? 32 : 128}`;
}

const prefixLength = (dst: string) => Number(asPrefix(dst).split('/')[1] ?? Number.NaN);

/** Whether a route's destination holds the address (an unreadable one holds nothing). */
export function covers(dstAddress: string, address: string): boolean {
  const prefix = asPrefix(dstAddress);
  if (!ipaddr.isValidCIDR(prefix) || !ipaddr.isValid(address)) return false;
  const [network, length] = ipaddr.parseCIDR(prefix);
  const host = ipaddr.process(address);
  return network.kind() === host.kind() && host.match(network, length);
}

/** The main table's active route for the address: the longest prefix that holds it. */
export function longestMatch(routes: readonly Route[], address: string): Route | undefined {
  let best: Route | undefined;
  for (const route of routes) {
    if (route.routingTable !== 'main' || !hasFlag(route, 'active')) continue;
    if (!covers(route.dstAddress, address)) continue;
    if (!best || prefixLength(route.dstAddress) > prefixLength(best.dstAddress)) best = route;
  }
  return best;
}

/**
 * The gateways of a route that are reached through another route (recursive: its immediate
 * gateway is not the gateway itself), which that route then carries too.
 */
export function recursiveGateways(route: Route): string[] {
  const immediate = route.immediateGw.split('%')[0] ?? '';
  return route.gateway
    .split(',')
    .map((gateway) => gateway.trim())
    .filter((gateway) => ipaddr.isValid(gateway) && gateway !== immediate);
}

/** A route as a change would leave it: what decides whether it takes the address's traffic. */
export interface RouteOutcome {
  dstAddress: string;
  distance: number;
  routingTable: string;
  disabled: boolean;
}

/**
 * Whether the route, as the change leaves it, would win the address from the route carrying it
 * now: a longer prefix, or the same prefix at no greater distance (RouterOS's choice between equal
 * distances is its own). With no route carrying it, any route holding it would.
 */
export function wouldCarry(route: RouteOutcome, address: string, carrier: Route | undefined): boolean {
  if (route.disabled || route.routingTable !== 'main' || !covers(route.dstAddress, address)) return false;
  if (!carrier) return true;
  const length = prefixLength(route.dstAddress);
  const current = prefixLength(carrier.dstAddress);
  return length > current || (length === current && route.distance <= carrier.distance);
}

/** The routes the session rides on, as read from the router for the address it is seen from. */
export interface SessionRoutes {
  address: string;
  /** The longest match for the address, then the routes that reach its recursive gateways. */
  carriers: Route[];
  /** Every route of the table whose destination holds the address, active or not. */
  covering: Route[];
}

/** A change as far as the session's route cares: the routes it changes, and what it leaves them (or adds). */
export interface SessionRouteChange {
  /** Routes the change sets, enables, disables or removes. */
  ids: readonly string[];
  /** Whether it enables the routes it names (Enable of a selection). */
  enables?: boolean;
  /** Routes as the change leaves them, where it edits or adds one: each may win the address. */
  becomes?: readonly { id?: string; key: RouteKey; outcome: RouteOutcome }[];
}

/**
 * Why the change can cut the session off, one line each, for its plan: it touches a route that
 * carries the session, or leaves another route winning the session's address. None: it cannot.
 */
export function sessionReasons(session: SessionRoutes, change: SessionRouteChange): string[] {
  const { address, carriers } = session;
  const seen = `the router sees Uplink at ${address}`;
  const ids = new Set(change.ids);
  const [carrier] = carriers;
  const instead = carrier ? ` instead of ${routeTitle(routeKeyOf(carrier))}` : '';
  const reasons = carriers
    .filter((route) => ids.has(route.id))
    .map(
      (route) => `${routeTitle(routeKeyOf(route))}: this route carries your session to the router (${seen}).`,
    );
  const winning = (title: string) =>
    `${title}: this route would carry your session to the router${instead} (${seen}).`;
  if (change.enables) {
    for (const route of session.covering) {
      if (!ids.has(route.id) || carriers.some((each) => each.id === route.id)) continue;
      const outcome = { ...route, disabled: false };
      if (wouldCarry(outcome, address, carrier)) reasons.push(winning(routeTitle(routeKeyOf(route))));
    }
  }
  for (const { id, key, outcome } of change.becomes ?? []) {
    if (carriers.some((route) => route.id === id)) continue;
    if (wouldCarry(outcome, address, carrier)) reasons.push(winning(routeTitle(key)));
  }
  return reasons;
}

/**
 * A plan's route commands (an undo's, say) as a change the session's route cares about: the routes
 * of the table holding the session's address that its `set`, `unset` and `remove` find, each as
 * its `set` leaves it, and the routes its `add`s make.
 */
export function commandsChange(
  session: SessionRoutes,
  commands: readonly RouterCommand[],
): SessionRouteChange {
  const known = [
    ...session.covering,
    ...session.carriers.filter((route) => !session.covering.includes(route)),
  ];
  const ids: string[] = [];
  const becomes: NonNullable<SessionRouteChange['becomes']>[number][] = [];
  for (const command of commands) {
    if (!command.menu.endsWith('/route')) continue;
    if (command.op === 'add') {
      becomes.push({ key: addedKey(command.attrs), outcome: outcomeOfAttrs(command.attrs, undefined) });
      continue;
    }
    for (const route of selectRoutes(known, command.select)) {
      ids.push(route.id);
      if (command.op === 'set')
        becomes.push({ id: route.id, key: routeKeyOf(route), outcome: outcomeOfAttrs(command.attrs, route) });
    }
  }
  return { ids, becomes };
}

/** What attributes leave a route as (its own values where they say nothing). */
function outcomeOfAttrs(attrs: Record<string, string>, route: Route | undefined): RouteOutcome {
  return {
    dstAddress: attrs['dst-address'] ?? route?.dstAddress ?? '',
    distance: Number(attrs.distance ?? route?.distance ?? 1),
    routingTable: attrs['routing-table'] ?? route?.routingTable ?? 'main',
    disabled:
      attrs.disabled !== undefined ? attrs.disabled === 'yes' : route ? hasFlag(route, 'disabled') : false,
  };
}
