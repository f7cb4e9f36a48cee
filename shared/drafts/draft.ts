import { z } from 'zod';
import type { WanStatus } from '../failover/setup';
import type { Route } from '../routes/route';
import type { RouteFamily } from '../routes/route-family';
import type { RouteFormValues } from '../routes/route-form';

/**
 * What a connected site leaves on disk, so it can be opened, read and edited offline: the router as
 * Uplink last saw it.
 */
/** Routes a snapshot holds at most: 100,000 take about 21 MB on disk and 1.6 s to read. */
export const snapshotRouteLimit = 100_000;

export interface SiteSnapshot {
  siteId: string;
  /** ISO time the router was read. */
  takenAt: string;
  identity: string;
  /** Every route when the router has at most snapshotRouteLimit; else the ones RouteTable#kept chooses. */
  routes: Route[];
  /** How many routes the router had; more than `routes` holds when it had more than the limit. */
  routeCount?: number;
  /**
   * `/ipv6/route`, kept as `routes` is (its own limit). Absent from a snapshot taken before Uplink
   * kept IPv6 routes, or of a router that could not print them (its IPv6 package off).
   */
  ipv6Routes?: Route[];
  ipv6RouteCount?: number;
  interfaces: Record<string, string>[];
  addresses: Record<string, string>[];
  dhcpClients: Record<string, string>[];
  /** The WAN failover setup as it was: Uplink's WANs in priority order. */
  wans: WanStatus[];
  graceSeconds: number;
}

/**
 * A snapshot's JSON a few thousand routes at a time: a big table's is tens of MB, and written as one
 * string it held main (and the Routes tab's answers) up for a second.
 */
export function* snapshotJson(
  { routes, ipv6Routes, ...rest }: SiteSnapshot,
  routesPerPart = 2000,
): Generator<string> {
  const lists = Object.entries({ routes, ...(ipv6Routes && { ipv6Routes }) });
  let before = JSON.stringify(rest).slice(0, -1);
  for (const [name, list] of lists) {
    yield `${before},"${name}":[`;
    for (let at = 0; at < list.length; at += routesPerPart) {
      const part = JSON.stringify(list.slice(at, at + routesPerPart)).slice(1, -1);
      yield at === 0 ? part : `,${part}`;
    }
    before = ']';
  }
  yield ']}\n';
}

/** A snapshot's routes of one family; undefined where it holds none of that family (see `ipv6Routes`). */
export const snapshotRoutesOf = (snapshot: SiteSnapshot, family: RouteFamily): Route[] | undefined =>
  family === 'ip' ? snapshot.routes : snapshot.ipv6Routes;

/** The route properties a draft may change: what the route dialog edits on a static route, and Enable/Disable. */
export const draftProperties = [
  'distance',
  'gateway',
  'comment',
  'check-gateway',
  'scope',
  'target-scope',
  'disabled',
] as const;
export type DraftProperty = (typeof draftProperties)[number];

/**
 * How a draft finds its route on the router again, by the values it had in the snapshot: `.id`s
 * are not kept across a reboot or an export, so a route is picked by its comment where it has a
 * unique one, otherwise by where it goes and through what.
 */
export interface RouteKey {
  dstAddress: string;
  gateway: string;
  routingTable: string;
  comment: string;
}

/** A conflict's answer: keep the draft's value, or the router's (the item is then left out). */
export type Resolution = 'mine' | 'router';

/**
 * What an item changes: a property of a route, or (`route`) whether the route is there at all,
 * `present` or `absent`: a route added or removed offline.
 */
export type DraftItemProperty = DraftProperty | 'route';

/** One change made offline: a property of a route, from what the snapshot said to a new value. */
export interface DraftItem {
  id: string;
  /** IP → Routes or IPv6 → Routes; a draft saved before IPv6 was drafted has none: IPv4. */
  family?: RouteFamily;
  route: RouteKey;
  property: DraftItemProperty;
  /** The snapshot's value: what the router had when the draft was made. */
  base: string;
  value: string;
  /** A route the draft adds: its properties as `add` takes them. */
  attrs?: Record<string, string>;
  /** Edits made together (a WAN reorder) share a label. */
  group?: string;
  resolution?: Resolution;
  madeAt: string;
}

export interface Draft {
  siteId: string;
  /** The snapshot the draft was made on. */
  baseTakenAt: string;
  items: DraftItem[];
}

export const familyOfItem = (item: Pick<DraftItem, 'family'>): RouteFamily => item.family ?? 'ip';

export const routeKeySchema = z.object({
  dstAddress: z.string().min(1),
  gateway: z.string(),
  routingTable: z.string(),
  comment: z.string(),
});

export function routeKeyOf(route: Route): RouteKey {
  return {
    dstAddress: route.dstAddress,
    gateway: route.gateway,
    routingTable: route.routingTable,
    comment: route.comment,
  };
}

/** The key of a route as the route dialog has it: what finds it on the router once it is added. */
export function routeKeyOfForm(values: RouteFormValues): RouteKey {
  return {
    dstAddress: values.dstAddress,
    gateway: values.blackhole ? '' : values.gateway,
    routingTable: values.routingTable || 'main',
    comment: values.comment,
  };
}

export function sameRoute(a: RouteKey, b: RouteKey): boolean {
  return (
    a.dstAddress === b.dstAddress &&
    a.gateway === b.gateway &&
    a.routingTable === b.routingTable &&
    a.comment === b.comment
  );
}
