import type { ApplyPlan, PlanKind } from '../apply/plan';
import type { RouterCommand, Selector } from '../routeros/command';
import { spreadDistances } from '../routes/default-routes';
import { distanceHome } from '../routes/distance-home';
import { defaultRoute, type Route } from '../routes/route';
import { activeDefaultRoute, nextHop } from './active-link';
import {
  commentOf,
  type DhcpClientFacts,
  dhcpClientOf,
  type FailoverFacts,
  isEnabled,
  plainComment,
  recordedDistance,
  withRecord,
} from './moved-routes';
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

/** The default routes Uplink did not make, moved behind `wanDistances` with their earlier distance recorded. */
function moveBehind(facts: FailoverFacts, wanDistances: number[]): Omit<ApplyPlan, 'kind' | 'summary'> {
  const enabled = readSetup(facts.routes).others.filter(({ route }) => isEnabled(route));
  const fixed = enabled.filter((other) => !other.movable).map(({ route }) => route.distance);
  const floor = Math.max(0, ...wanDistances) + 1;
  const changes = spreadDistances(
    enabled.filter((other) => other.movable).map(({ route }) => route),
    [...fixed, ...wanDistances],
    floor,
  );
  const plan: Omit<ApplyPlan, 'kind' | 'summary'> = { forward: [], inverse: [], expected: [], previous: [] };
  for (const { route, distance } of changes) {
    const client = dhcpClientOf(route, facts.dhcpClients);
    if (distanceHome(route).kind === 'dhcp' && !client) continue;
    const comment = commentOf(route, facts.dhcpClients);
    const recorded = withRecord(comment, route.distance);
    const select = routeSelector(route);
    plan.forward.push(distanceCommand(route, client, distance, recorded, comment));
    plan.inverse.unshift(distanceCommand(route, client, route.distance, comment, recorded));
    plan.expected.push({ select, attrs: { distance: String(distance) } });
    plan.previous.push({ select, attrs: { distance: String(route.distance) } });
  }
  return plan;
}

/** A default route found by where it goes, never by id: the rollback runs on the router, maybe after a DHCP client made its route anew. */
const routeSelector = (route: Route): Selector => ({
  where: { 'dst-address': defaultRoute, gateway: route.gateway },
});

/** Sets a default route's distance where it lives (the route, or its DHCP client), and its comment when it changes. */
function distanceCommand(
  route: Route,
  client: DhcpClientFacts | undefined,
  distance: number,
  comment: string,
  current: string,
): RouterCommand {
  const note: Record<string, string> = comment === current ? {} : { comment };
  return client
    ? {
        op: 'set',
        menu: dhcpMenu,
        select: { where: { interface: client.interface } },
        attrs: { 'default-route-distance': String(distance), ...note },
      }
    : {
        op: 'set',
        menu: routeMenu,
        select: routeSelector(route),
        attrs: { distance: String(distance), ...note },
      };
}

/**
 * Moves the default routes Uplink did not make behind the WANs (distances after the highest WAN's),
 * keeping their order: static routes in /ip/route, DHCP routes through their client's
 * default-route-distance. Routes whose distance lives elsewhere (PPPoE, routing protocols) stay.
 * Each keeps its earlier distance in its comment, for Deactivate.
 */
export function renumberPlan(facts: FailoverFacts): ApplyPlan {
  const wanDistances = readSetup(facts.routes)
    .wans.map((wan) => wan.distance)
    .filter(Number.isFinite);
  return {
    kind: 'renumber',
    summary: 'Move the other default routes behind the WANs',
    ...moveBehind(facts, wanDistances),
  };
}

/**
 * Turns failover on with the WANs the technician accepted (in priority order): each WAN's recipe,
 * then the default routes that were there moved behind them, their earlier distances recorded.
 */
