import type { RouterCommand } from '../routeros/command';
import { defaultRoute, type Route } from '../routes/route';
import {
  parseUplinkComment,
  probeComment,
  uplinkTag,
  type WanConfig,
  type WanOrder,
  wanComment,
} from './wan';

/** The route attributes Uplink owns for one recipe route; anything else on the route is left alone. */
export type RecipeAttrs = Record<string, string>;

export const routeMenu = '/ip/route';

/**
 * DESIGN.md's recipe for one WAN at one priority: a /32 to the WAN's own probe host pinned to its
 * gateway and interface (scope 10, so it resolves over the connected network only), and a default
 * route through the probe host with check-gateway=ping (target-scope 11 lets it resolve through that
 * /32 but never through another default route). When the probe stops answering, RouterOS marks the
 * default route inactive and the next distance takes over, with no laptop involved.
 */
export function recipeRoutes(wan: WanConfig, priority: number): RecipeAttrs[] {
  // Every probe host gets its /32, so netwatch measures this WAN's link whichever WAN is active.
  const hosts = [wan.probe, ...(wan.quality?.moreProbes ?? [])];
  return [
    ...hosts.map((host, index) => ({
      'dst-address': `${host}/32`,
      gateway: `${wan.gateway}%${wan.interface}`,
      scope: '10',
      comment: probeComment(wan.wan, index + 1),
    })),
    {
      'dst-address': defaultRoute,
      gateway: wan.probe,
      // With the quality watch the verdict script alone decides: check-gateway would take the WAN
      // out when its first probe host alone stops answering, whatever `down-when=all` says.
      'check-gateway': wan.quality ? 'none' : 'ping',
      'target-scope': '11',
      distance: String(priority),
      comment: wanComment(wan.wan),
    },
  ];
}

/** Every recipe route for the WANs in priority order (distance = position + 1: unique by design). */
export function desiredRoutes(wans: WanConfig[], order: WanOrder): RecipeAttrs[] {
  const byNumber = new Map(wans.map((wan) => [wan.wan, wan]));
  return order.flatMap((number, index) => {
    const wan = byNumber.get(number);
    return wan ? recipeRoutes(wan, index + 1) : [];
  });
}

/** A route's value for one of the attributes plans write and check, as RouterOS prints it. */
export function routeAttr(route: Route, name: string): string | undefined {
  switch (name) {
    case 'dst-address':
      return route.dstAddress;
    case 'gateway':
      return route.gateway;
    case 'comment':
      return route.comment;
    case 'scope':
      return String(route.scope);
    case 'target-scope':
      return String(route.targetScope);
    case 'check-gateway':
      return route.checkGateway;
    case 'distance':
      return String(route.distance);
    case 'routing-table':
      return route.routingTable;
    case 'disabled':
      return route.flags.includes('disabled') ? 'yes' : 'no';
    case 'blackhole':
      return route.flags.includes('blackhole') ? 'yes' : 'no';
    case 'pref-src':
      return route.prefSrc;
    default:
      return undefined;
  }
}

/** The attributes of an existing route that the recipe speaks for, as they would be written back. */
export function ownedAttrs(route: Route): RecipeAttrs {
  const names = parseUplinkComment(route.comment)?.probe
    ? ['dst-address', 'gateway', 'comment', 'scope']
    : ['dst-address', 'gateway', 'comment', 'check-gateway', 'target-scope', 'distance'];
  return Object.fromEntries(names.map((name) => [name, routeAttr(route, name) ?? '']));
}

/** Every route Uplink made (its comment carries the `uplink:` tag), whether or not this version knows its shape. */
export const isUplinkRoute = (route: Route) => route.comment.startsWith(uplinkTag);

/** Uplink's routes currently on the router, keyed by comment. */
export function uplinkRoutes(routes: Route[]): Map<string, Route> {
  return new Map(routes.filter(isUplinkRoute).map((route) => [route.comment, route]));
}

/**
 * The commands that turn the router's Uplink routes into `desired`, and the commands that undo
 * them (for the rollback scheduler entry), in the order they must run: probes are added before the
 * default routes that resolve through them and removed after.
 */
export function routeChanges(
  current: Route[],
  desired: RecipeAttrs[],
): { forward: RouterCommand[]; inverse: RouterCommand[] } {
  const existing = uplinkRoutes(current);
  const wanted = new Set(desired.map((attrs) => attrs.comment));
  const forward: RouterCommand[] = [];
  const inverse: RouterCommand[] = [];
  const isProbe = (comment: string | undefined) => parseUplinkComment(comment)?.probe === true;
  const probesFirst = [...desired].sort((a, b) => Number(isProbe(b.comment)) - Number(isProbe(a.comment)));

  for (const attrs of probesFirst) {
    const comment = attrs.comment ?? '';
    const route = existing.get(comment);
    const select = { where: { comment } };
    if (!route) {
      forward.push({ op: 'add', menu: routeMenu, attrs });
      inverse.unshift({ op: 'remove', menu: routeMenu, select });
      continue;
    }
    const before = ownedAttrs(route);
    const changed = Object.fromEntries(
      Object.entries(attrs).filter(([name, value]) => before[name] !== value),
    );
    if (Object.keys(changed).length === 0) continue;
    const restore = Object.fromEntries(Object.keys(changed).map((name) => [name, before[name] ?? '']));
    forward.push({ op: 'set', menu: routeMenu, select, attrs: changed });
    inverse.unshift({ op: 'set', menu: routeMenu, select, attrs: restore });
  }

  const removed = [...existing.values()]
    .filter((route) => !wanted.has(route.comment))
    .sort((a, b) => Number(isProbe(a.comment)) - Number(isProbe(b.comment)));
  for (const route of removed) {
    const select = { where: { comment: route.comment } };
    forward.push({ op: 'remove', menu: routeMenu, select });
    // Remove before re-adding: the inverse may run after only part of the change did (the session
    // died half way), and must leave exactly one route either way.
    inverse.unshift(
      { op: 'remove', menu: routeMenu, select },
      { op: 'add', menu: routeMenu, attrs: ownedAttrs(route) },
    );
  }
  return { forward, inverse };
}
