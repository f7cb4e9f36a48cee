import type { DraftItemProperty } from '../../shared/drafts/draft';
import type { RouteLoadPhase, RouteTableStatus } from '../../shared/ipc/channels/routes';
import { type Route, routeRow } from '../../shared/routes/route';
import { type RouteFamily, routeMenuOf } from '../../shared/routes/route-family';
import { maxTableRoutes } from '../routeros/reply-limits';
import type { RouterClient, Row, StreamHandle } from '../routeros/router-client';
import type { BulkPrint } from './bulk-print';
import { RouteTable } from './route-table';
import { RouteViews } from './route-view';

/** How often a busy table tells the renderer: fast enough to feel live, slow enough to cost nothing. */
const statusInterval = 100;
/**
 * How often a loading table does: each status has every window showing it re-render and ask for
 * its rows again. While a million routes load, ten a second cost the renderer a quarter of a core
 * beside the router's print; four a second still move the progress bar smoothly.
 */
const loadingStatusInterval = 250;

/**
 * One site's route table of one family in main: loaded once with a print, kept current with
 * `/ip/route/listen` (or `/ipv6/route/listen`), and shared by every renderer that watches it.
 * Status goes out throttled.
 */
export class SiteRoutes {
  table = new RouteTable();
  views = new RouteViews(this.table);
  readonly watchers = new Set<string>();
  private phase: RouteLoadPhase = 'idle';
  private expected: number | undefined;
  private error: string | undefined;
  private print: StreamHandle | undefined;
  private listen: StreamHandle | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastEmit = 0;
  /** Bumped per start: callbacks of an earlier load that arrive late are ignored. */
  private generation = 0;
  /** Offline: the snapshot the table holds (with the draft's values in), and what the draft changed, by route id. */
  private snapshot: RouteTableStatus['snapshot'];
  edited: ReadonlyMap<string, DraftItemProperty[]> = new Map();
  /** Those waiting for the load under way to end (see loaded()). */
  private waiters: { resolve(): void; reject(error: Error): void }[] = [];

  constructor(
    readonly siteId: string,
    readonly family: RouteFamily,
    private readonly deps: {
      readOnly(): boolean;
      emit(status: RouteTableStatus): void;
    },
  ) {}

  status(): RouteTableStatus {
    return {
      siteId: this.siteId,
      family: this.family,
      phase: this.phase,
      loaded: this.table.size,
      ...(this.expected !== undefined && { expected: this.expected }),
      version: this.table.version,
      ...(this.error !== undefined && { error: this.error }),
      readOnly: this.deps.readOnly(),
      defaults: this.table.defaultRoutes(),
      ...(this.snapshot && { snapshot: this.snapshot }),
    };
  }

  get loading(): boolean {
    return this.phase === 'loading';
  }

  /** Resolves once the table is whole; fails when the load fails, is cancelled or the site goes offline. */
  loaded(): Promise<void> {
    if (this.phase === 'ready') return Promise.resolve();
    if (this.phase !== 'loading') return Promise.reject(this.unloaded());
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private unloaded(): Error {
    return new Error(`the route table is ${this.phase}${this.error ? `: ${this.error}` : ''}`);
  }

  private settleWaiters(): void {
    if (this.loading || this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) this.phase === 'ready' ? waiter.resolve() : waiter.reject(this.unloaded());
  }

  /** A table of its own, empty: what a load or a snapshot fills. */
  private fresh(): void {
    // Versions go on rising across tables: a renderer sees a snapshot shown again as a change.
    const version = this.table.version;
    this.table = new RouteTable();
    this.table.version = version + 1;
    this.views = new RouteViews(this.table);
    this.snapshot = undefined;
    this.edited = new Map();
  }

  /**
   * Offline, the site's snapshot with its draft's values in: the same table, find and sort as
   * online, and the draft's changes marked. Shown again whenever the draft changes. A snapshot
   * without this family's routes (`undefined`) shows an empty table that says so.
   */
  showSnapshot(
    takenAt: string,
    routes: Route[] | undefined,
    edited: ReadonlyMap<string, DraftItemProperty[]>,
  ): void {
    this.generation += 1;
    this.stopStreams();
    this.fresh();
    for (const route of routes ?? []) this.table.apply(routeRow(route));
    this.snapshot = { takenAt, ...(routes === undefined && { lacksFamily: true }) };
    this.edited = edited;
    this.phase = 'offline';
    this.emitNow();
  }

  /** Offline with a snapshot: edits go to the draft. */
  get drafting(): boolean {
    return this.snapshot !== undefined;
  }

  /** Starts afresh: listen first, so nothing that changes during a long print is missed. */
  start(client: RouterClient, bulkPrint: BulkPrint): void {
    this.stopStreams();
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.fresh();
    this.phase = 'loading';
    this.expected = undefined;
    this.error = undefined;
    this.lastEmit = 0;
    const apply = (row: Row) => {
      if (!current()) return;
      this.table.apply(row);
      this.changed();
    };
    const menu = routeMenuOf(this.family);
    this.listen = client.stream(
      `${menu}/listen`,
      {},
      {
        row: apply,
        end: (error) => {
          if (current() && error) this.fail(`Live updates stopped: ${error.message}`);
        },
      },
    );
    // The count goes on the listen's connection after it, so its answer also says the listen is in place.
    const listening = client.run(`${menu}/print`, { 'count-only': '' }).then(({ ret }) => {
      if (current() && ret !== undefined && this.loading) {
        this.expected = Number(ret);
        // A little over the count, for routes added meanwhile; never past the table's cap.
        this.table.reserve(Math.min(maxTableRoutes, this.expected + (this.expected >> 6)));
        this.changed();
      }
    });
    listening.catch(() => undefined);
    this.print = bulkPrint({
      menu,
      table: this.table,
      listening,
      rows: () => {
        if (current()) this.changed();
      },
      end: (error) => {
        if (!current()) return;
        this.print = undefined;
        if (error) this.fail(error.message);
        else this.phase = 'ready';
        this.emitNow();
      },
    });
    this.emitNow();
  }

  /** Stops the print; the rows that arrived stay, and live updates go on. */
  async cancel(): Promise<void> {
    const print = this.print;
    if (!print || !this.loading) return;
    this.print = undefined;
    this.phase = 'cancelled';
    await print.stop();
    this.emitNow();
  }

  /** The session went away: the rows stay on screen, marked offline, until it is back. */
  offline(): void {
    this.generation += 1;
    this.stopStreams();
    this.phase = 'offline';
    this.emitNow();
  }

  dispose(): void {
    this.generation += 1;
    this.stopStreams();
    clearTimeout(this.timer);
    this.phase = 'offline';
    this.settleWaiters();
  }

  private fail(message: string): void {
    this.phase = 'failed';
    this.error = message;
    this.emitNow();
  }

  private stopStreams(): void {
    for (const handle of [this.print, this.listen]) void handle?.stop().catch(() => undefined);
    this.print = undefined;
    this.listen = undefined;
  }

  /** Something changed: tell the renderers now, or at the next tick of the throttle. */
  changed(): void {
    if (this.timer) return;
    const wait = this.lastEmit + (this.loading ? loadingStatusInterval : statusInterval) - Date.now();
    if (wait <= 0) this.emitNow();
    else this.timer = setTimeout(() => this.emitNow(), wait);
  }

  private emitNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastEmit = Date.now();
    this.settleWaiters();
    this.deps.emit(this.status());
  }
}
