import { parseRoute, type Route } from '../../shared/routes/route';
import { type RouteFamily, routeMenuOf } from '../../shared/routes/route-family';
import {
  coveringPrefixes,
  familyOfAddress,
  longestMatch,
  recursiveGateways,
  type SessionRoutes,
} from '../../shared/routes/session-route';
import type { RouterClient } from '../routeros/router-client';

/** Recursive gateways followed at most this deep: the failover recipe's are two (default, probe /32). */
const maxDepth = 4;

/** The routes whose destination holds the address, in one print: an `or` of its every covering prefix. */
async function coveringRoutes(client: RouterClient, menu: string, address: string): Promise<Route[]> {
  const query = coveringPrefixes(address).flatMap((prefix, index) =>
    index === 0 ? [`dst-address=${prefix}`] : [`dst-address=${prefix}`, '#|'],
  );
  return (await client.print(menu, { query })).map(parseRoute);
}

/**
 * The routes the session rides on, read from the router now: the active longest match for the
 * address it is seen from, then the routes reaching that route's recursive gateways. Undefined
 * where the session's address is unknown or of the other family.
 */
export async function readSessionRoutes(
  client: RouterClient,
  family: RouteFamily,
  address: string | undefined,
): Promise<SessionRoutes | undefined> {
  if (address === undefined || familyOfAddress(address) !== family) return undefined;
  const menu = routeMenuOf(family);
  const covering = await coveringRoutes(client, menu, address);
  const carriers: Route[] = [];
  let next = [{ address, routes: covering }];
  for (let depth = 0; depth < maxDepth && next.length > 0; depth += 1) {
    const found = next
      .map(({ address: to, routes }) => longestMatch(routes, to))
      .filter(
        (route): route is Route => route !== undefined && !carriers.some((each) => each.id === route.id),
      );
    carriers.push(...found);
    const gateways = found
      .flatMap(recursiveGateways)
      .filter((gateway) => familyOfAddress(gateway) === family);
    next = await Promise.all(
      gateways.map(async (gateway) => ({
        address: gateway,
        routes: await coveringRoutes(client, menu, gateway),
      })),
    );
  }
  return { address, carriers, covering };
}
