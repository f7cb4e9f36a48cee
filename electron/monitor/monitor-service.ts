import { join } from 'node:path';
import type { ApplyProgress, ApplyState } from '../../shared/ipc/channels/apply';
import type { FailoverState } from '../../shared/ipc/channels/failover';
import { FailoverTracker, failoverLogCsv, type ObservedFailover } from '../../shared/monitor/failover-log';
import { defaultHealthThresholds, type HealthThresholds } from '../../shared/monitor/health';
import type { ServiceParts } from '../app/app-context';
import type { Logger } from '../app/logger';
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
  | 'monitor.setThresholds';

/**
 * Live link monitoring in main. It follows each site's failover state (which WANs there are, with
 * their probes and interfaces, and which one is active), measures the WANs of the sites a renderer
 * shows, and logs every failover, link down and up and priority change of every online site.
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
  const sites = new Map<string, SiteMonitor>();
  const trackers = new Map<string, FailoverTracker>();

  const site = (siteId: string): SiteMonitor => {
    let known = sites.get(siteId);
    if (!known) {
      known = new SiteMonitor(siteId, {
        client: () => sessions.client(siteId),
        thresholds: () => thresholds,
        tick: (tick) => events.emit('monitor.tick', tick),
        status: (status) => events.emit('monitor.status', status),
      });
      sites.set(siteId, known);
    }
    return known;
  };

  const logged = (state: FailoverState & ObservedFailover) => {
    let tracker = trackers.get(state.siteId);
    if (!tracker) {
      tracker = new FailoverTracker(state.siteId);
      trackers.set(state.siteId, tracker);
    }
    if (state.phase !== 'ready') {
      tracker.reset();
      return;
    }
    for (const entry of tracker.observe(state, new Date())) {
      events.emit('monitor.logEntry', entry);
      log.append(entry).catch((error: unknown) => logger?.error('monitor: a log entry was not saved', error));
    }
  };

  /** The change Uplink is applying to each site, so the log names it as the cause of what follows. */
  const applying = new Map<string, ApplyProgress>();
  const stopFollowing = events.subscribe((event, payload) => {
    if (event === 'apply.state') {
      const { siteId, applying: now } = payload as ApplyState;
      if (now) applying.set(siteId, now);
      else applying.delete(siteId);
      return;
    }
    if (event !== 'failover.state') return;
    const state = payload as FailoverState;
    const change = applying.get(state.siteId);
    logged(change ? { ...state, applying: change } : state);
    site(state.siteId).failoverChanged(state);
  });

  return {
    handlers: {
      'monitor.watch': ({ siteId }, context) => {
        const target = site(siteId);
        target.watch(context.clientId);
        return target.state();
      },
      'monitor.unwatch': ({ siteId }, context) => sites.get(siteId)?.unwatch(context.clientId),
      'monitor.history': ({ siteId, window }) => ({ siteId, window, wans: site(siteId).history(window) }),
      'monitor.log': ({ siteId }) => log.read(siteId),
      'monitor.exportLog': async ({ siteId }) => failoverLogCsv(await log.read(siteId)),
      'monitor.thresholds': async () => {
        await thresholdsLoaded;
        return thresholds;
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
    },
    dispose: async () => {
      stopFollowing();
      for (const known of sites.values()) known.dispose();
      sites.clear();
    },
  };
}
