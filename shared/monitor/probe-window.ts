import { type PingStats, pingStats } from './health';

/**
 * The last probes of one WAN, as pfSense's dpinger keeps its "time period": jitter, loss and the
 * health verdict are taken over these, so one lost echo does not flip a link to degraded.
 */
export class ProbeWindow {
  private readonly rtts: (number | undefined)[] = [];

  constructor(readonly size = 60) {}

  /** A probe's round-trip time in ms, or undefined when it got no answer. */
  add(rttMs: number | undefined): void {
    this.rtts.push(rttMs);
    if (this.rtts.length > this.size) this.rtts.shift();
  }

  stats(): PingStats {
    return pingStats(this.rtts);
  }
}
