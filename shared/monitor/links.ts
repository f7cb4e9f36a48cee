import { type ActiveLink, nextHop } from '../failover/active-link';
import { isEnabled, plainComment } from '../failover/moved-routes';
import type { FailoverSetup } from '../failover/setup';
import type { MonitoredWan } from '../ipc/channels/monitor';

/**
 * What a site's Monitor measures: each configured WAN to each of its probe hosts, and every other enabled
 * default route to its gateway, so the links can be judged before failover is set up. Those are
 * numbered after the WANs in distance order, as Enable would propose them, so adopting them keeps
 * each link's number. A route whose link went down no longer resolves to an
 * interface; it keeps the interface it had in `before` (what was measured until now), so the
 * link's graphs show it down rather than losing it.
 */
export function monitoredLinks(setup: FailoverSetup, before: readonly MonitoredWan[] = []): MonitoredWan[] {
  const wans = setup.wans.flatMap(
    ({ wan, interface: name, probe, state, name: label, moreProbes, quality }): MonitoredWan[] =>
      state !== 'incomplete' && name && probe
        ? [
            {
              wan,
              interface: name,
              probe,
              kind: 'wan',
              ...(label && { name: label }),
              ...(moreProbes && moreProbes.length > 0 && { moreProbes }),
              ...(quality && { downWhen: quality.downWhen }),
            },
          ]
        : [],
  );
  const taken = new Set(setup.wans.map((wan) => wan.gateway));
  let next = Math.max(0, ...setup.wans.map((wan) => wan.wan)) + 1;
  const gateways: MonitoredWan[] = [];
  const others = setup.others
    .map(({ route }) => route)
    .filter(isEnabled)
    .sort((a, b) => a.distance - b.distance);
  for (const route of others) {
    const hop = nextHop(route);
    const out =
      hop.interface ??
      before.find((link) => link.kind === 'gateway' && link.probe === hop.gateway)?.interface;
    if (!out || taken.has(hop.gateway)) continue;
    taken.add(hop.gateway);
    const name = plainComment(route.comment);
    gateways.push({
      wan: next++,
      interface: out,
      probe: hop.gateway,
      kind: 'gateway',
      ...(name && { name }),
    });
  }
  return [...wans, ...gateways].sort((a, b) => a.wan - b.wan);
}

/** Whether a measured link is the one carrying traffic (a plain default route's link has no WAN number). */
export function carriesTraffic(link: MonitoredWan, active: ActiveLink | null | undefined): boolean {
  if (!active) return false;
  return link.kind === 'wan'
    ? active.wan === link.wan
    : active.wan === undefined && active.label === link.interface;
}
