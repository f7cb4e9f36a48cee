import { flagLetters, type Route } from './route';

/** The columns of IP → Routes, in Winbox's order. `key` is what a query sorts by. */
export const routeColumns = [
  { key: 'flags', label: 'Flags', width: 64 },
  { key: 'dstAddress', label: 'Dst. Address', width: 150 },
  { key: 'gateway', label: 'Gateway', width: 170 },
  { key: 'distance', label: 'Distance', width: 76, numeric: true },
  { key: 'routingTable', label: 'Routing Table', width: 110 },
  { key: 'scope', label: 'Scope', width: 64, numeric: true },
  { key: 'targetScope', label: 'Target Scope', width: 96, numeric: true },
  { key: 'checkGateway', label: 'Check Gateway', width: 112 },
  { key: 'immediateGw', label: 'Immediate Gw', width: 150 },
  { key: 'comment', label: 'Comment', width: 200 },
  { key: 'prefSrc', label: 'Pref. Source', width: 110 },
] as const;

export type RouteColumn = (typeof routeColumns)[number]['key'];

/** A cell as the table shows it (and a CSV export writes it): the flags as Winbox's letters. */
export function columnText(route: Route, column: RouteColumn): string {
  if (column === 'flags') return flagLetters(route.flags);
  return String(route[column]);
}

export const routeColumnKeys = routeColumns.map((column) => column.key) as [RouteColumn, ...RouteColumn[]];
