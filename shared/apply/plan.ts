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

/** A check that does not hold on the routes read back, and the routes its selector found there. */
export interface FailedCheck {
  check: RouteCheck;
  found: Route[];
}

/** The checks that do not hold on these routes. */
export function failedChecks(routes: Route[], checks: RouteCheck[]): FailedCheck[] {
  return checks.flatMap((check) => {
    const found = selectRoutes(routes, check.select);
    const [route] = found;
    const holds =
      check.attrs === null
        ? found.length === 0
        : found.length === 1 &&
          route !== undefined &&
          Object.entries(check.attrs).every(([name, value]) => routeAttr(route, name) === value);
    return holds ? [] : [{ check, found }];
  });
}

/** True when every check holds on these routes. */
export const routesMatch = (routes: Route[], checks: RouteCheck[]): boolean =>
  failedChecks(routes, checks).length === 0;
