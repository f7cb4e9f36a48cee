import { type RouteKey, routeKeyOf, routeKeyOfForm } from '../drafts/draft';
import { selectorOf } from '../drafts/draft-plan';
import { describeChange, type PlanStep } from '../failover/plan-text';
import { routeAttr } from '../failover/recipe';
import { type RouterCommand, type Selector, toCli } from '../routeros/command';
import { hasFlag, isDefaultRoute, type Route, routeInterface } from '../routes/route';
import { addAttrs, changedAttrs, formAttrs, routeToForm } from '../routes/route-attrs';
import { type RouteFamily, routeMenuOf } from '../routes/route-family';
import { type RouteFormValues, routeFormSchema } from '../routes/route-form';
import { type ApplyPlan, type FailedCheck, type RouteCheck, selectRoutes } from './plan';

// Undo (Ctrl+Z on a site): each change Uplink makes to a router's routes is kept with the commands
// that take it back, worded where the change is made, since only there are the values it replaced
// known. Undoing is a plan like any other: shown first, then sent as a confirmed apply whose own
// safety net is the change again. Pure, so what is shown is what is sent.

/** One command of an undo and its line for the technician. */
export interface UndoStep {
  text: string;
  command: RouterCommand;
}

/** A change that can be taken back: what it did, and the commands that undo it, each in words. */
export interface UndoableChange {
  summary: string;
  /** The change as it was sent: the undo's safety net puts it back if the undo cannot be confirmed. */
  forward: RouterCommand[];
  /** What takes it back, in the order it runs. */
  undo: UndoStep[];
}

/** A change Uplink cannot take back, and why: Ctrl+Z says so rather than doing part of it. */
export interface UnundoableChange {
  summary: string;
  reason: string;
}

export type ChangeRecord = UndoableChange | UnundoableChange;

export const isUndoable = (change: ChangeRecord): change is UndoableChange => 'undo' in change;

/**
 * Routes a change may touch and still be undone: the undo and its safety net each hold a command
 * per route, and the net is a scheduler script on the router.
 */
export const maxUndoRoutes = 100;

const step = (command: RouterCommand, text: string): UndoStep => ({ command, text });

/**
 * The change itself as the plan dialog shows it before it is sent: a line per command, and the
 * command. Each property reads old → new ("distance 1 → 37") from `before`, the routes it changes
 * as the router has them now (a DHCP client's distance from the default route it makes).
 */
export const changeSteps = (change: UndoableChange, before: readonly Route[] = []): PlanStep[] =>
  change.forward.map((command) => ({
    op: command.op,
    text: describeCommand(command, before),
    command: toCli(command),
  }));

/** The undo as the plan dialog shows it: a line per command, and the command as RouterOS reads it. */
export const undoSteps = (change: UndoableChange): PlanStep[] =>
  change.undo.map(({ command, text }) => ({ op: command.op, text, command: toCli(command) }));

/**
 * The undo as a confirmed apply. Its safety net is the change itself: if the undo cannot be
 * confirmed, the router puts the change back, as it was before Ctrl+Z. The routes it touches are
 * read back and must be as its commands leave them (someone may have changed them meanwhile, so
 * its `[find]` picks nothing): else it is undone and said so, as any apply that did not take.
 */
export function undoPlan(change: UndoableChange): ApplyPlan {
  const forward = change.undo.map(({ command }) => command);
  return {
    kind: 'undo',
    summary: `Undo “${change.summary}”`,
    forward,
    inverse: change.forward,
    expected: commandChecks(forward),
    previous: commandChecks(change.forward),
  };
}

/** The key of a route an `add` makes, from its attributes: what finds it once it is there. */
export const addedKey = (attrs: Record<string, string>): RouteKey => ({
  dstAddress: attrs['dst-address'] ?? '',
  gateway: attrs.gateway ?? '',
  routingTable: attrs['routing-table'] ?? 'main',
  comment: attrs.comment ?? '',
});

/** A `[find where …]` after a `set`: the properties it selects by that the set changed, at their new values. */
const selectedAfter = (select: Selector, attrs: Record<string, string>): Selector =>
  'id' in select
    ? select
    : {
        where: Object.fromEntries(
          Object.entries(select.where).map(([name, value]) => [name, attrs[name] ?? value]),
        ),
      };

/**
 * How the routes these commands touch must look once they have run, to read back: a route set has
 * the values set, one unset has them empty, one added is there with what it was given, one removed
 * is gone. Commands on other menus (a DHCP client's) are not routes, and not checked here.
 */
