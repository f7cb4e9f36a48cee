import type { ProposedWan } from '../ipc/channels/failover';
import type { Route } from '../routes/route';
import { nextHop } from './active-link';
import { isEnabled, routeName } from './moved-routes';
import { readSetup } from './setup';
import { defaultProbes, maxWans } from './wan';

/**
 * Enable starts from what the router has: one WAN per distinct gateway of its enabled default
 * routes (static, DHCP or PPPoE alike), named by the route's comment, in their distance order, each
 * with its own probe host. Routes whose next hop is not resolved to an interface are left out: a
 * WAN needs both.
 */
export function proposeWans(routes: Route[]): ProposedWan[] {
  const seen = new Set<string>();
  const proposed: ProposedWan[] = [];
  const others = readSetup(routes)
    .others.map(({ route }) => route)
    .filter(isEnabled)
    .sort((a, b) => a.distance - b.distance);
  for (const route of others) {
    const hop = nextHop(route);
    if (!hop.interface || seen.has(hop.gateway) || proposed.length === maxWans) continue;
    seen.add(hop.gateway);
    const wan = proposed.length + 1;
    proposed.push({
      wan,
      name: routeName(route),
      gateway: hop.gateway,
      interface: hop.interface,
      probe: defaultProbes[wan - 1] ?? defaultProbes[0],
    });
  }
  return proposed;
}
