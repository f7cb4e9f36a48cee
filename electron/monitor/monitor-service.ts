import { join } from 'node:path';
import type { ApplyProgress, ApplyState } from '../../shared/ipc/channels/apply';
import type { FailoverState } from '../../shared/ipc/channels/failover';
import { type MonitorCapacity, maxSitesLimit } from '../../shared/ipc/channels/monitor';
import {
  detectedByRouter,
  type FailoverLogEntry,
  FailoverTracker,
  failoverLogCsv,
  routerFailoverEntries,
} from '../../shared/monitor/failover-log';
import { defaultHealthThresholds, type HealthThresholds } from '../../shared/monitor/health';
import type { Logger } from '../app/logger';
import type { ServiceParts } from '../app/service-parts';
import type { EventHub } from '../ipc/event-hub';
import type { SessionManager } from '../sessions/session-manager';
import { JsonFile } from '../sites/json-file';
import { FailoverLogFile } from './failover-log-file';
import { SiteMonitor } from './site-monitor';

export interface MonitorServiceOptions {
  sessions: Pick<SessionManager, 'client'>;
  /** Samples and log entries go out here; the failover service's states come in from it. */
  events: Pick<EventHub, 'emit' | 'subscribe'>;
  /** Where the thresholds and the failover logs are kept. */
  profileDir: string;
  logger?: Logger;
}

export type MonitorChannel =
  | 'monitor.watch'
  | 'monitor.unwatch'
  | 'monitor.history'
  | 'monitor.log'
  | 'monitor.exportLog'
  | 'monitor.thresholds'
  | 'monitor.setThresholds'
  | 'monitor.capacity'
  | 'monitor.setMaxSites'
  | 'monitor.fleet';

/** The fleet view's summaries go out at most this often, each time for every site that changed. */
const fleetEveryMs = 1000;
const dayMs = 86_400_000;

/** Sites measured at once unless the technician says otherwise. */
export const defaultMaxSites = 50;

/**
 * Live link monitoring in main. It follows each site's failover state (which links there are, with
 * their probes and interfaces, and which one is active), measures the links of every online site
 * up to a cap on sites at once (those on screen first, then in the order they came online), and
 * logs every failover, link down and up and priority change of every online site.
 */
