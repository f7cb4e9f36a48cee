import type { RequestArg } from '../../../shared/ipc/contract';
import { flagLetters, type Route } from '../../../shared/routes/route';
import { addScript, routeToForm } from '../../../shared/routes/route-attrs';
import type { RouteExportFormat } from '../../../shared/routes/route-export';
import type { RouteFamily } from '../../../shared/routes/route-family';
import { routeFormSchema } from '../../../shared/routes/route-form';
import { copyText, saveFile } from '../app/hand-over';
import { count } from '../components/count';
import { invoke } from '../ipc/client';
import { useNoticesStore } from '../stores/notices-store';
import type { RouteTableKey } from './routes-view-store';

/** A route as the technician reads it in a message: `0.0.0.0/0 via 10.0.1.1`. */
export const routeName = (route: Route) =>
  `${route.dstAddress} via ${route.gateway || flagLetters(route.flags)}`;

/** A change from the toolbar or the menu; a refusal becomes a toast in the router's own words. */
export async function routeAction(title: string, change: () => Promise<unknown>): Promise<void> {
  try {
    await change();
  } catch (error) {
    useNoticesStore.getState().push({
      level: 'error',
      title,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** What a message calls a selection: the route itself when it is one, else how many. */
export const selectionName = (routes: readonly Route[], size = routes.length) =>
  size === 1 && routes[0] ? routeName(routes[0]) : `${count.format(size)} routes`;

export const setDisabled = (table: RouteTableKey, ids: string[], disabled: boolean, name: string) =>
  routeAction(`${disabled ? 'Disable' : 'Enable'} ${name}`, () =>
    invoke('routes.setDisabled', { ...table, ids, disabled }),
  );

export const removeRoutes = (table: RouteTableKey, routes: readonly Route[]) =>
  routeAction(`Remove ${selectionName(routes)}`, () =>
    invoke('routes.remove', { ...table, ids: routes.map((route) => route.id) }),
  );

export type RouteExportRows = RequestArg<'routes.export'>['rows'];

/** Exports the table, the filtered rows or the selection as a file the browser (or Electron) saves. */
export const exportRoutes = (
  table: RouteTableKey,
  siteName: string,
  format: RouteExportFormat,
  rows: RouteExportRows,
) =>
  routeAction(`Export routes as ${format === 'rsc' ? '.rsc' : 'CSV'}`, async () => {
    const text = await invoke('routes.export', { ...table, source: siteName, format, rows });
    const day = new Date().toISOString().slice(0, 10);
    saveFile(
      text,
      `${siteName} ${table.family === 'ip' ? 'routes' : 'ipv6 routes'} ${rows.kind} ${day}.${format}`,
      format === 'rsc' ? 'text/plain' : 'text/csv',
    );
  });

/** "Copy as RouterOS commands": the `/ip route add` lines that recreate the routes, on the clipboard. */
export async function copyAsCommands(routes: readonly Route[], family: RouteFamily): Promise<void> {
  const script = addScript(
    routes.map((route) => routeFormSchema.parse(routeToForm(route))),
    family,
  );
  await routeAction('Copy as RouterOS commands', () => copyText(script));
}
