import { routeKeyOf, type SiteSnapshot, snapshotRoutesOf } from '../../../shared/drafts/draft';
import type { RequestArg } from '../../../shared/ipc/contract';
import { flagLetters, type Route } from '../../../shared/routes/route';
import { addScript, routeToForm } from '../../../shared/routes/route-attrs';
import type { RouteExportFormat } from '../../../shared/routes/route-export';
import type { RouteFamily } from '../../../shared/routes/route-family';
import { type RouteForm, routeFormSchema } from '../../../shared/routes/route-form';
import { copyText, saveFile } from '../app/hand-over';
import { count } from '../components/count';
import { invoke } from '../ipc/client';
import { useNoticesStore } from '../stores/notices-store';
import { planFirst } from './RoutePlanHost';
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

/**
 * Where the table's changes go: to the router, or offline (the table showing the site's snapshot)
 * into the site's draft, applied on the router when the technician says so.
 */
export interface RouteWrites {
  setDisabled(ids: string[], disabled: boolean, name: string): Promise<void>;
  comment(ids: string[], comment: string): Promise<void>;
  remove(routes: readonly Route[]): Promise<void>;
  /** The route dialog's OK and Apply, offline; online the dialog sends them itself. */
  commit?(route: Route | undefined, before: RouteForm, after: RouteForm): Promise<void>;
}

export const routerWrites = (table: RouteTableKey): RouteWrites => ({
  setDisabled: (ids, disabled, name) =>
    routeAction(`${disabled ? 'Disable' : 'Enable'} ${name}`, () =>
      planFirst({
        title: `${disabled ? 'Disable' : 'Enable'} ${name}`,
        plan: () =>
          invoke('routes.planSelection', { ...table, ids, change: disabled ? 'disable' : 'enable' }),
        send: (commands) =>
          invoke('routes.setDisabled', { ...table, ids, disabled, ...(commands && { commands }) }),
      }),
    ),
  comment: async (ids, comment) => {
    await invoke('routes.comment', { ...table, ids, comment });
  },
  remove: (routes) => {
    const ids = routes.map((route) => route.id);
    return routeAction(`Remove ${selectionName(routes)}`, () =>
      planFirst({
        title: `Remove ${selectionName(routes)}`,
        plan: () => invoke('routes.planSelection', { ...table, ids, change: 'remove' }),
        send: (commands) => invoke('routes.remove', { ...table, ids, ...(commands && { commands }) }),
      }),
    );
  },
});

/** Offline: every change is an item of the draft; the snapshot's own values find each route again. */
export const draftWrites = (
  { siteId, family }: RouteTableKey,
  snapshot: SiteSnapshot | undefined,
): RouteWrites => ({
  setDisabled: (ids, disabled, name) =>
    routeAction(`${disabled ? 'Disable' : 'Enable'} ${name}`, () =>
      invoke('drafts.setRoutes', {
        siteId,
        family,
        ids,
        property: 'disabled',
        value: disabled ? 'yes' : 'no',
      }),
    ),
  comment: async (ids, comment) => {
    await invoke('drafts.setRoutes', { siteId, family, ids, property: 'comment', value: comment });
  },
  remove: (routes) =>
    routeAction(`Remove ${selectionName(routes)}`, () =>
      invoke('drafts.removeRoutes', { siteId, family, ids: routes.map((route) => route.id) }),
    ),
  commit: async (route, before, after) => {
    if (!route) {
      await invoke('drafts.addRoute', { siteId, family, route: after });
      return;
    }
    // The draft finds its route by the snapshot's values, not by what the draft made them.
    const kept = snapshot && snapshotRoutesOf(snapshot, family);
    const original = kept?.find((each) => each.id === route.id) ?? route;
    await invoke('drafts.editRoute', { siteId, family, route: routeKeyOf(original), before, after });
  },
});

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
