import { hasFlag, type Route, routeInterface } from './route';

/**
 * Where a route's distance really lives. Dynamic routes are made by something else on the router
 * (a DHCP or PPPoE client, an address, a routing protocol), and /ip/route refuses to edit them: the
 * technician has to change the distance where it is set.
 */
export type DistanceHome =
  | { kind: 'static' }
  | { kind: 'dhcp'; interfaceName?: string }
  | { kind: 'pppoe'; interfaceName?: string }
  | { kind: 'connect'; interfaceName?: string }
  | { kind: 'protocol'; protocol: 'bgp' | 'ospf' | 'rip' }
  | { kind: 'dynamic' };

export function distanceHome(route: Route): DistanceHome {
  if (!hasFlag(route, 'dynamic')) return { kind: 'static' };
  const interfaceName = routeInterface(route);
  if (hasFlag(route, 'dhcp')) return { kind: 'dhcp', interfaceName };
  if (hasFlag(route, 'connect')) return { kind: 'connect', interfaceName };
  for (const protocol of ['bgp', 'ospf', 'rip'] as const) {
    if (hasFlag(route, protocol)) return { kind: 'protocol', protocol };
  }
  if (interfaceName?.startsWith('pppoe')) return { kind: 'pppoe', interfaceName };
  return { kind: 'dynamic' };
}

/** The sentence the read-only dialog shows, naming the place to go. */
export function describeDistanceHome(home: DistanceHome): string {
  const on = (name?: string) => (name ? ` on ${name}` : '');
  switch (home.kind) {
    case 'static':
      return 'This route is static: edit it here.';
    case 'dhcp':
      return `This route comes from the DHCP client${on(home.interfaceName)}. Its distance is the client's default-route-distance (IP → DHCP Client).`;
    case 'pppoe':
      return `This route comes from the PPPoE client${on(home.interfaceName)}. Its distance is the client's default-route-distance (Interfaces → PPPoE Client).`;
    case 'connect':
      return `This route is connected: RouterOS makes it from an address${on(home.interfaceName)} (IP → Addresses), and its distance is always 0.`;
    case 'protocol':
      return `This route was learned through ${home.protocol.toUpperCase()}; its distance is set in the ${home.protocol.toUpperCase()} configuration (Routing).`;
    case 'dynamic':
      return 'This route is dynamic: RouterOS made it, and it cannot be edited here.';
  }
}
