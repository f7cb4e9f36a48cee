import { activeLink } from '../../shared/failover/active-link';
import { noQualityRows, type QualityRows, wanVerdicts } from '../../shared/failover/quality';
import { readSetup } from '../../shared/failover/setup';
import type { FailoverPhase, FailoverState } from '../../shared/ipc/channels/failover';
import { parseRoute, type Route } from '../../shared/routes/route';
import type { RouterClient, Row, StreamHandle } from '../routeros/router-client';
import { isFailoverRoute, readFailoverRoutes, readQualityRows } from './router-reads';

/** What of the quality watch a state shows: settings, and each probe's verdict and what it broke. */
const verdictDigest = (rows: QualityRows) =>
  JSON.stringify([
    wanVerdicts(rows).map((wan) => [
      wan.wan,
      wan.holding,
      wan.probes.map((probe) => [probe.host, probe.status]),
    ]),
    rows.netwatch.map((row) => [
      row.comment,
      row.host,
      row['thr-loss-percent'],
      row['thr-avg'],
      row['thr-jitter'],
    ]),
    rows.scripts.map((row) => [row.comment, row.source]),
  ]);

/**
 * How often the quality watch's probes are read: netwatch has no listen, and its verdicts change
 * once a test (a second) at most.
 */
const QUALITY_POLL_MS = 2000;

/**
 * One site's failover as the router has it: the default routes and Uplink's probes, read once and
 * kept current by /ip/route/listen, so a failover the router makes on its own reaches the UI with
 * no polling. A burst of changes (a reorder sets two distances) goes out as one state.
 */
export class SiteFailover {
  private readonly routes = new Map<string, Route>();
  private quality: QualityRows = noQualityRows;
  private qualityPoll: NodeJS.Timeout | undefined;
  private qualityShown = '';
  private phase: FailoverPhase = 'offline';
  private error: string | undefined;
  private listen: StreamHandle | undefined;
  private scheduled: NodeJS.Immediate | undefined;
  /** Bumped per start: callbacks of an earlier session that arrive late are ignored. */
  private generation = 0;

  constructor(
    readonly siteId: string,
    private readonly deps: { readOnly(): boolean; emit(state: FailoverState): void },
  ) {}

  get online(): boolean {
    return this.phase === 'loading' || this.phase === 'ready';
  }

  state(): FailoverState {
    const routes = [...this.routes.values()];
    const active = activeLink(routes);
    return {
      siteId: this.siteId,
      phase: this.phase,
      ...(this.error !== undefined && { error: this.error }),
      readOnly: this.deps.readOnly(),
      ...readSetup(routes, this.quality),
      ...(active && { active }),
    };
  }

  /** Listen first, then print, so nothing that changes in between is missed. */
  start(client: RouterClient): void {
    this.stopListening();
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.routes.clear();
    this.phase = 'loading';
    this.error = undefined;
    this.listen = client.stream(
      '/ip/route/listen',
      {},
      {
        row: (row) => {
          if (current()) this.apply(row);
        },
        end: (error) => {
          if (current() && error) this.fail(`Live route updates stopped: ${error.message}`);
        },
      },
    );
    this.pollQuality(client, current);
    readFailoverRoutes(client).then(
      (routes) => {
        if (!current()) return;
        for (const route of routes) this.routes.set(route.id, route);
        this.phase = 'ready';
        this.changed();
      },
      (error: Error) => {
        if (current()) this.fail(error.message);
      },
    );
    this.changed();
  }

  /**
   * Reads the routes again now. After a change Uplink made itself the listen would tell too, but
   * over the SSH CLI a listen is a print every 2 s: the technician would wait for their own change.
   */
  async reread(client: RouterClient): Promise<void> {
    const generation = this.generation;
    const [routes, quality] = await Promise.all([readFailoverRoutes(client), readQualityRows(client)]);
    if (generation !== this.generation) return;
    this.takeQuality(quality);
    this.show(routes);
  }

  /**
   * Routes read from the router just now (see reread), in place of those known. The quality watch
   * follows at its next poll.
   */
  show(routes: readonly Route[]): void {
    if (this.phase !== 'ready') return;
    this.routes.clear();
    for (const route of routes) this.routes.set(route.id, route);
    this.changed();
  }

  offline(): void {
    this.generation += 1;
    this.stopListening();
    this.phase = 'offline';
    this.changed();
  }

  dispose(): void {
    this.generation += 1;
    this.stopListening();
    if (this.scheduled) clearImmediate(this.scheduled);
  }

  /** Tells the renderers, once per burst of changes. */
  changed(): void {
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      this.deps.emit(this.state());
    });
  }

  private apply(row: Row): void {
    const id = row['.id'];
    if (!id) return;
    const route = row['.dead'] === 'true' ? undefined : parseRoute(row);
    if (route && isFailoverRoute(route)) this.routes.set(id, route);
    else if (!this.routes.delete(id)) return;
    this.changed();
  }

  private fail(message: string): void {
    this.phase = 'failed';
    this.error = message;
    this.changed();
  }

  /** Reads the quality watch now and every QUALITY_POLL_MS while this session lasts. */
  private pollQuality(client: RouterClient, current: () => boolean): void {
    const next = () => {
      if (current()) this.qualityPoll = setTimeout(() => this.pollQuality(client, current), QUALITY_POLL_MS);
    };
    readQualityRows(client).then(
      (rows) => {
        if (!current()) return;
        if (this.takeQuality(rows)) this.changed();
        next();
      },
      // A router that will not say (a read-only grant without the menu, a call that timed out)
      // shows no verdicts until it does.
      () => {
        if (current() && this.takeQuality(noQualityRows)) this.changed();
        next();
      },
    );
  }

  /** Keeps the quality watch as read; true when what the state shows of it changed. */
  private takeQuality(rows: QualityRows): boolean {
    // Every test changes a probe's figures; only a change in what the state shows goes out.
    const shown = verdictDigest(rows);
    this.quality = rows;
    if (shown === this.qualityShown) return false;
    this.qualityShown = shown;
    return true;
  }

  private stopListening(): void {
    clearTimeout(this.qualityPoll);
    void this.listen?.stop().catch(() => undefined);
    this.listen = undefined;
  }
}
