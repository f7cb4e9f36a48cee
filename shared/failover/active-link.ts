import { hasFlag, isDefaultRoute, type Route, routeInterface } from '../routes/route';
import { parseUplinkComment } from './wan';

/**
 * The link carrying the router's traffic, as the tab, the site header and the sites list show it.
 * One place decides it, so the failover tab and the monitoring graphs can never disagree.
 */
export interface ActiveLink {
  /** "WAN 2", or the interface of a default route Uplink did not make. */
  label: string;
  /** How it leaves, e.g. "via 10.0.2.1 on ether2". */
  detail: string;
  /** The WAN number, when the active route is one of Uplink's. */
  wan?: number;
}

/** The default route RouterOS uses now: the active one with the lowest distance. */
export function activeDefaultRoute(routes: Route[]): Route | undefined {
  return routes
    .filter((route) => isDefaultRoute(route) && hasFlag(route, 'active'))
    .sort((a, b) => a.distance - b.distance)[0];
}

/** Where a route's traffic really goes: the resolved next hop (`10.0.2.1%ether2`), else its gateway. */
export function nextHop(route: Route): { gateway: string; interface?: string } {
  const [gateway = route.gateway] = (route.immediateGw || route.gateway).split('%');
  const name = routeInterface(route);
  return name === undefined || name === gateway ? { gateway } : { gateway, interface: name };
}

const via = (hop: { gateway: string; interface?: string }) =>
  hop.interface ? `via ${hop.gateway} on ${hop.interface}` : `via ${hop.gateway}`;

/** `undefined` when no default route is active: the router has no way out. */
export function activeLink(routes: Route[]): ActiveLink | undefined {
  const route = activeDefaultRoute(routes);
  if (!route) return undefined;
  const hop = nextHop(route);
  const tag = parseUplinkComment(route.comment);
  if (tag && !tag.probe) return { label: `WAN ${tag.wan}`, detail: via(hop), wan: tag.wan };
  return {
    label: hop.interface ?? hop.gateway,
    detail: `via ${hop.gateway}, a default route Uplink did not make`,
  };
}
