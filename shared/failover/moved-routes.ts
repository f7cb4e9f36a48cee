import { distanceHome } from '../routes/distance-home';
import { defaultRoute, hasFlag, type Route, routeInterface } from '../routes/route';
import { nextHop } from './active-link';
import { uplinkTag } from './wan';

// Default routes Uplink did not make, moved behind the WANs when failover is enabled, carry their
// earlier distance in a tag at the end of their comment (for a DHCP route, its client's comment),
// so Deactivate can put them back from any laptop, and a second move keeps the first value.

/** A DHCP client as plans need it: where its route's distance and its comment live. */
export interface DhcpClientFacts {
  interface: string;
  comment: string;
}

/** What failover's plans are made from: the routes it reads, and the DHCP clients behind dynamic ones. */
export interface FailoverFacts {
  routes: Route[];
  dhcpClients: DhcpClientFacts[];
}

const movedTag = /\s*\[uplink:was-distance=(\d+)\]$/;

/** The distance a moved route had before Uplink moved it, when its comment records one. */
export function recordedDistance(comment: string): number | undefined {
  const match = movedTag.exec(comment);
  return match ? Number(match[1]) : undefined;
}

/** The comment as the technician wrote it, without Uplink's record. */
export const plainComment = (comment: string) => comment.replace(movedTag, '');

/** The comment with the earlier distance recorded (the first record is kept). */
export function withRecord(comment: string, distance: number): string {
  if (recordedDistance(comment) !== undefined) return comment;
  return `${comment}${comment ? ' ' : ''}[uplink:was-distance=${distance}]`;
}

/** The DHCP client whose route this is, when it is one. */
export function dhcpClientOf(route: Route, clients: DhcpClientFacts[]): DhcpClientFacts | undefined {
  if (distanceHome(route).kind !== 'dhcp') return undefined;
  const name = routeInterface(route);
  return clients.find((client) => client.interface === name);
}

/** Where a route's comment lives: on the route, or on the DHCP client that makes it. */
export function commentOf(route: Route, clients: DhcpClientFacts[]): string {
  return dhcpClientOf(route, clients)?.comment ?? route.comment;
}

/** The name a technician knows a default route by: its comment, else its interface or gateway. */
export function routeName(route: Route): string {
  return plainComment(route.comment) || routeInterface(route) || route.gateway;
}

export const isEnabled = (route: Route) => !hasFlag(route, 'disabled');

/** The name of the default route Uplink did not make through this gateway: what a WAN on it is called. */
export function gatewayName(routes: Route[], gateway: string | undefined): string | undefined {
  const plain = routes.find(
    (route) =>
      route.dstAddress === defaultRoute &&
      !route.comment.startsWith(uplinkTag) &&
      nextHop(route).gateway === gateway,
  );
  return (plain && plainComment(plain.comment)) || undefined;
}
