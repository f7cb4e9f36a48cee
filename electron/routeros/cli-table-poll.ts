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
 */
export class TablePoll {
  private readonly followers = new Set<StreamCallbacks>();
  private known: Map<string, string> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly print: () => Promise<Row[]>,
    private readonly pollMs: number,
    /** The last listen stopped, or the poll failed: the client forgets this poll. */
    private readonly closed: () => void,
  ) {}

  follow(callbacks: StreamCallbacks): StreamHandle {
    this.followers.add(callbacks);
    if (this.followers.size === 1) this.poll();
    return {
      stop: async () => {
        this.followers.delete(callbacks);
        if (this.followers.size === 0) this.close();
      },
    };
  }

  private poll(): void {
    const started = performance.now();
    this.print().then(
      (rows) => {
        if (this.followers.size === 0) return;
        const seen = new Map(rows.map((row) => [row['.id'] ?? '', JSON.stringify(row)]));
        const known = this.known;
        this.known = seen;
        if (known) {
          const changed = rows.filter((row) => known.get(row['.id'] ?? '') !== seen.get(row['.id'] ?? ''));
          const gone = [...known.keys()]
            .filter((id) => !seen.has(id))
            .map((id): Row => ({ '.id': id, '.dead': 'true' }));
          for (const row of [...changed, ...gone])
            for (const follower of [...this.followers]) follower.row(row);
        }
        if (this.followers.size > 0)
          this.timer = setTimeout(
            () => this.poll(),
            listenPollDelay(this.pollMs, performance.now() - started),
          );
      },
      (error: RouterError) => {
        const followers = [...this.followers];
        this.close();
        for (const follower of followers) follower.end?.(error);
      },
    );
  }

  private close(): void {
    clearTimeout(this.timer);
    this.followers.clear();
    this.closed();
  }
}
