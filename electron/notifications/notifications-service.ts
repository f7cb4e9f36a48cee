import { join } from 'node:path';
import type { FleetSite } from '../../shared/ipc/channels/monitor';
import type { FailoverLogEntry } from '../../shared/monitor/failover-log';
import type { LinkHealth } from '../../shared/monitor/health';
import {
  defaultNotificationSettings,
  type NotificationEvent,
  NotificationGate,
  type NotificationSettings,
  notificationSettingsSchema,
} from '../../shared/notifications/gate';
import type { SessionState } from '../../shared/sessions/session-state';
import type { Logger } from '../app/logger';
import type { ServiceParts } from '../app/service-parts';
import type { EventHub } from '../ipc/event-hub';
import { JsonFile } from '../sites/json-file';

export interface NotificationsServiceOptions {
  /** The monitor's and the sessions' events come in from here; notifications go out. */
  events: Pick<EventHub, 'emit' | 'subscribe'>;
  profileDir: string;
  /** What the technician calls the site. */
  siteName(siteId: string): string | undefined;
  logger?: Logger;
  now?(): number;
}

export type NotificationsChannel = 'notifications.settings' | 'notifications.setSettings';

/** A grant ending within this long is worth a word, once per grant. */
const grantWarnMs = 5 * 60_000;
const grantCheckMs = 10_000;
/** A router's log read on reconnect brings old failovers: only recent ones are news. */
const freshMs = 60_000;

const linkLabel = (link: FleetSite['links'][number]) =>
  `WAN ${link.wan}${link.name ? ` (${link.name})` : ''}`;
const unhealthy = (health: LinkHealth | null) => health === 'down' || health === 'degraded';

/**
 * Desktop notifications, decided in main so that several windows raise one: failovers from the
 * failover log, links turning unhealthy or recovering from the fleet summaries, sessions lost, and
 * grants about to end. The gate switches kinds off, keeps one per site at a time and a few across
 * sites; what passes goes out as `notifications.show` for the shell (or the web page) to raise.
 */
export function createNotificationsService(
  options: NotificationsServiceOptions,
): ServiceParts<NotificationsChannel> {
  const { events, logger } = options;
  const now = () => options.now?.() ?? Date.now();
  const file = new JsonFile<NotificationSettings>(join(options.profileDir, 'notifications.json'));
  let settings = defaultNotificationSettings;
  const loaded = file.read().then(
    (stored) => {
      const parsed = notificationSettingsSchema.safeParse(stored);
      if (parsed.success) settings = parsed.data;
    },
    (error: unknown) => logger?.error('notifications: the settings could not be read', error),
  );
  const gate = new NotificationGate();

  const raise = (siteId: string, kind: NotificationEvent['kind'], body: string) => {
    const shown = gate.offer(
      { siteId, kind, title: options.siteName(siteId) ?? 'Uplink', body },
      now(),
      settings,
    );
    if (shown) events.emit('notifications.show', shown);
  };

  /** Each link's health as last summed up, per site: a change is news, the first sight is not. */
  const health = new Map<string, Map<number, LinkHealth | null>>();
  const linksChanged = (sites: readonly FleetSite[]) => {
    for (const site of sites) {
      if (site.phase !== 'running') {
        health.delete(site.siteId);
        continue;
      }
      const known = health.get(site.siteId) ?? new Map<number, LinkHealth | null>();
      health.set(site.siteId, known);
      for (const link of site.links) {
        const before = known.get(link.wan);
        known.set(link.wan, link.health);
        if (before === undefined || before === null || link.health === null) continue;
        if (!unhealthy(before) && unhealthy(link.health))
          raise(site.siteId, 'unhealthy', `${linkLabel(link)} is ${link.health}`);
        else if (unhealthy(before) && link.health === 'up')
          raise(site.siteId, 'recovered', `${linkLabel(link)} is up again`);
      }
    }
  };

  const sessions = new Map<string, SessionState>();
  const grantsWarned = new Map<string, string>();
  const sessionChanged = (state: SessionState) => {
    const before = sessions.get(state.siteId)?.status;
    sessions.set(state.siteId, state);
    if (before === 'online' && (state.status === 'reconnecting' || state.status === 'failed'))
      raise(
        state.siteId,
        'session-lost',
        `Connection lost${state.error ? `: ${state.error.message}` : ''}; ${state.status === 'reconnecting' ? 'reconnecting' : 'not reconnecting'}`,
      );
  };
  const checkGrants = () => {
    for (const state of sessions.values()) {
      if (state.status !== 'online' || !state.expiresAt) continue;
      const left = Date.parse(state.expiresAt) - now();
      if (left <= 0 || left > grantWarnMs || grantsWarned.get(state.siteId) === state.expiresAt) continue;
      grantsWarned.set(state.siteId, state.expiresAt);
      raise(state.siteId, 'grant-expiring', `Transient Access ends in ${Math.ceil(left / 60_000)} min`);
    }
  };
  const grantTimer = setInterval(checkGrants, grantCheckMs);
  grantTimer.unref?.();

  const stop = events.subscribe((event, payload) => {
    if (event === 'monitor.fleet') linksChanged(payload as FleetSite[]);
    else if (event === 'sessions.state') sessionChanged(payload as SessionState);
    else if (event === 'monitor.logEntry') {
      const entry = payload as FailoverLogEntry;
      if (entry.kind === 'failover' && now() - Date.parse(entry.at) < freshMs)
        raise(
          entry.siteId,
          'failover',
          `Failover ${entry.from} → ${entry.to}${entry.cause ? `: ${entry.cause}` : ''}`,
        );
    }
  });

  return {
    handlers: {
      'notifications.settings': async () => {
        await loaded;
        return settings;
      },
      'notifications.setSettings': async (next) => {
        await file.write(next);
        settings = next;
        events.emit('notifications.settingsChanged', next);
        return next;
      },
    },
    dispose: async () => {
      clearInterval(grantTimer);
      stop();
    },
  };
}