export function commandChecks(commands: readonly RouterCommand[]): RouteCheck[] {
  const checks = commands.filter((command) => command.menu.endsWith('/route')).map(commandCheck);
  // A route removed and added again (put back whole) is there afterwards: the add's check says how.
  const same = (a: RouteCheck, b: RouteCheck) => JSON.stringify(a.select) === JSON.stringify(b.select);
  return checks.filter(
    (check, index) =>
      check.attrs !== null || !checks.slice(index + 1).some((later) => later.attrs && same(later, check)),
  );
}

function commandCheck(command: RouterCommand): RouteCheck {
  const { menu } = command;
  switch (command.op) {
    case 'add':
      return { menu, select: selectorOf(addedKey(command.attrs)), attrs: command.attrs };
    case 'set':
      return { menu, select: selectedAfter(command.select, command.attrs), attrs: command.attrs };
    case 'unset':
      return {
        menu,
        select: command.select,
        attrs: Object.fromEntries(command.names.map((name) => [name, ''])),
      };
    case 'remove':
      return { menu, select: command.select, attrs: null };
  }
}

/** The route a selector names, in words: "0.0.0.0/0 (ISP2)", "10.9.0.0/16 via 10.0.1.1". */
function selectionTitle(select: Selector): string {
  if ('id' in select) return `route ${select.id}`;
  const { where } = select;
  return routeTitle({
    dstAddress: where['dst-address'] ?? 'routes',
    gateway: where.gateway ?? '',
    routingTable: where['routing-table'] ?? 'main',
    comment: where.comment ?? '',
  });
}

/** A check that failed on read-back, in words: "0.0.0.0/0 (ISP2) was not found", "… has distance 7, not 1". */
export function failedCheckText({ check, found }: FailedCheck): string {
  const title = selectionTitle(check.select);
  if (check.attrs === null) return `${title} is still there`;
  const [route] = found;
  if (!route) return `${title} was not found`;
  if (found.length > 1) return `${found.length} routes fit ${title}`;
  const differing = Object.entries(check.attrs).flatMap(([name, value]) => {
    const now = routeAttr(route, name) ?? '';
    return now === value ? [] : [`${name} ${now || 'empty'}, not ${value || 'empty'}`];
  });
  return `${title} has ${differing.join(', ')}`;
}

/**
 * A Routes tab change as a plan of the apply service (under Safe Mode's net, or a confirmed apply
 * of a default route): sent as it was worded, its undo the net's script.
 */
export function routeChangePlan(change: UndoableChange): ApplyPlan {
  return {
    kind: 'route',
    summary: change.summary,
    forward: change.forward,
    inverse: change.undo.map(({ command }) => command),
    expected: [],
    previous: [],
  };
}

/** "10.0.0.0/8 via 10.0.1.1", "0.0.0.0/0 (ISP1)", "198.51.100.0/24 (blackhole)". */
export function routeTitle(key: RouteKey): string {
  const table = key.routingTable === 'main' ? '' : ` in ${key.routingTable}`;
  if (key.comment) return `${key.dstAddress}${table} (${key.comment})`;
  return `${key.dstAddress}${table} via ${key.gateway || 'blackhole'}`;
}

const valueText = (name: string, value: string) =>
  value === '' ? `${name} empty` : name === 'comment' ? `${name} “${value}”` : `${name} ${value}`;

/** "distance 5 → 1", "enable", "comment “old”": a property going back to what it was. */
function backText(name: string, now: string, back: string): string {
  if (name === 'disabled') return back === 'yes' ? 'disable' : 'enable';
  if (name === 'blackhole') return back === 'yes' ? 'blackhole again' : 'no longer a blackhole';
  const quoted = (value: string) => (name === 'comment' ? `“${value}”` : value || 'empty');
  return `${name} ${quoted(now)} → ${quoted(back)}`;
}

/** A change of more routes than an undo keeps. */
export const tooManyToUndo = (summary: string, count: number): UnundoableChange => ({
  summary,
  reason: `It changes ${count} routes at once; an undo, and so Safe Mode's net, holds changes of up to ${maxUndoRoutes} routes, a line each in the script the router runs.`,
});

/** Properties RouterOS empties with `unset`: a plan can empty them and fill them again. */
const unsettable = ['check-gateway', 'pref-src'];

