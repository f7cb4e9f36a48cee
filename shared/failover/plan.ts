import type { ApplyPlan, PlanKind } from '../apply/plan';
import type { RouterCommand, Selector } from '../routeros/command';
import { spreadDistances } from '../routes/default-routes';
import { distanceHome } from '../routes/distance-home';
import { defaultRoute, hasFlag, type Route, routeInterface } from '../routes/route';
import { activeLink, nextHop } from './active-link';
import { desiredRoutes, isUplinkRoute, ownedAttrs, routeAttr, routeChanges, routeMenu } from './recipe';
import { configuredWans, type FailoverSetup, readSetup } from './setup';
import { parseUplinkComment, type WanConfig } from './wan';

export const dhcpMenu = '/ip/dhcp-client';

/**
 * Uplink's routes turned into `desired`, with the checks for both outcomes. With `keepOthers`,
 * Uplink routes of WANs outside `wans` (one left incomplete, a tag from another version) are kept
 * as they are; without it, they go.
 */
function uplinkPlan(
  kind: PlanKind,
  summary: string,
  routes: Route[],
  wans: WanConfig[],
  order: number[],
  keepOthers: boolean,
): ApplyPlan {
  const planned = new Set(wans.map((wan) => wan.wan));
  const current = routes.filter(
    (route) =>
      isUplinkRoute(route) && (!keepOthers || planned.has(parseUplinkComment(route.comment)?.wan ?? -1)),
  );
  const desired = desiredRoutes(wans, order);
  const { forward, inverse } = routeChanges(current, desired);
  const comments = new Set([
    ...desired.map((attrs) => attrs.comment ?? ''),
    ...current.map((r) => r.comment),
  ]);
  const checks = [...comments].map((comment) => {
    const select = { where: { comment } };
    const after = desired.find((attrs) => attrs.comment === comment) ?? null;
    const route = current.find((candidate) => candidate.comment === comment);
    const names = Object.keys(after ?? (route ? ownedAttrs(route) : {}));
    const before = route
      ? Object.fromEntries(names.map((name) => [name, routeAttr(route, name) ?? '']))
      : null;
    return { expected: { select, attrs: after }, previous: { select, attrs: before } };
  });
  return {
    kind,
    summary,
    forward,
    inverse,
    expected: checks.map((check) => check.expected),
    previous: checks.map((check) => check.previous),
  };
}

/** The WANs' priority order on the router, by WAN number. */
export const routerOrder = (setup: FailoverSetup) =>
  setup.wans.filter((wan) => wan.state !== 'incomplete').map((wan) => wan.wan);

/** Saves one WAN: added at the end of the priority list, or changed where it stands. */
export function configurePlan(routes: Route[], wan: WanConfig): ApplyPlan {
  const setup = readSetup(routes);
  const wans = [...configuredWans(setup).filter((other) => other.wan !== wan.wan), wan];
  const order = routerOrder(setup).filter((number) => number !== wan.wan);
  const at = setup.wans.find((status) => status.wan === wan.wan && status.state !== 'incomplete');
  order.splice(at ? at.priority - 1 : order.length, 0, wan.wan);
  return uplinkPlan('configure', `Configure WAN ${wan.wan}`, routes, wans, order, true);
}

/** A new priority order (first = primary) for the configured WANs; a manual failover is one too. */
export function reorderPlan(routes: Route[], order: number[]): ApplyPlan {
  const setup = readSetup(routes);
  const wans = configuredWans(setup);
  const known = routerOrder(setup);
  if (order.length !== known.length || !known.every((wan) => order.includes(wan))) {
    throw new Error(
      `The new order (${order.map((n) => `WAN ${n}`).join(', ')}) does not list the configured WANs (${known.map((n) => `WAN ${n}`).join(', ')}) once each.`,
    );
  }
  return uplinkPlan(
    'reorder',
    `WAN priority: ${order.map((n) => `WAN ${n}`).join(', ')}`,
    routes,
    wans,
    order,
    true,
  );
}

