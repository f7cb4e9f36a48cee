import { type RouterInterface, routerInterfaces } from '../../shared/failover/precheck';
import {
  netwatchMenu,
  type QualityRows,
  qualityRows,
  schedulerMenu,
  scriptMenu,
} from '../../shared/failover/quality';
import { isUplinkRoute, routeMenu } from '../../shared/failover/recipe';
import { maxProbeHosts, maxWans, probeComment } from '../../shared/failover/wan';
import { defaultRoute, isDefaultRoute, parseRoute, type Route } from '../../shared/routes/route';
import type { RouterClient } from '../routeros/router-client';

/**
 * The routes failover depends on: every default route, and Uplink's probe routes, asked for by
 * their exact comments (the API's queries have no prefix match), so a router with a full BGP
 * table is never printed whole.
 */
const failoverRouteQuery = [
  `dst-address=${defaultRoute}`,
  ...Array.from({ length: maxWans * maxProbeHosts }, (_, index) => [
    `comment=${probeComment(Math.floor(index / maxProbeHosts) + 1, (index % maxProbeHosts) + 1)}`,
    '#|',
  ]).flat(),
];

/** A route failover cares about, of those a listen or a print hands over. */
export const isFailoverRoute = (route: Route) => isDefaultRoute(route) || isUplinkRoute(route);

export async function readFailoverRoutes(client: RouterClient): Promise<Route[]> {
  const rows = await client.print(routeMenu, { query: failoverRouteQuery });
  return rows.map(parseRoute).filter(isFailoverRoute);
}

/** The router's interfaces, each with its enabled, valid IP addresses: what the gateway pre-checks need. */
export async function readInterfaces(client: RouterClient): Promise<RouterInterface[]> {
  const [interfaces, addresses] = await Promise.all([
    client.print('/interface', { proplist: ['name', 'type', 'running', 'disabled'] }),
    client.print('/ip/address', { proplist: ['address', 'interface', 'disabled', 'invalid'] }),
  ]);
  return routerInterfaces(interfaces, addresses);
}

/**
 * The quality watch as the router has it: netwatch probes, verdict scripts and pending failbacks
 * tagged `uplink:`. These menus hold a handful of items, so they are printed whole.
 */
export async function readQualityRows(client: RouterClient): Promise<QualityRows> {
  const [netwatch, scripts, schedulers] = await Promise.all([
    client.print(netwatchMenu),
    client.print(scriptMenu, { proplist: ['.id', 'name', 'source', 'policy', 'comment'] }),
    client.print(schedulerMenu, { proplist: ['.id', 'name', 'comment'] }),
  ]);
  return qualityRows(netwatch, scripts, schedulers);
}
