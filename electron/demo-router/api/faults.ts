// Faults a test can inject into API connections while the demo router runs, to see how a client
// copes with a router that drops, freezes, talks nonsense or answers over a bad link.

export interface ConnectionFaults {
  /**
   * Cut the connection right after this many more reply sentences have been written (0: at once).
   * No `!fatal`: to the client it looks like a lost link.
   */
  dropAfterSentences?: number;
  /**
   * Stop answering: commands still run, but replies are held back (and long prints pause) until
   * the stall is lifted (`stall: false` or `clear()`), when the held replies go out.
   */
  stall?: boolean;
  /** Bytes written just before the next reply sentence: these bytes, or this many random ones. */
  garbage?: Uint8Array | number;
  /** Write replies a few bytes at a time; `null` lifts it. */
  trickle?: { bytes: number; intervalMs: number } | null;
}

/** What a connection does with faults. */
export interface FaultTarget {
  apply(faults: ConnectionFaults): void;
  clear(): void;
}

/** The control a test holds: faults for the next connection, for all open ones, or none. */
export interface FaultControl {
  /** Queues faults for the next accepted API or API-SSL connection (one entry per connection). */
  next(faults: ConnectionFaults): void;
  /** Applies faults to every connection open now. */
  all(faults: ConnectionFaults): void;
  /** Lifts every fault on open connections and forgets queued ones. */
  clear(): void;
}

export class FaultRegistry implements FaultControl {
  private readonly queued: ConnectionFaults[] = [];
  private readonly open = new Set<FaultTarget>();

  next(faults: ConnectionFaults): void {
    this.queued.push(faults);
  }

  all(faults: ConnectionFaults): void {
    for (const target of this.open) target.apply(faults);
  }

  clear(): void {
    this.queued.length = 0;
    for (const target of this.open) target.clear();
  }

  /** Registers an accepted connection and hands it the next queued faults; returns its removal. */
  admit(target: FaultTarget): () => void {
    const queued = this.queued.shift();
    if (queued) target.apply(queued);
    this.open.add(target);
    return () => this.open.delete(target);
  }
}
