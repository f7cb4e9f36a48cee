import { type RouterCommand, toCli } from '../routeros/command';
import { hasFlag, type Route } from './route';
import { defaultDestination, type RouteFamily, routeMenuOf } from './route-family';
import type { RouteForm, RouteFormValues } from './route-form';

/** Each dialog field and the RouterOS property it edits. */
export const routeFormAttrs = {
  dstAddress: 'dst-address',
  gateway: 'gateway',
  blackhole: 'blackhole',
  prefSrc: 'pref-src',
  checkGateway: 'check-gateway',
  distance: 'distance',
  scope: 'scope',
  targetScope: 'target-scope',
  routingTable: 'routing-table',
  comment: 'comment',
  disabled: 'disabled',
} as const satisfies Record<keyof RouteFormValues, string>;

export type RouteFormField = keyof typeof routeFormAttrs;

/** The dialog's starting values for a route as the table shows it. */
export function routeToForm(route: Route): RouteForm {
  return {
    dstAddress: route.dstAddress,
    gateway: route.gateway,
    blackhole: hasFlag(route, 'blackhole'),
    prefSrc: route.prefSrc,
    checkGateway: route.checkGateway as RouteForm['checkGateway'],
    distance: route.distance,
    scope: route.scope,
    targetScope: route.targetScope,
    routingTable: route.routingTable,
    comment: route.comment,
    disabled: hasFlag(route, 'disabled'),
  };
}

/** A new route's starting values: what RouterOS gives a static route it is not told otherwise. */
export const newRouteForm: RouteForm = {
  dstAddress: '0.0.0.0/0',
  gateway: '',
  blackhole: false,
  prefSrc: '',
  checkGateway: '',
  distance: 1,
  scope: 30,
  targetScope: 10,
  routingTable: 'main',
  comment: '',
  disabled: false,
};

/** A new route's starting values in one family's table: a default route of that family. */
export const newRouteFormOf = (family: RouteFamily): RouteForm => ({
  ...newRouteForm,
  dstAddress: defaultDestination[family],
});

function attrValue(field: RouteFormField, values: RouteFormValues): string {
  const value = values[field];
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** Every property of a route as `set` writes it, empty ones included. */
export function formAttrs(values: RouteFormValues): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const field of Object.keys(routeFormAttrs) as RouteFormField[])
    attrs[routeFormAttrs[field]] = attrValue(field, values);
  return attrs;
}

/** Properties for `add`: empty ones left out, so RouterOS applies its own defaults. */
export function addAttrs(values: RouteFormValues): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const field of Object.keys(routeFormAttrs) as RouteFormField[]) {
    const value = attrValue(field, values);
    if (value === '' || ((field === 'disabled' || field === 'blackhole') && value === 'no')) continue;
    attrs[routeFormAttrs[field]] = value;
  }
  return attrs;
}

/**
 * What `set` must change to turn `before` into `after`: only the differing properties, so an edit
 * of the distance never rewrites a gateway someone else changed meanwhile. Properties cleared to
 * empty cannot be `set` to nothing; they are returned in `unset`.
 */
export function changedAttrs(
  before: RouteFormValues,
  after: RouteFormValues,
): { attrs: Record<string, string>; unset: string[] } {
  const attrs: Record<string, string> = {};
  const unset: string[] = [];
  for (const field of Object.keys(routeFormAttrs) as RouteFormField[]) {
    const value = attrValue(field, after);
    if (value === attrValue(field, before)) continue;
    if (value === '' && field !== 'comment') unset.push(routeFormAttrs[field]);
    else attrs[routeFormAttrs[field]] = value;
  }
  return { attrs, unset };
}

/** "Copy as RouterOS command": the route as the `/ip route add` (or `/ipv6 route add`) line that recreates it. */
export function addCommandLine(values: RouteFormValues, family: RouteFamily): string {
  const command: RouterCommand = { op: 'add', menu: routeMenuOf(family), attrs: addAttrs(values) };
  return toCli(command);
}

/** Several routes as one paste-able script, one `add` per line. */
export function addScript(routes: RouteFormValues[], family: RouteFamily): string {
  return routes.map((values) => addCommandLine(values, family)).join('\n');
}

/**
 * Which field a RouterOS trap concerns, so its own words can be shown beside that field. RouterOS
 * names the property in its message (`value of distance out of range (1..255)`, `invalid value for
 * argument gateway`); longer names are tried first so `target-scope` is not taken for `scope`.
 */
export function trapField(message: string): RouteFormField | undefined {
  const entries = (Object.entries(routeFormAttrs) as [RouteFormField, string][]).sort(
    (a, b) => b[1].length - a[1].length,
  );
  const text = message.toLowerCase();
  for (const [field, attr] of entries) {
    if (new RegExp(`(^|[^a-z-])${attr}([^a-z-]|$)`).test(text)) return field;
  }
  if (/such route|dst/.test(text)) return 'dstAddress';
  return undefined;
}
