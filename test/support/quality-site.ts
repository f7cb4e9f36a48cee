// A two-WAN demo router with Uplink's quality-aware failover on it, written the way Uplink writes it
// (the plan's commands, run as one RouterOS script through the router's interpreter) and then left
// alone: no app, no session. The router's clock is simulated, so a test or benchmark steps through
// minutes of link trouble while the router's own logic (netwatch, its scripts, the scheduler,
// check-gateway) runs unchanged.
import { createRouter, type RouterModel, SimulatedClock } from '../../electron/demo-router/router';
import { noQualityRows, qualityChanges } from '../../shared/failover/quality';
import { desiredRoutes, routeChanges } from '../../shared/failover/recipe';
import {
  defaultProbes,
  defaultSecondProbes,
  type QualitySettings,
  qualityDefaults,
  type WanConfig,
} from '../../shared/failover/wan';
import { toScript } from '../../shared/routeros/command';

export interface QualitySite {
  router: RouterModel;
  clock: SimulatedClock;
  /** The WAN whose default route carries traffic now (`uplink:wanN` → N), or undefined. */
  activeWan(): number | undefined;
  /** Runs the router's time forward, `stepMs` at a time, until `done` holds or `limitMs` passed; returns the time taken. */
  until(done: () => boolean, limitMs: number, stepMs?: number): Promise<number | undefined>;
  stop(): void;
}

const links = [
  { wan: 1, gateway: '10.0.1.1', interface: 'ether1' },
  { wan: 2, gateway: '10.0.2.1', interface: 'ether2' },
];

/** WAN 1 and WAN 2 of the two-wan scenario, each with two probe hosts and the given settings. */
export function qualityWans(settings: Partial<QualitySettings> = {}): WanConfig[] {
  return links.map((link, index) => ({
    ...link,
    probe: defaultProbes[index]!,
    quality: { ...qualityDefaults, moreProbes: [defaultSecondProbes[index]!], ...settings },
  }));
}

/** Seeded so a figure can be reproduced: loss and jitter draw from this instead of Math.random. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

export async function startQualitySite(wans: WanConfig[] = qualityWans(), seed = 11): Promise<QualitySite> {
  const clock = new SimulatedClock();
  const router = createRouter({ scenario: 'two-wan', clock, random: seededRandom(seed) });
  // The scenario's plain default routes stand aside, as enabling failover leaves them.
  await router.runScript('/ip route remove [find where comment="ISP1" or comment="ISP2"]');
  const routes = routeChanges(
    [],
    desiredRoutes(
      wans,
      wans.map((wan) => wan.wan),
    ),
  );
  const quality = qualityChanges(noQualityRows, wans, new Set(wans.map((wan) => wan.wan)));
  await router.runScript(toScript([...routes.forward, ...quality.forward]));
  const activeWan = () => {
    const row = [...router.routes.rows()].find(
      (each) => each['dst-address'] === '0.0.0.0/0' && each.active === 'true',
    );
    const match = /^uplink:wan(\d+)$/.exec(row?.comment ?? '');
    return match ? Number(match[1]) : undefined;
  };
  return {
    router,
    clock,
    activeWan,
    async until(done, limitMs, stepMs = 50) {
      const started = clock.now();
      while (!done()) {
        if (clock.now() - started >= limitMs) return undefined;
        await clock.advance(stepMs);
      }
      return clock.now() - started;
    },
    stop: () => router.stop(),
  };
}
