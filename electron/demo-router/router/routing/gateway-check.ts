// `check-gateway`: RouterOS probes a checked route's gateway every 10 seconds; after two probes in a
// row go unanswered the gateway counts as unreachable and the route cannot be used, and one answer
// makes it reachable again (wiki.mikrotik.com, Manual:IP/Route; help.mikrotik.com, /routing/settings
// check-gateway-ping-interval=10s). A recursive route's probe goes to its own gateway (the probe
// host) along the path the route resolved to, so it answers only if that path reaches the internet.
import { IPV4 } from '../address-family';
import type { Clock, ClockTimer } from '../clock';
import { formatGateways, type Route } from './route';
import type { CheckPath } from './table';

export const CHECK_GATEWAY_INTERVAL_MS = 10_000;
/** Unanswered probes in a row before the gateway counts as unreachable. */
export const CHECK_GATEWAY_MISSES = 2;

interface CheckState {
  /** What was checked: a changed gateway or check method starts over. */
  key: string;
  misses: number;
  failed: boolean;
}

export interface CheckTarget {
  route: Route;
  path: CheckPath | undefined;
}

export class GatewayChecker {
  private readonly states = new Map<number, CheckState>();
  private timer: ClockTimer | undefined;

  constructor(
    private readonly targets: () => Iterable<CheckTarget>,
    /** Sends one probe for `route` along `path`: did it come back? */
    private readonly probe: (route: Route, path: CheckPath) => boolean,
    /** A gateway changed sides: the routes must be re-decided. */
    private readonly onFlip: () => void,
    private readonly clock: Clock,
    private readonly intervalMs: number = CHECK_GATEWAY_INTERVAL_MS,
  ) {
    this.schedule();
  }

  private schedule(): void {
    this.timer = this.clock.after(this.intervalMs, () => {
      this.schedule();
      this.checkAll();
    });
  }

  failed(route: Route): boolean {
    const state = this.states.get(route.id);
    return state?.failed === true && state.key === keyOf(route);
  }

  checkAll(): void {
    let flipped = false;
    const seen = new Set<number>();
    for (const { route, path } of this.targets()) {
      seen.add(route.id);
      // Nowhere to send the probe: the route is unusable anyway, and its count stands.
      if (!path) continue;
      const key = keyOf(route);
      let state = this.states.get(route.id);
      if (!state || state.key !== key) {
        state = { key, misses: 0, failed: false };
        this.states.set(route.id, state);
      }
      if (this.probe(route, path)) {
        state.misses = 0;
        if (state.failed) {
          state.failed = false;
          flipped = true;
        }
      } else {
        state.misses += 1;
        if (!state.failed && state.misses >= CHECK_GATEWAY_MISSES) {
          state.failed = true;
          flipped = true;
        }
      }
    }
    for (const id of this.states.keys()) if (!seen.has(id)) this.states.delete(id);
    if (flipped) this.onFlip();
  }

  stop(): void {
    this.clock.cancel(this.timer);
  }
}

const keyOf = (route: Route) => `${route.checkGateway} ${formatGateways(route.gateways, IPV4)}`;
