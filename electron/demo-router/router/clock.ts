// The router's time. Everything that decides when something happens on the router (netwatch tests,
// check-gateway probes, scheduler entries, log times) asks a Clock, so a benchmark can run ten
// minutes of a flapping link through unchanged router logic in a second of wall time.

export interface ClockTimer {
  /** When the timer is due, on this clock. */
  readonly at: number;
}

export interface Clock {
  now(): number;
  /** Runs `run` once, `ms` from now. */
  after(ms: number, run: () => void): ClockTimer;
  cancel(timer: ClockTimer | undefined): void;
}

/** Wall time: Date.now() and setTimeout. */
export const realClock: Clock = {
  now: () => Date.now(),
  after(ms, run) {
    const handle = setTimeout(run, Math.max(0, ms));
    return Object.assign({ at: Date.now() + ms }, { handle });
  },
  cancel(timer) {
    if (timer && 'handle' in timer) clearTimeout(timer.handle as NodeJS.Timeout);
  },
};

interface PendingTimer extends ClockTimer {
  readonly seq: number;
  readonly run: () => void;
}

/**
 * Time that moves only when told: advance() runs every timer that falls due, in order, each at its
 * own moment, and lets the scripts a timer started finish before the next one fires (they run on
 * promises, as the router's scripts do in real time).
 */
export class SimulatedClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly pending = new Set<PendingTimer>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, run: () => void): ClockTimer {
    const timer: PendingTimer = { at: this.time + Math.max(0, ms), seq: this.seq++, run };
    this.pending.add(timer);
    return timer;
  }

  cancel(timer: ClockTimer | undefined): void {
    if (timer) this.pending.delete(timer as PendingTimer);
  }

  /** Moves time forward by `ms`, firing what falls due on the way. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > until) break;
      this.pending.delete(next);
      this.time = Math.max(this.time, next.at);
      next.run();
      await settle();
    }
    this.time = until;
  }

  private earliest(): PendingTimer | undefined {
    let first: PendingTimer | undefined;
    for (const timer of this.pending) {
      if (!first || timer.at < first.at || (timer.at === first.at && timer.seq < first.seq)) first = timer;
    }
    return first;
  }
}

/** Every promise already resolved runs its callbacks: a script's statements between its awaits. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
