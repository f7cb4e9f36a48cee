import type { ApplyPlan, RouteCheck } from '../apply/plan';
import { routeAttr, routeMenu } from '../failover/recipe';
import { type RouterCommand, type Selector, scriptComment, toCli } from '../routeros/command';
import type { Route } from '../routes/route';
import {
  type Draft,
  type DraftItem,
  type DraftProperty,
  type RouteKey,
  routeKeyOf,
  sameRoute,
} from './draft';

// The three-way comparison of issue 8: the snapshot a draft was made on (each item's `base`), the
// draft (its `value`) and the live router. Pure, so the plan shown is the plan applied.

export type EntryStatus =
  /** The router still has the snapshot's value: the change goes ahead. */
  | 'ready'
  /** The router already has the draft's value: nothing to send. */
  | 'done'
  /** The router changed the same thing meanwhile: the technician keeps one of the two. */
  | 'conflict'
  /** The route is no longer on the router (or no longer one route): the item can only be dropped. */
  | 'gone';

export interface PlanEntry {
  item: DraftItem;
  status: EntryStatus;
  /** The router's value now, where the route is there. */
  live?: string;
}

export const propertyValue = (route: Route, property: DraftProperty) => routeAttr(route, property) ?? '';

/** The snapshot routes with the draft's values in, and which of their properties the draft changed. */
export function draftedRoutes(routes: Route[], draft: Draft | undefined) {
  return routes.map((route) => {
    const items = draft?.items.filter((item) => sameRoute(item.route, routeKeyOf(route))) ?? [];
    const drafted = items.reduce<Route>((next, item) => withValue(next, item.property, item.value), route);
    return { route: drafted, edited: items.map((item) => item.property) };
  });
}

function withValue(route: Route, property: DraftProperty, value: string): Route {
  switch (property) {
    case 'distance':
      return { ...route, distance: Number(value) };
    case 'scope':
      return { ...route, scope: Number(value) };
    case 'target-scope':
      return { ...route, targetScope: Number(value) };
    case 'check-gateway':
      return { ...route, checkGateway: value };
    case 'gateway':
      return { ...route, gateway: value };
    case 'comment':
      return { ...route, comment: value };
  }
}

/**
 * A draft with one more edit: a new value for a route's property replaces an earlier one for the
 * same, and a value back at the snapshot's takes the item away.
 */
export function recordEdit(
  draft: Draft,
  route: Route,
  property: DraftProperty,
  value: string,
  extra: { id: string; madeAt: string; group?: string },
): Draft {
  const key = routeKeyOf(route);
  const existing = draft.items.find((item) => sameRoute(item.route, key) && item.property === property);
  const base = existing?.base ?? propertyValue(route, property);
  const others = draft.items.filter((item) => item !== existing);
  if (value === base) return { ...draft, items: others };
  const item: DraftItem = {
    id: existing?.id ?? extra.id,
    route: key,
    property,
    base,
    value,
    madeAt: extra.madeAt,
  };
  if (extra.group) item.group = extra.group;
  return {
    ...draft,
    items: existing ? draft.items.map((each) => (each === existing ? item : each)) : [...others, item],
  };
}

/**
 * The live route a draft item means: by its comment where it had one, else by destination,
 * gateway and routing table; undefined unless exactly one route fits.
 */
export function findLive(key: RouteKey, live: Route[]): Route | undefined {
  const candidates = live.filter(
    (route) => route.dstAddress === key.dstAddress && route.routingTable === key.routingTable,
  );
  const fits = key.comment
    ? candidates.filter((route) => route.comment === key.comment)
    : candidates.filter((route) => route.gateway === key.gateway);
  return fits.length === 1 ? fits[0] : undefined;
}

export function planDraft(draft: Draft, live: Route[]): PlanEntry[] {
  return draft.items.map((item) => {
    const route = findLive(item.route, live);
    if (!route) return { item, status: 'gone' };
    const now = propertyValue(route, item.property);
    const status: EntryStatus = now === item.value ? 'done' : now === item.base ? 'ready' : 'conflict';
    return { item, status, live: now };
  });
}

/** Conflicts still waiting for the technician's choice, and items whose route is gone. */
export const blockers = (entries: PlanEntry[]) =>
  entries.filter(
    (entry) =>
      entry.status === 'gone' || (entry.status === 'conflict' && entry.item.resolution === undefined),
  );

/** The `[find where ...]` for a route, in the terms `findLive` uses. */
export function selectorOf(key: RouteKey): Selector {
  const where: Record<string, string> = { 'dst-address': key.dstAddress };
  if (key.comment) where.comment = key.comment;
  else where.gateway = key.gateway;
  if (key.routingTable !== 'main') where['routing-table'] = key.routingTable;
  return { where };
}

function keyAfter(key: RouteKey, attrs: Record<string, string>): RouteKey {
  return { ...key, gateway: attrs.gateway ?? key.gateway, comment: attrs.comment ?? key.comment };
}

/**
 * The draft as one confirmed apply: a `set` per route with what goes ahead (ready items, and
 * conflicts resolved as mine), its undo back to the router's values now, and the checks of both.
 * Throws where a conflict is unresolved or a route is gone: nothing is applied blindly.
 */
export function draftApplyPlan(draft: Draft, live: Route[]): ApplyPlan {
  const entries = planDraft(draft, live);
  const waiting = blockers(entries);
  if (waiting.length > 0) {
    throw new Error(
      `${waiting.length} ${waiting.length === 1 ? 'item needs' : 'items need'} a decision first: keep your value or the router’s, or drop the item.`,
    );
  }
  const going = entries.filter(
    (entry) => entry.status === 'ready' || (entry.status === 'conflict' && entry.item.resolution === 'mine'),
  );
  const byRoute = new Map<
    string,
    { route: Route; forward: Record<string, string>; back: Record<string, string> }
  >();
  for (const { item } of going) {
    const route = findLive(item.route, live) as Route;
    const key = JSON.stringify(routeKeyOf(route));
    const change = byRoute.get(key) ?? { route, forward: {}, back: {} };
    change.forward[item.property] = item.value;
    change.back[item.property] = propertyValue(route, item.property);
    byRoute.set(key, change);
  }
  const plan: ApplyPlan = {
    kind: 'draft',
    summary: `Offline draft: ${going.length} ${going.length === 1 ? 'change' : 'changes'}`,
    forward: [],
    inverse: [],
    expected: [],
    previous: [],
  };
  for (const { route, forward, back } of byRoute.values()) {
    const before = selectorOf(routeKeyOf(route));
    const after = selectorOf(keyAfter(routeKeyOf(route), forward));
    plan.forward.push({ op: 'set', menu: routeMenu, select: before, attrs: forward });
    plan.inverse.push({ op: 'set', menu: routeMenu, select: after, attrs: back });
    plan.expected.push({ select: after, attrs: forward } satisfies RouteCheck);
    plan.previous.push({ select: before, attrs: back } satisfies RouteCheck);
  }
  return plan;
}

/**
 * One item as the command that makes it, for "copy as RouterOS command": found on the router as
 * the plan finds it, so the line does what Apply would do for that item.
 */
export const itemCommand = (item: DraftItem): RouterCommand => ({
  op: 'set',
  menu: routeMenu,
  select: selectorOf(item.route),
  attrs: { [item.property]: item.value },
});

/** The plan as a RouterOS script, for technicians who apply changes another way. */
export function planScript(plan: ApplyPlan, header: string[]): string {
  const commands: RouterCommand[] = plan.forward;
  return [...header.map(scriptComment), ...commands.map(toCli), ''].join('\n');
}