/**
 * Moves the default routes Uplink did not make behind the WANs (distances after the highest WAN's),
 * keeping their order: static routes in /ip/route, DHCP routes through their client's
 * default-route-distance. Routes whose distance lives elsewhere (PPPoE, routing protocols) stay.
 */
export function renumberPlan(routes: Route[]): ApplyPlan {
  const { wans, others } = readSetup(routes);
  const enabled = others.filter(({ route }) => !hasFlag(route, 'disabled'));
  const fixed = enabled.filter((other) => !other.movable).map(({ route }) => route.distance);
  const wanDistances = wans.map((wan) => wan.distance).filter(Number.isFinite);
  const floor = Math.max(0, ...wanDistances) + 1;
  const changes = spreadDistances(
    enabled.filter((other) => other.movable).map(({ route }) => route),
    [...fixed, ...wanDistances],
    floor,
  );
  const plan: ApplyPlan = {
    kind: 'renumber',
    summary: 'Move the other default routes behind the WANs',
    forward: [],
    inverse: [],
    expected: [],
    previous: [],
  };
  for (const { route, distance } of changes) {
    const dhcp = distanceHome(route).kind === 'dhcp';
    const name = routeInterface(route);
    if (dhcp && !name) continue;
    // Found by where it goes, never by id: the rollback runs on the router, maybe after the route
    // was made anew (a DHCP client makes its route again when its distance changes).
    const select: Selector = { where: { 'dst-address': defaultRoute, gateway: route.gateway } };
    const set = (value: number): RouterCommand =>
      dhcp
        ? {
            op: 'set',
            menu: dhcpMenu,
            select: { where: { interface: name ?? '' } },
            attrs: { 'default-route-distance': String(value) },
          }
        : { op: 'set', menu: routeMenu, select, attrs: { distance: String(value) } };
    plan.forward.push(set(distance));
    plan.inverse.unshift(set(route.distance));
    plan.expected.push({ select, attrs: { distance: String(distance) } });
    plan.previous.push({ select, attrs: { distance: String(route.distance) } });
  }
  return plan;
}

/** The comment on the plain default route Deactivate leaves behind: no `uplink:` tag, so it is the technician's. */
export const keptRouteComment = (wan: number) => `WAN ${wan} gateway, kept when failover was turned off`;

/**
 * Turns failover off: every route tagged `uplink:` goes, and the WAN carrying traffic now (else
 * the primary) stays reachable as a plain default route through its gateway, added first, so the
 * router is never without a way out. Nothing is added when such a route is already there.
 */
export function deactivatePlan(routes: Route[]): ApplyPlan {
  const setup = readSetup(routes);
  const removal = uplinkPlan('deactivate', 'Turn off WAN failover', routes, [], [], false);
  const carrying = activeLink(routes)?.wan;
  const primary =
    setup.wans.find((wan) => wan.wan === carrying && wan.gateway) ?? setup.wans.find((wan) => wan.gateway);
  if (!primary?.gateway) return removal;
  const gateway = primary.gateway;
  const alreadyThere = setup.others.some(
    ({ route }) => !hasFlag(route, 'disabled') && nextHop(route).gateway === gateway,
  );
  if (alreadyThere) return removal;
  const comment = keptRouteComment(primary.wan);
  const attrs = { 'dst-address': defaultRoute, gateway, distance: '1', comment };
  const select = { where: { comment } };
  return {
    ...removal,
    forward: [{ op: 'add', menu: routeMenu, attrs }, ...removal.forward],
    // Last in the undo: the WAN routes are back before the plain route goes.
    inverse: [...removal.inverse, { op: 'remove', menu: routeMenu, select }],
    expected: [...removal.expected, { select, attrs }],
    previous: [...removal.previous, { select, attrs: null }],
  };
}
