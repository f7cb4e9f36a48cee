import type { FleetLink, FleetSite } from '../ipc/channels/monitor';
import type { LinkHealth } from './health';

/** A site's health at a glance: its worst link's; `unknown` while nothing is measured. */
export type SiteHealth = LinkHealth | 'unknown';

/** Worst first: the order the fleet view sorts by. */
const rank: Record<SiteHealth, number> = { down: 0, degraded: 1, unknown: 2, up: 3 };

export function siteHealth(site: FleetSite | undefined): SiteHealth {
  if (site?.phase !== 'running') return 'unknown';
  let worst: SiteHealth = 'unknown';
  for (const link of site.links) {
    if (link.health === null) continue;
    if (worst === 'unknown' || rank[link.health] < rank[worst]) worst = link.health;
  }
  return worst;
}

export const compareHealth = (a: SiteHealth, b: SiteHealth) => rank[a] - rank[b];

/**
 * A newer summary over the one known: an update without a sparkline keeps the link's last one
 * (main sends them once per point, not once per second).
 */
export function mergeFleetSite(known: FleetSite | undefined, next: FleetSite): FleetSite {
  if (!known) return next;
  const sparks = new Map(known.links.map((link) => [link.wan, link.spark]));
  return {
    ...next,
    links: next.links.map((link): FleetLink => {
      const spark = link.spark ?? sparks.get(link.wan);
      return spark ? { ...link, spark } : link;
    }),
  };
}

/**
 * Whether two summaries of a site differ only in their figures (round trips, loss, sparklines):
 * the same phase, failovers and links, each with the same health. A row out of sight keeps its
 * figures until it is shown again, but never an out-of-date health.
 */
export function sameStanding(a: FleetSite, b: FleetSite): boolean {
  return (
    a.phase === b.phase &&
    a.failovers24h === b.failovers24h &&
    a.links.length === b.links.length &&
    a.links.every((link, index) => {
      const other = b.links[index];
      return (
        other !== undefined &&
        link.wan === other.wan &&
        link.kind === other.kind &&
        link.name === other.name &&
        link.interface === other.interface &&
        link.health === other.health
      );
    })
  );
}
