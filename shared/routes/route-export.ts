// The Routes tab's exports: a `.rsc` script that recreates routes on a router, and a CSV of the
// table as it is shown.
import { csvTable } from '../text/csv';
import { hasFlag, type Route } from './route';
import { addCommandLine, routeToForm } from './route-attrs';
import { columnText, routeColumns } from './route-columns';
import type { RouteFamily } from './route-family';
import { routeFormSchema } from './route-form';

export const routeExportFormats = ['rsc', 'csv'] as const;
export type RouteExportFormat = (typeof routeExportFormats)[number];

/**
 * One `/ip route add` (or `/ipv6 route add`) line per static route, every property it has (disabled ones stay disabled).
 * Dynamic routes are the router's own (connected networks, DHCP leases): they are left out and
 * the header says how many.
 */
export function routesRsc(routes: Iterable<Route>, source: string, family: RouteFamily): string {
  const lines: string[] = [];
  let dynamic = 0;
  for (const route of routes) {
    if (hasFlag(route, 'dynamic')) dynamic += 1;
    else lines.push(addCommandLine(routeFormSchema.parse(routeToForm(route)), family));
  }
  const header = [
    `# ${lines.length} routes from ${source}, exported by Uplink`,
    ...(dynamic > 0
      ? [`# ${dynamic} dynamic routes (connected, DHCP) left out: the router makes its own`]
      : []),
  ];
  return `${[...header, ...lines].join('\n')}\n`;
}

/** Every column of the table, in its order, one line per route. */
export function routesCsv(routes: Iterable<Route>): string {
  function* rows() {
    for (const route of routes) yield routeColumns.map((column) => columnText(route, column.key));
  }
  return csvTable(
    routeColumns.map((column) => column.label),
    rows(),
  );
}