/** The route dialog's edit of one route, from the values it opened with to those sent. */
export function editChange(
  family: RouteFamily,
  route: Route,
  before: RouteFormValues,
  after: RouteFormValues,
): ChangeRecord {
  const summary = `Edit ${routeTitle(routeKeyOf(route))}`;
  const menu = routeMenuOf(family);
  // The set may change what the route is found by (its comment, its gateway): an unset after it finds it by the new.
  const commandsOf = (
    from: RouteKey,
    to: RouteKey,
    change: ReturnType<typeof changedAttrs>,
  ): RouterCommand[] => [
    ...(Object.keys(change.attrs).length > 0
      ? [{ op: 'set', menu, select: selectorOf(from), attrs: change.attrs } as const]
      : []),
    ...(change.unset.length > 0
      ? [{ op: 'unset', menu, select: selectorOf(to), names: change.unset } as const]
      : []),
  ];
  const forward = changedAttrs(before, after);
  const back = changedAttrs(after, before);
  const was = routeKeyOf(route);
  const is = routeKeyOfForm(after);
  // RouterOS empties a gateway with no `unset`, so neither can a plan: a change that empties one,
  // or fills one a blackhole route had not, is undone by putting the route back whole, removed
  // and added again with every setting it had (the gateway by its recorded value, or none).
  const emptying = (names: string[]) => names.filter((name) => !unsettable.includes(name));
  const emptied = [...emptying(forward.unset), ...emptying(back.unset)];
  if (emptied.length > 0) {
    const replace = (from: RouteKey, values: RouteFormValues): RouterCommand[] => [
      { op: 'remove', menu, select: selectorOf(from) },
      { op: 'add', menu, attrs: addAttrs(values) },
    ];
    return {
      summary,
      forward: emptying(forward.unset).length > 0 ? replace(was, after) : commandsOf(was, is, forward),
      undo: replace(is, routeFormSchema.parse(routeToForm(route))).map((command) =>
        step(
          command,
          command.op === 'remove'
            ? `${routeTitle(is)}: remove`
            : `${routeTitle(was)}: add back with every setting it had (${emptied.join(', ')} as it was)`,
        ),
      ),
    };
  }
  const now = formAttrs(after);
  const words = (values: [string, string][]) =>
    `${routeTitle(is)}: ${values.map(([name, value]) => backText(name, now[name] ?? '', value)).join(', ')}`;
  return {
    summary,
    forward: commandsOf(was, is, forward),
    undo: commandsOf(is, was, back).map((command) =>
      step(
        command,
        words(command.op === 'set' ? Object.entries(command.attrs) : back.unset.map((name) => [name, ''])),
      ),
    ),
  };
}

/** A route added through the dialog: undone by removing it again. */
export function addChange(family: RouteFamily, values: RouteFormValues): ChangeRecord {
  const menu = routeMenuOf(family);
  const key = routeKeyOfForm(values);
  const undo: RouterCommand = { op: 'remove', menu, select: selectorOf(key) };
  return {
    summary: `Add ${routeTitle(key)}`,
    forward: [{ op: 'add', menu, attrs: addAttrs(values) }],
    undo: [step(undo, `${routeTitle(key)}: remove`)],
  };
}

const countText = (count: number) => (count === 1 ? '1 route' : `${count} routes`);

/** Routes removed: undone by adding each back with every setting it had. */
export function removeChange(family: RouteFamily, routes: Route[]): ChangeRecord {
  const summary =
    routes.length === 1
      ? `Remove ${routeTitle(routeKeyOf(routes[0]!))}`
      : `Remove ${countText(routes.length)}`;
  if (routes.length > maxUndoRoutes) return tooManyToUndo(summary, routes.length);
  const menu = routeMenuOf(family);
  return {
    summary,
    forward: routes.map((route) => ({ op: 'remove', menu, select: selectorOf(routeKeyOf(route)) })),
    undo: routes.map((route) =>
      step(
        { op: 'add', menu, attrs: addAttrs(routeFormSchema.parse(routeToForm(route))) },
        `${routeTitle(routeKeyOf(route))}: add back`,
      ),
    ),
  };
}

/** Routes enabled or disabled: undone for the routes this changed, not those already so. */
export function disabledChange(family: RouteFamily, routes: Route[], disabled: boolean): ChangeRecord {
  const changed = routes.filter((route) => hasFlag(route, 'disabled') !== disabled);
  const verb = disabled ? 'Disable' : 'Enable';
  const summary =
    changed.length === 1
      ? `${verb} ${routeTitle(routeKeyOf(changed[0]!))}`
      : `${verb} ${countText(changed.length)}`;
  if (changed.length > maxUndoRoutes) return tooManyToUndo(summary, changed.length);
  const menu = routeMenuOf(family);
  const set = (route: Route, value: boolean): RouterCommand => ({
    op: 'set',
    menu,
    select: selectorOf(routeKeyOf(route)),
    attrs: { disabled: value ? 'yes' : 'no' },
  });
  return {
    summary,
    forward: changed.map((route) => set(route, disabled)),
    undo: changed.map((route) =>
      step(set(route, !disabled), `${routeTitle(routeKeyOf(route))}: ${disabled ? 'enable' : 'disable'}`),
    ),
  };
}

