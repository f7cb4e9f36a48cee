// The simulated world behind each upstream interface: a cable to an ISP router (the gateway) and,
// past it, the internet. Tests and scenarios change a link while the router runs; every echo the
// router sends (`/ping`, check-gateway) goes through echo(), so they all see the same link.
import { Listeners } from '../listeners';
import { formatIp, readIp } from '../values';

export interface LinkState {
  /** The cable: down takes the interface out of `running`. */
  up: boolean;
  /** Past the gateway: false means the ISP router still answers but nothing beyond it does. */
  internet: boolean;
  /** Round-trip time to hosts on the internet. */
  latencyMs: number;
  /** Each round trip varies by up to this much either way. */
  jitterMs: number;
  /** Share of packets lost on the link, both to the gateway and beyond. */
  lossPct: number;
  /** What the link carries, each way. */
  bandwidthMbps: number;
}

export interface Link extends LinkState {
  readonly interface: string;
  /** The ISP router's address on this link. */
  readonly gateway: string;
}

export interface Echo {
  answered: boolean;
  rttMs: number;
  ttl: number;
}

export interface LinkDefinition {
  interface: string;
  gateway: number;
  state: LinkState;
}

/** The ISP router is one hop away; hosts on the internet are a dozen. */
const GATEWAY_TTL = 64;
const INTERNET_TTL = 57;
const GATEWAY_RTT_MS = 0.6;
const NO_ANSWER: Echo = { answered: false, rttMs: 0, ttl: 0 };

export class Links {
  private readonly links = new Map<string, { gateway: number; state: LinkState }>();
  private readonly changes = new Listeners<string>();
  private readonly upChanges = new Listeners<string>();
  /** Hosts on the internet that answer no echo: one probe host's outage, the links fine. */
  private readonly silentHosts = new Set<number>();

  constructor(
    definitions: readonly LinkDefinition[],
    private readonly random: () => number = Math.random,
  ) {
    for (const { interface: name, gateway, state } of definitions) {
      this.links.set(name, { gateway, state: { ...state } });
    }
  }

  names(): string[] {
    return [...this.links.keys()];
  }

  get(interfaceName: string): Link | undefined {
    const link = this.links.get(interfaceName);
    return link && { interface: interfaceName, gateway: formatIp(link.gateway), ...link.state };
  }

  set(interfaceName: string, patch: Partial<LinkState>): void {
    const link = this.links.get(interfaceName);
    if (!link) throw new Error(`no WAN link on interface "${interfaceName}"`);
    for (const key of ['latencyMs', 'jitterMs', 'lossPct', 'bandwidthMbps'] as const) {
      const value = patch[key];
      if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
        throw new Error(`${key} must be a number of at least 0, not ${value}`);
      }
    }
    if (patch.lossPct !== undefined && patch.lossPct > 100) throw new Error('lossPct is at most 100');
    const before = link.state.up;
    Object.assign(link.state, patch);
    this.changes.emit(interfaceName);
    if (before !== link.state.up) this.upChanges.emit(interfaceName);
  }

  setHostAnswers(address: string, answers: boolean): void {
    const host = readIp(address);
    if (host === undefined) throw new Error(`"${address}" is not an IPv4 address`);
    if (answers) this.silentHosts.delete(host);
    else this.silentHosts.add(host);
  }

  /** Any change to a link (latency, loss...): traffic and pings read links on demand. */
  onChange(listener: (interfaceName: string) => void): () => void {
    return this.changes.on(listener);
  }

  /** A cable plugged or pulled: the interface's `running` follows. */
  onUpChange(listener: (interfaceName: string) => void): () => void {
    return this.upChanges.on(listener);
  }

  isUp(interfaceName: string): boolean | undefined {
    return this.links.get(interfaceName)?.state.up;
  }

  /**
   * One ICMP echo out of `interfaceName`, handed to `nexthop`, for `destination`. The ISP router
   * answers for itself; anything else answers only when the packet goes through the ISP router and
   * the internet is reachable beyond it.
   */
  echo(interfaceName: string, nexthop: number, destination: number): Echo {
    const link = this.links.get(interfaceName);
    if (!link?.state.up) return NO_ANSWER;
    const { state } = link;
    if (this.random() * 100 < state.lossPct) return NO_ANSWER;
    if (destination === link.gateway) {
      return { answered: true, rttMs: GATEWAY_RTT_MS + this.random() * 0.4, ttl: GATEWAY_TTL };
    }
    if (nexthop !== link.gateway || !state.internet || this.silentHosts.has(destination)) return NO_ANSWER;
    const jitter = (this.random() * 2 - 1) * state.jitterMs;
    return { answered: true, rttMs: Math.max(0.1, state.latencyMs + jitter), ttl: INTERNET_TTL };
  }
}
