import { flagLetters, type Route } from '../../../shared/routes/route';
import { addCommandLine, routeToForm } from '../../../shared/routes/route-attrs';
import { routeFormSchema } from '../../../shared/routes/route-form';
import { copyText } from '../app/hand-over';
import { invoke } from '../ipc/client';
import { useNoticesStore } from '../stores/notices-store';

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

export const setDisabled = (siteId: string, route: Route, disabled: boolean) =>
  routeAction(`${disabled ? 'Disable' : 'Enable'} ${routeName(route)}`, () =>
    invoke('routes.setDisabled', { siteId, ids: [route.id], disabled }),
  );

export const removeRoute = (siteId: string, route: Route) =>
  routeAction(`Remove ${routeName(route)}`, () => invoke('routes.remove', { siteId, ids: [route.id] }));

/** "Copy as RouterOS command": the `/ip route add` line that recreates the route, on the clipboard. */
export async function copyAsCommand(route: Route): Promise<void> {
  const line = addCommandLine(routeFormSchema.parse(routeToForm(route)));
  await routeAction('Copy as RouterOS command', () => copyText(line));
}