/** One comment given to routes: undone by giving each its own comment back. */
export function commentChange(family: RouteFamily, routes: Route[], comment: string): ChangeRecord {
  const changed = routes.filter((route) => route.comment !== comment);
  const summary = `Comment “${comment}” on ${countText(changed.length)}`;
  if (changed.length > maxUndoRoutes) return tooManyToUndo(summary, changed.length);
  const menu = routeMenuOf(family);
  return {
    summary,
    forward: changed.map((route) => ({
      op: 'set',
      menu,
      select: selectorOf(routeKeyOf(route)),
      attrs: { comment },
    })),
    undo: changed.map((route) => {
      const now = { ...routeKeyOf(route), comment };
      const command: RouterCommand = {
        op: 'set',
        menu,
        select: selectorOf(now),
        attrs: { comment: route.comment },
      };
      return step(command, `${routeTitle(now)}: ${backText('comment', comment, route.comment)}`);
    }),
  };
}

/** Static routes given new distances (Renumber the others): undone by their old distances. */
export function distanceChange(
  family: RouteFamily,
  summary: string,
  changes: { route: Route; distance: number }[],
): ChangeRecord {
  const menu = routeMenuOf(family);
  const set = (route: Route, distance: number): RouterCommand => ({
    op: 'set',
    menu,
    select: selectorOf(routeKeyOf(route)),
    attrs: { distance: String(distance) },
  });
  return {
    summary,
    forward: changes.map(({ route, distance }) => set(route, distance)),
    undo: changes.map(({ route, distance }) =>
      step(
        set(route, route.distance),
        `${routeTitle(routeKeyOf(route))}: ${backText('distance', String(distance), String(route.distance))}`,
      ),
    ),
  };
}

/** A DHCP client's `default-route-distance`: the distance of the dynamic route it makes. */
export function dhcpDistanceChange(
  family: RouteFamily,
  interfaceName: string,
  before: number,
  after: number,
): ChangeRecord {
  const menu = `/${family}/dhcp-client`;
  const set = (distance: number): RouterCommand => ({
    op: 'set',
    menu,
    select: { where: { interface: interfaceName } },
    attrs: { 'default-route-distance': String(distance) },
  });
  const title = `DHCP client on ${interfaceName}`;
  return {
    summary: `${title}: default route distance ${before} → ${after}`,
    forward: [set(after)],
    undo: [
      step(set(before), `${title}: ${backText('default route distance', String(after), String(before))}`),
    ],
  };
}

/** Changes made as one (Renumber the others: static routes and DHCP clients): undone together, or not at all. */
export function combinedChange(summary: string, changes: ChangeRecord[]): ChangeRecord {
  const blocked = changes.find((change) => !isUndoable(change));
  if (blocked && !isUndoable(blocked)) return { summary, reason: blocked.reason };
  const undoable = changes.filter(isUndoable);
  return {
    summary,
    forward: undoable.flatMap((change) => change.forward),
    undo: undoable.flatMap((change) => change.undo),
  };
}

/** A confirmed apply's plan (WAN Failover, an offline draft) kept for undo: its own inverse, each line as RouterOS reads it. */
export function planChange(plan: ApplyPlan): ChangeRecord {
  return {
    summary: plan.summary,
    forward: plan.forward,
    undo: plan.inverse.map((command) => step(command, describeCommand(command, [], 'add back'))),
  };
}

/**
 * A command in words where it is about a route, else as the RouterOS line it is; a property it
 * sets reads old → new where `before` holds the route. `adding` words an add: "add" in a change,
 * "add back" in an undo.
 */
function describeCommand(command: RouterCommand, before: readonly Route[], adding = 'add'): string {
  if (command.op === 'set' && command.menu.endsWith('/dhcp-client') && 'where' in command.select) {
    const distance = command.attrs['default-route-distance'];
    const name = command.select.where.interface;
    const route = before.find((each) => isDefaultRoute(each) && routeInterface(each) === name);
    if (distance !== undefined)
      return `DHCP client on ${name}: default route ${describeChange('distance', route && String(route.distance), distance)}`;
  }
  if (!command.menu.endsWith('/route')) return toCli(command);
  if (command.op === 'add') return `${routeTitle(addedKey(command.attrs))}: ${adding}`;
  const title = selectionTitle(command.select);
  if (command.op === 'remove') return `${title}: remove`;
  if (command.op === 'unset') return `${title}: ${command.names.map((name) => `${name} empty`).join(', ')}`;
  const [route] = selectRoutes([...before], command.select);
  return `${title}: ${Object.entries(command.attrs)
    .map(([name, value]) => {
      const was = route && routeAttr(route, name);
      if (was === undefined) return valueText(name, value);
      return describeChange(name, was === '' && name !== 'comment' ? 'none' : was, value);
    })
    .join(', ')}`;
}