export function createMonitorService(options: MonitorServiceOptions): ServiceParts<MonitorChannel> {
  const { sessions, events, logger } = options;
  const log = new FailoverLogFile(options.profileDir);
  const thresholdsFile = new JsonFile<HealthThresholds>(
    join(options.profileDir, 'monitor', 'thresholds.json'),
  );
  let thresholds = defaultHealthThresholds;
  const thresholdsLoaded = thresholdsFile.read().then(
    (stored) => {
      if (stored) thresholds = { ...defaultHealthThresholds, ...stored };
    },
    (error: unknown) => logger?.error('monitor: the health thresholds could not be read', error),
  );
  const settingsFile = new JsonFile<{ maxSites: number }>(
    join(options.profileDir, 'monitor', 'settings.json'),
  );
  let maxSites = defaultMaxSites;
  const settingsLoaded = settingsFile.read().then(
    (stored) => {
      if (
        stored &&
        Number.isInteger(stored.maxSites) &&
        stored.maxSites >= 1 &&
        stored.maxSites <= maxSitesLimit
      )
        maxSites = stored.maxSites;
      rebalance();
    },
    (error: unknown) => logger?.error('monitor: the monitoring settings could not be read', error),
  );
  /** Sites in the order they came online with a link to measure: who keeps a place under the cap. */
  const queue = new Set<string>();
  const sites = new Map<string, SiteMonitor>();
  /** When each site's logged failovers happened (ms), for the fleet view's count over 24 hours. */
  const failovers = new Map<string, number[]>();
  const failoversOf = (siteId: string, now: number) => {
    const times = (failovers.get(siteId) ?? []).filter((at) => at > now - dayMs);
    failovers.set(siteId, times);
    return times.length;
  };
  const trackers = new Map<string, FailoverTracker>();

  const site = (siteId: string): SiteMonitor => {
    let known = sites.get(siteId);
    if (!known) {
      known = new SiteMonitor(siteId, {
        client: () => sessions.client(siteId),
        thresholds: () => thresholds,
        tick: (tick, watchers) => events.emit('monitor.tick', tick, watchers),
        status: (status) => events.emit('monitor.status', status),
      });
      sites.set(siteId, known);
      // The day's failovers from the log on disk, once; those logged from now on are counted as they come.
      failovers.set(siteId, []);
      log.read(siteId).then(
        (entries) => {
          const logged = entries
            .filter((entry) => entry.kind === 'failover')
            .map((entry) => Date.parse(entry.at));
          failovers.set(siteId, [...logged, ...(failovers.get(siteId) ?? [])]);
          if (known) known.changed = true;
        },
        (error: unknown) => logger?.error('monitor: the failover log could not be read', error),
      );
    }
    return known;
  };

  let lastCapacity = '';
  const capacity = (): MonitorCapacity => ({
    maxSites,
    monitored: [...sites.values()].filter((each) => each.running).length,
    wanting: queue.size,
  });
  /**
   * Gives the places under the cap: to the sites on screen first, then to those that came online
   * first, so a site in the background keeps its place until one is shown or it goes.
   */
  const rebalance = () => {
    for (const [siteId, known] of sites) {
      if (known.wanted) queue.add(siteId);
      else queue.delete(siteId);
    }
    const order = [...queue].sort((a, b) => Number(sites.get(b)?.watched) - Number(sites.get(a)?.watched));
    const admitted = new Set(order.slice(0, maxSites));
    // Places are given up before they are taken, so the streams never exceed the cap.
    for (const [siteId, known] of sites) if (!admitted.has(siteId)) known.admit(false);
    for (const siteId of admitted) sites.get(siteId)?.admit(true);
    const now = capacity();
    const text = JSON.stringify(now);
    if (text !== lastCapacity) {
      lastCapacity = text;
      events.emit('monitor.capacity', now);
    }
  };

  const pushFleet = () => {
    const now = Date.now();
    const changed = [...sites.values()]
      .filter((known) => known.changed)
      .map((known) => known.summary(now, failoversOf(known.siteId, now), false));
    if (changed.length > 0) events.emit('monitor.fleet', changed);
  };
  const fleetTimer = setInterval(pushFleet, fleetEveryMs);
  fleetTimer.unref?.();

  const record = (entry: FailoverLogEntry) => {
    if (entry.kind === 'failover') {
      failovers.get(entry.siteId)?.push(Date.parse(entry.at));
      const known = sites.get(entry.siteId);
      if (known) known.changed = true;
    }
    events.emit('monitor.logEntry', entry);
    log.append(entry).catch((error: unknown) => logger?.error('monitor: a log entry was not saved', error));
  };

  /** Which router log lines were already recorded, per site: `at cause`. */
  const imported = new Map<string, Set<string>>();

  /** Records the failovers the router logged that are not in the log yet (made while no one watched). */
  const importRouterLog = async (siteId: string) => {
    const rows = await sessions.client(siteId).print('/log', { proplist: ['time', 'message'] });
    let seen = imported.get(siteId);
    if (!seen) {
      seen = new Set((await log.read(siteId)).map((entry) => `${entry.at} ${entry.cause}`));
      imported.set(siteId, seen);
    }
    for (const entry of routerFailoverEntries(siteId, rows)) {
      const key = `${entry.at} ${entry.cause}`;
      if (seen.has(key)) continue;
      seen.add(key);
      record(entry);
    }
  };

  /** `ours`: Uplink is changing the site, so a failover or reorder is that change's, logged with it. */
  const logged = (state: FailoverState, ours: boolean) => {
    let tracker = trackers.get(state.siteId);
    if (!tracker) {
      tracker = new FailoverTracker(state.siteId);
      trackers.set(state.siteId, tracker);
    }
    if (state.phase !== 'ready') {
      tracker.reset();
      return;
    }
    const first = tracker.fresh;
    const entries = tracker.observe(state, new Date());
    for (const entry of entries) {
      if (!ours || detectedByRouter(entry)) record(entry);
    }
    // On (re)connect, and whenever a WAN changed: the router may have logged its verdict meanwhile.
    const watched = state.wans.some((wan) => wan.watched);
    if (watched && (first || entries.length > 0))
      importRouterLog(state.siteId).catch((error: unknown) =>
        logger?.error('monitor: the router’s log could not be read', error),
      );
  };

  /**
   * Uplink's own changes per site. While one is applied, and for a moment after (the router's
   * reports of it may come late), the failovers and reorders the router reports are its doing: they
   * are logged once, as the change with its outcome, when its report comes.
   */
  const changes = new Map<string, { applying?: ApplyProgress; quietUntil: number; report?: string }>();
  const quietMs = 3000;
  const changeLogged = ({ siteId, applying, report }: ApplyState) => {
    const known = changes.get(siteId) ?? { quietUntil: 0 };
    changes.set(siteId, known);
    known.applying = applying;
    if (!report || report.at === known.report || report.outcome !== 'applied') return;
    known.report = report.at;
    known.quietUntil = Date.now() + quietMs;
    record({
      siteId,
      at: report.at,
      kind: 'change',
      from: report.summary,
      to: report.link ? `active link ${report.link.active}` : 'applied',
      cause: `Uplink, ${report.origin} tab`,
    });
  };
  const stopFollowing = events.subscribe((event, payload) => {
    if (event === 'apply.state') return changeLogged(payload as ApplyState);
    if (event !== 'failover.state') return;
    const state = payload as FailoverState;
    const change = changes.get(state.siteId);
    const ours = change !== undefined && (change.applying !== undefined || Date.now() < change.quietUntil);
    logged(state, ours);
    const known = site(state.siteId);
    known.failoverChanged(state);
    rebalance();
    known.sync();
  });

  return {
    handlers: {
      'monitor.watch': ({ siteId }, context) => {
        const target = site(siteId);
        target.watch(context.clientId);
        rebalance();
        return target.state();
      },
      'monitor.unwatch': ({ siteId }, context) => {
        sites.get(siteId)?.unwatch(context.clientId);
        rebalance();
      },
      'monitor.history': ({ siteId, window }) => ({ siteId, window, wans: site(siteId).history(window) }),
      'monitor.log': ({ siteId }) => log.read(siteId),
      'monitor.exportLog': async ({ siteId }) => failoverLogCsv(await log.read(siteId)),
      'monitor.thresholds': async () => {
        await thresholdsLoaded;
        return thresholds;
      },
      'monitor.fleet': () => {
        const now = Date.now();
        return [...sites.values()].map((known) => known.summary(now, failoversOf(known.siteId, now), true));
      },
      'monitor.capacity': async () => {
        await settingsLoaded;
        return capacity();
      },
      'monitor.setMaxSites': async (next) => {
        await settingsLoaded;
        await settingsFile.write(next);
        maxSites = next.maxSites;
        rebalance();
        return capacity();
      },
      'monitor.setThresholds': async (next) => {
        await thresholdsFile.write(next);
        thresholds = next;
        events.emit('monitor.thresholdsChanged', next);
        return next;
      },
    },
    clientGone: (context) => {
      for (const known of sites.values()) known.unwatch(context.clientId);
      rebalance();
    },
    dispose: async () => {
      clearInterval(fleetTimer);
      stopFollowing();
      for (const known of sites.values()) known.dispose();
      sites.clear();
      queue.clear();
    },
  };
}
