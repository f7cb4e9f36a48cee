import { routeAttr } from '../failover/recipe';
import type { RouterCommand, Selector } from '../routeros/command';
import type { Route } from '../routes/route';

/** How a route must look, or that it must be gone (`attrs: null`). */
export interface RouteCheck {
  /** Where the route is: `/ip/route` unless said (`/ipv6/route`). */
  menu?: string;
  select: Selector;
  /** Route properties as RouterOS prints them, by name. */
  attrs: Record<string, string> | null;
}

export type PlanKind =
  | 'enable'
  | 'configure'
  | 'reorder'
  | 'renumber'
  | 'deactivate'
  | 'draft'
  | 'route'
  | 'undo';

/**
 * One confirmed apply: the commands, their undo for the rollback entry, and how the routes must look
 * once the change took (`expected`) or was undone (`previous`), to check either from the router.
 */
export interface ApplyPlan {
  kind: PlanKind;
  /** What it does, in a few words, for progress and for what Uplink says afterwards. */
  summary: string;
  forward: RouterCommand[];
  inverse: RouterCommand[];
  expected: RouteCheck[];
  previous: RouteCheck[];
}

/** The routes a selector picks: by `.id`, or by every `where` attribute. */
export function selectRoutes(routes: Route[], select: Selector): Route[] {
  if ('id' in select) return routes.filter((route) => route.id === select.id);
  const where = Object.entries(select.where);
  return routes.filter((route) => where.every(([name, value]) => routeAttr(route, name) === value));
}

/** True when every check holds on these routes. */
export function routesMatch(routes: Route[], checks: RouteCheck[]): boolean {
  return checks.every(({ select, attrs }) => {
    const found = selectRoutes(routes, select);
    if (attrs === null) return found.length === 0;
    const [route] = found;
    return (
      found.length === 1 &&
      route !== undefined &&
      Object.entries(attrs).every(([name, value]) => routeAttr(route, name) === value)
    );
  });
}