export function enablePlan(facts: FailoverFacts, wans: WanConfig[]): ApplyPlan {
  const order = wans.map((wan) => wan.wan);
  const recipe = uplinkPlan('enable', 'Turn on WAN failover', facts.routes, wans, order, true);
  const moved = moveBehind(
    facts,
    wans.map((_, index) => index + 1),
  );
  return {
    ...recipe,
    forward: [...recipe.forward, ...moved.forward],
    inverse: [...moved.inverse, ...recipe.inverse],
    expected: [...recipe.expected, ...moved.expected],
    previous: [...recipe.previous, ...moved.previous],
  };
}

/** The comment on the plain default route Deactivate leaves behind: no `uplink:` tag, so it is the technician's. */
export const keptRouteComment = (wan: number) => `WAN ${wan} gateway, kept when failover was turned off`;

/**
 * Turns failover off and does what it says: every route tagged `uplink:` goes, the routes Uplink
 * moved get their recorded distances (and comments) back, and the link carrying traffic now keeps
 * carrying it: its plain route comes first (added, when there is none, before anything goes).
 */
export function deactivatePlan(facts: FailoverFacts): ApplyPlan {
  const { routes, dhcpClients } = facts;
  const setup = readSetup(routes);
  const removal = uplinkPlan('deactivate', 'Turn off WAN failover', routes, [], [], false);
  const active = activeDefaultRoute(routes);
  const carrying = (active && nextHop(active).gateway) ?? setup.wans.find((wan) => wan.gateway)?.gateway;
  const plain = setup.others
    .filter(({ route, movable }) => movable && isEnabled(route))
    .map(({ route }) => ({
      route,
      earlier: recordedDistance(commentOf(route, dhcpClients)) ?? route.distance,
      carries: nextHop(route).gateway === carrying,
    }))
    .sort((a, b) => Number(b.carries) - Number(a.carries) || a.earlier - b.earlier);
  const first = Math.min(1, ...plain.map((each) => each.earlier));
  const primary = setup.wans.find((wan) => wan.gateway === carrying);
  const empty = (): Omit<ApplyPlan, 'kind' | 'summary'> => ({
    forward: [],
    inverse: [],
    expected: [],
    previous: [],
  });
  const keep = empty();
  const restore = empty();
  if (carrying && primary && !plain.some((each) => each.carries)) {
    const comment = keptRouteComment(primary.wan);
    const attrs = { 'dst-address': defaultRoute, gateway: carrying, distance: String(first), comment };
    const select = { where: { comment } };
    keep.forward.push({ op: 'add', menu: routeMenu, attrs });
    keep.inverse.push({ op: 'remove', menu: routeMenu, select });
    keep.expected.push({ select, attrs });
    keep.previous.push({ select, attrs: null });
  }
  let previous = keep.forward.length > 0 ? first : 0;
  for (const [index, { route, earlier, carries }] of plain.entries()) {
    const distance = index === 0 && carries ? first : Math.max(earlier, previous + 1);
    previous = distance;
    const comment = commentOf(route, dhcpClients);
    const back = plainComment(comment);
    if (distance === route.distance && back === comment) continue;
    const client = dhcpClientOf(route, dhcpClients);
    if (distanceHome(route).kind === 'dhcp' && !client) continue;
    // The carrying link's route goes first, before anything is removed; the others after.
    const target = carries ? keep : restore;
    const select = routeSelector(route);
    target.forward.push(distanceCommand(route, client, distance, back, comment));
    target.inverse.unshift(distanceCommand(route, client, route.distance, comment, back));
    target.expected.push({ select, attrs: { distance: String(distance) } });
    target.previous.push({ select, attrs: { distance: String(route.distance) } });
  }
  return {
    ...removal,
    forward: [...keep.forward, ...removal.forward, ...restore.forward],
    // Last in the undo: the WAN routes are back before the plain route goes or moves.
    inverse: [...restore.inverse, ...removal.inverse, ...keep.inverse],
    expected: [...keep.expected, ...removal.expected, ...restore.expected],
    previous: [...keep.previous, ...removal.previous, ...restore.previous],
  };
}
