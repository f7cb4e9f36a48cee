import type { ApplyPlan, RouteCheck } from '../apply/plan';
import { routeAttr } from '../failover/recipe';
import { type RouterCommand, type Selector, scriptComment, toCli } from '../routeros/command';
import type { Route } from '../routes/route';
import { addAttrs, routeToForm } from '../routes/route-attrs';
import { type RouteFamily, routeMenuOf } from '../routes/route-family';
import { routeFormSchema } from '../routes/route-form';
import {
  type Draft,
  type DraftItem,
  type DraftProperty,
  familyOfItem,
  type RouteKey,
  routeKeyOf,
} from './draft';

// The three-way comparison of issue 8: the snapshot a draft was made on (each item's `base`), the
// draft (its `value`) and the live router. Pure, so the plan shown is the plan applied. A draft
// holds items of both families; the live routes of both go in one list, told apart by their
// destinations (an IPv6 dst-address never reads as an IPv4 one).

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

const isPresence = (item: DraftItem) => item.property === 'route';
const adds = (item: DraftItem) => isPresence(item) && item.value === 'present';

/** Ids a snapshot's routes never have (RouterOS numbers its own from the bottom): the routes a draft adds. */
const addedIdBase = 0xff000000;

/** A route a draft adds, as the table shows it: static, not active until the router has it. */
function addedRoute(item: DraftItem, index: number): Route {
  const attrs = item.attrs ?? {};
  const number = (name: string, fallback: number) => Number(attrs[name] ?? fallback);
  return {
    id: `*${(addedIdBase + index).toString(16).toUpperCase()}`,
    dstAddress: item.route.dstAddress,
    gateway: item.route.gateway,
    immediateGw: '',
    prefSrc: attrs['pref-src'] ?? '',
    distance: number('distance', 1),
    scope: number('scope', 30),
    targetScope: number('target-scope', 10),
    checkGateway: attrs['check-gateway'] ?? '',
    routingTable: item.route.routingTable,
    comment: item.route.comment,
    flags: [
      'static',
      ...(attrs.disabled === 'yes' ? (['disabled'] as const) : []),
      ...(attrs.blackhole === 'yes' ? (['blackhole'] as const) : []),
    ],
  };
}

/**
 * The snapshot routes with the draft's values in, and which of their properties the draft changed:
 * routes it removes left out, routes it adds at the end (`edited` holds `route` for those).
 */
export function draftedRoutes(routes: Route[], draft: Draft | undefined, family: RouteFamily = 'ip') {
  const ours = (draft?.items ?? []).filter((item) => familyOfItem(item) === family);
  // Items by their route's key: a bulk edit of a big snapshot is many items over many routes.
  const byRoute = new Map<string, DraftItem[]>();
  for (const item of ours) {
    const key = keyText(item.route, family);
    byRoute.set(key, [...(byRoute.get(key) ?? []), item]);
  }
  const drafted = routes.flatMap((route) => {
    const items = byRoute.get(keyText(routeKeyOf(route), family)) ?? [];
    if (items.some((item) => isPresence(item) && item.value === 'absent')) return [];
    const changed = items.filter((item) => !isPresence(item));
    const next = changed.reduce<Route>(
      (each, item) => withValue(each, item.property as DraftProperty, item.value),
      route,
    );
    return [{ route: next, edited: changed.map((item) => item.property) }];
  });
  const added = ours.filter(adds);
  return [
    ...drafted,
    ...added.map((item, index) => ({ route: addedRoute(item, index), edited: ['route' as const] })),
  ];
}

/** A route's key and family as one string, for indexing a draft's items by the route they are about. */
const keyText = (key: RouteKey, family: RouteFamily) =>
  JSON.stringify([family, key.dstAddress, key.gateway, key.routingTable, key.comment]);
const itemKeyText = (item: DraftItem) => keyText(item.route, familyOfItem(item));

/** What every recorded item carries besides the change: when, and which table it is of (IPv4 unless said). */
interface Made {
  madeAt: string;
  family?: RouteFamily;
}

/** A draft with a route added (`attrs` as `add` takes them) or a snapshot route removed. */
export function recordPresence(
  draft: Draft,
  route: RouteKey,
  present: boolean,
  extra: Made & { id: string; attrs?: Record<string, string> },
): Draft {
  if (!present) return recordRemovals(draft, [route], { ...extra, id: () => extra.id });
  const item: DraftItem = {
    id: extra.id,
    family: extra.family ?? 'ip',
    route,
    property: 'route',
    base: 'absent',
    value: 'present',
    madeAt: extra.madeAt,
    ...(extra.attrs && { attrs: extra.attrs }),
  };
  return { ...draft, items: [...draft.items, item] };
}

/**
 * A draft with routes removed, in one pass however many: a route the draft added loses its
 * addition; a snapshot route loses the draft's other items and gets a removal.
 */
