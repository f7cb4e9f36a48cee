import { flagLetters, type Route } from './route';

/**
 * The columns of IP → Routes. Winbox's default view (flags, destination, gateway, distance, table,
 * immediate gateway) comes first and Comment right after it, so a 1280-px window shows Dst. Address
 * through Comment; what Winbox hides by default (scope, target scope, check gateway, pref. source)
 * follows. `key` is what a query sorts by.
 */
export const routeColumns = [
  { key: 'flags', label: 'Flags', width: 60 },
  { key: 'dstAddress', label: 'Dst. Address', width: 140 },
  { key: 'gateway', label: 'Gateway', width: 150 },
  { key: 'distance', label: 'Distance', width: 80, numeric: true },
  { key: 'routingTable', label: 'Routing Table', width: 118 },
  { key: 'immediateGw', label: 'Immediate Gw', width: 140 },
  { key: 'comment', label: 'Comment', width: 200 },
  { key: 'scope', label: 'Scope', width: 68, numeric: true },
  { key: 'targetScope', label: 'Target Scope', width: 108, numeric: true },
  { key: 'checkGateway', label: 'Check Gateway', width: 116 },
  { key: 'prefSrc', label: 'Pref. Source', width: 110 },
] as const;

export type RouteColumn = (typeof routeColumns)[number]['key'];

/** A cell as the table shows it (and a CSV export writes it): the flags as Winbox's letters. */
export function columnText(route: Route, column: RouteColumn): string {
  if (column === 'flags') return flagLetters(route.flags);
  return String(route[column]);
}

export const routeColumnKeys = routeColumns.map((column) => column.key) as [RouteColumn, ...RouteColumn[]];
