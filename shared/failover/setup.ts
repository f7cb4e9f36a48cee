import { distanceHome } from '../routes/distance-home';
import { hasFlag, isDefaultRoute, type Route } from '../routes/route';
import { gatewayName } from './moved-routes';
import { noQualityRows, type QualityRows, readQuality, type WanVerdict, wanVerdicts } from './quality';
import { isUplinkRoute } from './recipe';
import { parseUplinkComment, type QualitySettings, qualityDefaults, type WanConfig } from './wan';

/**
 * How a configured WAN stands on the router. `down`: its probe stopped answering (or its gateway
 * is unreachable), so RouterOS set its default route aside. `incomplete`: one of its two routes is
 * missing or disabled, so it cannot fail over; configuring it again repairs it.
 */
export type WanLinkState = 'active' | 'standby' | 'down' | 'incomplete';

export interface WanStatus {
  wan: number;
  /** 1 = primary, by the distance of its default route. */
  priority: number;
  distance: number;
  gateway?: string;
  /** What the technician calls the link: the comment of the plain default route through its gateway. */
  name?: string;
  interface?: string;
  probe?: string;
  /** Its further probe hosts, from their /32 routes (`uplink:wan1:probe2`, ...). */
  moreProbes?: string[];
  /** The quality watch's settings as the router holds them; absent when check-gateway alone judges the WAN. */
  quality?: QualitySettings;
  /** What the router's netwatch probes say of it now. */
  verdict?: WanVerdict;
  /** check-gateway=none on its default route: the quality watch judges it, not check-gateway. */
  watched?: boolean;
  state: WanLinkState;
}

/** A default route Uplink did not make, beside the WANs. */
export interface OtherDefault {
  route: Route;
  /** Same or lower distance than a WAN's: RouterOS may prefer it to the WANs' failover order. */
  fights: boolean;
  /** Its distance can be changed from here: a static route, or a DHCP client's default-route-distance. */
  movable: boolean;
}

export interface FailoverSetup {
  /** The WANs Uplink configured on this router, in priority order. */
  wans: WanStatus[];
  others: OtherDefault[];
}

function wanState(route: Route | undefined, probe: Route | undefined, watched: boolean): WanLinkState {
  if (!route || !probe || hasFlag(probe, 'disabled')) return 'incomplete';
  // The quality watch's verdict script disables the route of a WAN it judged down.
  if (hasFlag(route, 'disabled')) return watched ? 'down' : 'incomplete';
  if (hasFlag(route, 'active')) return 'active';
  return hasFlag(route, 'inactive') ? 'down' : 'standby';
}

const hostOf = (route: Route) => route.dstAddress.replace(/\/32$/, '');

/**
 * An existing Uplink setup, recognised from the `uplink:` comments on the router's routes and, for
 * the quality watch, on its netwatch probes and verdict script.
 */
export function readSetup(routes: Route[], qualityRows: QualityRows = noQualityRows): FailoverSetup {
  const pairs = new Map<number, { route?: Route; probe?: Route; more: Route[] }>();
  for (const route of routes) {
    const tag = parseUplinkComment(route.comment);
    if (!tag) continue;
    const pair = pairs.get(tag.wan) ?? { more: [] };
    if (tag.probe) {
      if (tag.host === 1) pair.probe = route;
      else pair.more[tag.host - 2] = route;
    } else if (isDefaultRoute(route)) pair.route = route;
    pairs.set(tag.wan, pair);
  }
  const verdicts = wanVerdicts(qualityRows);
  const wans = [...pairs]
    .map(([wan, { route, probe, more }]) => {
      const [gateway, name] = probe?.gateway.split('%') ?? [];
      const quality = readQuality(qualityRows, wan);
      const verdict = verdicts.find((each) => each.wan === wan);
      // check-gateway=none is the quality recipe's mark on the route itself (recipe.ts).
      const watched = route?.checkGateway === 'none';
      return {
        wan,
        priority: 0,
        distance: route?.distance ?? Number.POSITIVE_INFINITY,
        ...(gateway && { gateway }),
        ...(gateway && gatewayName(routes, gateway) && { name: gatewayName(routes, gateway) }),
        ...(name && { interface: name }),
        ...(probe && { probe: hostOf(probe) }),
        moreProbes: more.filter((each): each is Route => each !== undefined).map(hostOf),
        ...(quality && { quality }),
        ...(verdict && { verdict }),
        state: wanState(route, probe, watched),
        watched,
      };
    })
    .sort((a, b) => a.distance - b.distance || a.wan - b.wan)
    .map((wan, index) => ({ ...wan, priority: index + 1 }));

  const highest = Math.max(0, ...wans.map((wan) => wan.distance).filter(Number.isFinite));
  const others = routes
    .filter((route) => isDefaultRoute(route) && !isUplinkRoute(route))
    .map((route) => ({
      route,
      fights: !hasFlag(route, 'disabled') && route.distance <= highest,
      movable: ['static', 'dhcp'].includes(distanceHome(route).kind),
    }));
  return { wans, others };
}

/** A WAN's settings as its routes hold them, when all of them are there. */
export function wanConfigOf(status: WanStatus): WanConfig | undefined {
  const { wan, gateway, interface: name, probe } = status;
  if (!gateway || !name || !probe) return undefined;
  // The probe routes say which hosts are watched, whatever the netwatch rows were read as.
  const quality = status.watched && {
    ...(status.quality ?? qualityDefaults),
    moreProbes: status.moreProbes ?? [],
  };
  return { wan, gateway, interface: name, probe, ...(quality && { quality }) };
}

/** WANs that can be re-planned from what is on the router (the incomplete ones are kept as they are). */
export function configuredWans(setup: FailoverSetup): WanConfig[] {
  return setup.wans.filter((wan) => wan.state !== 'incomplete').flatMap((wan) => wanConfigOf(wan) ?? []);
}