export function recordRemovals(draft: Draft, routes: RouteKey[], extra: Made & { id(): string }): Draft {
  const family = extra.family ?? 'ip';
  const gone = new Set(routes.map((route) => keyText(route, family)));
  const added = new Set(draft.items.filter(adds).map(itemKeyText));
  const kept = draft.items.filter(
    (item) => !gone.has(itemKeyText(item)) || (isPresence(item) && !adds(item)),
  );
  const removals = routes
    .filter((route) => !added.has(keyText(route, family)))
    .map<DraftItem>((route) => ({
      id: extra.id(),
      family,
      route,
      property: 'route',
      base: 'present',
      value: 'absent',
      madeAt: extra.madeAt,
    }));
  return { ...draft, items: [...kept, ...removals] };
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
    case 'disabled': {
      const flags = route.flags.filter((flag) => flag !== 'disabled');
      // A disabled route is never active; one enabled offline is not known to be until the router says.
      return {
        ...route,
        flags: value === 'yes' ? ['disabled', ...flags.filter((flag) => flag !== 'active')] : flags,
      };
    }
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
  extra: Made & { id: string; group?: string },
): Draft {
  return recordEdits(draft, [{ route, property, value }], { ...extra, id: () => extra.id });
}

/** Several edits at once (Disable on a selection of thousands), in one pass over the draft's items. */
export function recordEdits(
  draft: Draft,
  edits: { route: Route; property: DraftProperty; value: string }[],
  extra: Made & { id(): string; group?: string },
): Draft {
  const family = extra.family ?? 'ip';
  const items: (DraftItem | undefined)[] = [...draft.items];
  const at = new Map(items.map((item, index) => [`${itemKeyText(item!)} ${item!.property}`, index]));
  for (const { route, property, value } of edits) {
    const key = routeKeyOf(route);
    const slot = `${keyText(key, family)} ${property}`;
    const index = at.get(slot);
    const existing = index === undefined ? undefined : items[index];
    const base = existing?.base ?? propertyValue(route, property);
    if (value === base) {
      if (index !== undefined) items[index] = undefined;
      at.delete(slot);
      continue;
    }
    const item: DraftItem = {
      id: existing?.id ?? extra.id(),
      family,
      route: key,
      property,
      base,
      value,
      madeAt: extra.madeAt,
      ...(extra.group && { group: extra.group }),
    };
    if (existing && index !== undefined) items[index] = item;
    else at.set(slot, items.push(item) - 1);
  }
  return { ...draft, items: items.filter((item): item is DraftItem => item !== undefined) };
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
    if (isPresence(item)) {
      // Added: done once the router has such a route. Removed: done once it has none.
      const now = route ? 'present' : 'absent';
      return { item, status: now === item.value ? 'done' : 'ready', live: now };
    }
    if (!route) return { item, status: 'gone' };
    const now = propertyValue(route, item.property as DraftProperty);
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
    { route: Route; menu: string; forward: Record<string, string>; back: Record<string, string> }
  >();
  const presence = going.filter(({ item }) => isPresence(item));
  for (const { item } of going) {
    if (isPresence(item)) continue;
    const route = findLive(item.route, live) as Route;
    const family = familyOfItem(item);
    const key = keyText(routeKeyOf(route), family);
    const change = byRoute.get(key) ?? { route, menu: routeMenuOf(family), forward: {}, back: {} };
    change.forward[item.property] = item.value;
    change.back[item.property] = propertyValue(route, item.property as DraftProperty);
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
  for (const { route, menu, forward, back } of byRoute.values()) {
    const before = selectorOf(routeKeyOf(route));
    const after = selectorOf(keyAfter(routeKeyOf(route), forward));
    plan.forward.push({ op: 'set', menu, select: before, attrs: forward });
    plan.inverse.push({ op: 'set', menu, select: after, attrs: back });
    plan.expected.push({ menu, select: after, attrs: forward } satisfies RouteCheck);
    plan.previous.push({ menu, select: before, attrs: back } satisfies RouteCheck);
  }
  for (const { item } of presence) {
    const menu = routeMenuOf(familyOfItem(item));
    const select = selectorOf(item.route);
    const command = itemCommand(item);
    plan.forward.push(command);
    if (command.op === 'add') {
      plan.inverse.push({ op: 'remove', menu, select });
    } else {
      // Put back as the router has it now, every property included.
      const route = findLive(item.route, live) as Route;
      plan.inverse.push({ op: 'add', menu, attrs: addAttrs(routeFormSchema.parse(routeToForm(route))) });
    }
    plan.expected.push({ menu, select, attrs: item.value === 'present' ? {} : null });
    plan.previous.push({ menu, select, attrs: item.value === 'present' ? null : {} });
  }
  return plan;
}

/**
 * One item as the command that makes it, for "copy as RouterOS command": found on the router as
 * the plan finds it, so the line does what Apply would do for that item.
 */
export function itemCommand(item: DraftItem): RouterCommand {
  const menu = routeMenuOf(familyOfItem(item));
  const select = selectorOf(item.route);
  if (!isPresence(item)) return { op: 'set', menu, select, attrs: { [item.property]: item.value } };
  if (item.value === 'absent') return { op: 'remove', menu, select };
  return { op: 'add', menu, attrs: item.attrs ?? { 'dst-address': item.route.dstAddress } };
}

/** The plan as a RouterOS script, for technicians who apply changes another way. */
export function planScript(plan: ApplyPlan, header: string[]): string {
  const commands: RouterCommand[] = plan.forward;
  return [...header.map(scriptComment), ...commands.map(toCli), ''].join('\n');
}
