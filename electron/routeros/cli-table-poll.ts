import type { RouterError, Row, StreamCallbacks, StreamHandle } from './router-client';

/**
 * The wait before a listen prints its table again. A big table over a relay takes seconds to print;
 * back to back, its prints would keep the link and the router busy for nothing, so the wait grows
 * with the print and the console stays idle at least two thirds of the time.
 */
export function listenPollDelay(pollMs: number, lastPrintMs: number): number {
  return Math.max(pollMs, 2 * lastPrintMs);
}

/**
 * A `listen` over the console, which has none: the table printed again and again, each print's
 * new, changed and gone items passed on. One poll serves every listen of the same table on the
 * session (the routes and failover services both follow /ip/route): each print of a big table over
 * a relay costs seconds, and two listens would print it twice. A listen that joins gets every change
 * after it joined, since the next print is compared with one made before it.
 *
 * The first look at the table waits a turn of the event loop: a print of the same table asked for
 * meanwhile (the routes service's first load, right after its listen) serves as it, rather than
 * printing a big table twice at once. Its snapshot is the table's, so a change after it is one the
 * next print finds. A listen of every property then follows the properties that print chose: its
 * caller printed what it reads.
 */
export class TablePoll {
  private readonly followers = new Set<StreamCallbacks>();
  private known: Map<string, string> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The first look has not begun: a print of the same table may still be it. */
  private waiting = false;

  constructor(
    private readonly print: (proplist: readonly string[] | undefined) => Promise<Row[]>,
    /** The properties followed; undefined for every one. */
    private proplist: readonly string[] | undefined,
    private readonly pollMs: number,
    /** The last listen stopped, or the poll failed: the client forgets this poll. */
    private readonly closed: () => void,
  ) {}

  follow(callbacks: StreamCallbacks): StreamHandle {
    this.followers.add(callbacks);
    if (this.followers.size === 1) {
      this.waiting = true;
      setImmediate(() => {
        if (!this.waiting || this.followers.size === 0) return;
        this.waiting = false;
        this.poll();
      });
    }
    return {
      stop: async () => {
        this.followers.delete(callbacks);
        if (this.followers.size === 0) this.close();
      },
    };
  }

  /**
   * A print of the table, of `proplist`, that is starting: when the first look has not begun, it is
   * that print, fed its rows one by one and told how it ended. Undefined when the poll already
   * looks itself.
   */
  firstLook(
    proplist: readonly string[] | undefined,
  ): { row(row: Row): void; end(error?: RouterError): void } | undefined {
    if (!this.waiting) return undefined;
    this.waiting = false;
    this.proplist ??= proplist;
    const started = performance.now();
    const rows: Row[] = [];
    return {
      row: (row) => rows.push(row),
      // A print that failed says nothing of the table: the poll looks for itself.
      end: (error) => (error ? this.poll() : this.looked(rows, started)),
    };
  }

  private poll(): void {
    if (this.followers.size === 0) return;
    const started = performance.now();
    this.print(this.proplist).then(
      (rows) => this.looked(rows, started),
      (error: RouterError) => {
        const followers = [...this.followers];
        this.close();
        for (const follower of followers) follower.end?.(error);
      },
    );
  }

  /** The table as a print started at `started` saw it: what changed since the last look goes out. */
  private looked(rows: Row[], started: number): void {
    if (this.followers.size === 0) return;
    const seen = new Map(rows.map((row) => [row['.id'] ?? '', JSON.stringify(row)]));
    const known = this.known;
    this.known = seen;
    if (known) {
      const changed = rows.filter((row) => known.get(row['.id'] ?? '') !== seen.get(row['.id'] ?? ''));
      const gone = [...known.keys()]
        .filter((id) => !seen.has(id))
        .map((id): Row => ({ '.id': id, '.dead': 'true' }));
      for (const row of [...changed, ...gone]) for (const follower of [...this.followers]) follower.row(row);
    }
    const wait = listenPollDelay(this.pollMs, performance.now() - started);
    if (this.followers.size > 0) this.timer = setTimeout(() => this.poll(), wait);
  }

  private close(): void {
    this.waiting = false;
    clearTimeout(this.timer);
    this.followers.clear();
    this.closed();
  }
}
