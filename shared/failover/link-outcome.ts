import type { FailoverChange } from '../ipc/channels/failover';
import { defaultRoute, type Route, routeInterface } from '../routes/route';
import { activeDefaultRoute, nextHop } from './active-link';
import { gatewayName } from './moved-routes';
import { routerOrder } from './plan';
import { readSetup } from './setup';

/**
 * The gateway a change leaves carrying traffic: the first WAN of the priority order it makes whose
 * link is not down; Deactivate keeps the one carrying it now. Undefined when no such link is known.
 */
export function plannedGateway(routes: Route[], change: FailoverChange): string | undefined {
  const setup = readSetup(routes);
  const carrying = activeDefaultRoute(routes);
  if (change.kind === 'deactivate') return carrying ? nextHop(carrying).gateway : undefined;
  if (change.kind === 'enable') return change.wans[0]?.gateway;
  const order =
    change.kind === 'reorder'
      ? change.order
      : [
          ...routerOrder(setup),
          ...(change.kind === 'configure' && !routerOrder(setup).includes(change.wan.wan)
            ? [change.wan.wan]
            : []),
        ];
  const gatewayOf = (wan: number) =>
    change.kind === 'configure' && change.wan.wan === wan
      ? change.wan.gateway
      : setup.wans.find((status) => status.wan === wan)?.gateway;
  const up = order.find((wan) => setup.wans.find((status) => status.wan === wan)?.state !== 'down');
  if (up !== undefined) return gatewayOf(up);
  return carrying ? nextHop(carrying).gateway : undefined;
}

/**
 * A link as the technician knows it: the name of the plain default route through its gateway (its
 * comment), else the WAN's number, with the interface: "ISP2 (ether2)".
 */
export function linkLabel(routes: Route[], gateway: string | undefined): string {
  if (gateway === undefined) return 'none';
  const wan = readSetup(routes).wans.find((status) => status.gateway === gateway);
  const plain = routes.find(
    (route) =>
      route.dstAddress === defaultRoute && nextHop(route).gateway === gateway && routeInterface(route),
  );
  const name = gatewayName(routes, gateway) ?? (wan ? `WAN ${wan.wan}` : gateway);
  const where = wan?.interface ?? (plain && routeInterface(plain));
  return where ? `${name} (${where})` : name;
}

/** The gateway of the link carrying traffic now, by the router's own choice. */
export function activeGateway(routes: Route[]): string | undefined {
  const route = activeDefaultRoute(routes);
  return route ? nextHop(route).gateway : undefined;
}
