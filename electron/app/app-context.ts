import { join } from 'node:path';
import type { AppMode } from '../../shared/ipc/channels/app';
import { createApplyService } from '../apply/apply-service';
import { DEMO_SITE_ID, DemoRouters, demoSite } from '../demo-site/demo-site';
import { createDraftsService } from '../drafts/drafts-service';
import { createFailoverService } from '../failover/failover-service';
import { type CallContext, createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher';
import { EventHub } from '../ipc/event-hub';
import { createMonitorService } from '../monitor/monitor-service';
import { createNeighborsService } from '../neighbors/neighbors-service';
import { createNotificationsService } from '../notifications/notifications-service';
import { rawApiOpener } from '../routes/raw-api-opener';
import { createRouteLayoutStore } from '../routes/route-layout-store';
import { createRoutesService } from '../routes/routes-service';
import { type OsEncryption, SecretStore } from '../secrets/secret-store';
import { SessionManager } from '../sessions/session-manager';
import { createSessionsService } from '../sessions/sessions-service';
import type { SessionTiming } from '../sessions/site-session';
import { SiteStore, type StoredSite } from '../sites/site-store';
import { createSitesService } from '../sites/sites-service';
import { TrustStore } from '../trust/trust-store';
import { appInfo } from './app-info';
import { createLogger, type Logger } from './logger';
import { repairProfile } from './profile-repair';
import type { ServiceParts } from './service-parts';

export interface AppContextOptions {
  mode: AppMode;
  /** Where sites, pinned keys, secrets, snapshots and drafts live. */
  profileDir: string;
  logger?: Logger;
  /** Electron's safeStorage, handed in by the Electron entry; under plain Node there is none. */
  encryption?: OsEncryption;
  /** Where to listen for MNDP announcements (tests: loopback, port 0); false: not at all. */
  neighbors?: { host?: string; port?: number; expireMs?: number } | false;
  /** Shorter timeouts and backoff for tests. */
  sessionTiming?: Partial<SessionTiming>;
  /** On a fresh profile, connect to the demo site at once, so the app opens onto a live router. */
  openDemoOnFirstStart?: boolean;
}

/**
 * Everything main owns, composed once and shared by whichever transport serves it: Electron's
 * ipcMain, or web mode's WebSocket. Transports call `dispatch`, subscribe to `events`, and report
 * when a client goes away so its per-client state can be dropped.
 */
export interface AppContext {
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly logger: Logger;
  clientGone(context: CallContext): void;
  dispose(): Promise<void>;
}

export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const logger = options.logger ?? createLogger();
  const events = new EventHub();
  const { profileDir } = options;

  const profileRepairs = await repairProfile(profileDir);
  for (const repair of profileRepairs) {
    logger.error(
      `profile: ${repair.file} could not be read (${repair.reason}); moved aside as ${repair.movedTo}`,
    );
  }
  const secrets = await SecretStore.open(profileDir, options.encryption);
  const trust = await TrustStore.open(profileDir);
  const sites = await SiteStore.open({ profileDir, secrets, firstStart: () => [demoSite()] });
  const neighbors = await createNeighborsService(
    events,
    logger,
    options.neighbors === false ? undefined : options.neighbors,
  );
  const demoRouters = new DemoRouters({
    dataDir: join(profileDir, 'demo-router'),
    neighborsPort: neighbors.port,
    onInternalError: (error) => logger.error('demo router fault', error),
  });
  const resolveEndpoint = async (site: StoredSite) =>
    site.demo ? demoRouters.endpoint(site) : { host: site.address, port: site.port };
  const sessions = new SessionManager({
    sites,
    trust,
    events,
    logger,
    ...(options.sessionTiming && { timing: options.sessionTiming }),
    resolveEndpoint,
  });

  const sitesService = createSitesService({
    sites,
    secrets,
    trust,
    sessions,
    events,
    siteRemoved: (siteId) => demoRouters.stop(siteId),
  });
  const sessionsService = createSessionsService(sessions);
  // The fast path for big route tables: the bulk print on a second connection like the session's.
  const openApiStream = rawApiOpener({ sites, trust, sessions, resolveEndpoint });
  const applies = createApplyService({ sessions, events, profileDir, logger });
  const routes = createRoutesService({
    sessions,
    events,
    openApiStream,
    applies,
    // The drafts service comes later (it reads the snapshot's routes from this one's tables).
    offlineRoutes: (siteId, family) => drafts.offlineRoutes(siteId, family),
  });
  const routeLayout = createRouteLayoutStore({ profileDir, events, logger });
  const failover = createFailoverService({ sessions, events, applies });
  // Follows the failover states from the hub, so it is made before the first one is emitted.
  const monitor = createMonitorService({ sessions, events, profileDir, logger });
  const notifications = createNotificationsService({
    events,
    profileDir,
    logger,
    siteName: (siteId) => sites.get(siteId)?.name,
  });
  const drafts = createDraftsService({
    sessions,
    events,
    profileDir,
    logger,
    snapshotRoutes: (siteId, limit, family) => routes.snapshotRoutes(siteId, limit, family),
    applies,
  });
  // Spelled out so the compiler refuses a contract channel without a handler.
  const handlers: Handlers = {
    'app.info': () => appInfo(options.mode, profileRepairs),
    ...neighbors.handlers,
    ...sitesService.handlers,
    ...sessionsService.handlers,
    ...routes.handlers,
    ...routeLayout.handlers,
    ...applies.handlers,
    ...failover.handlers,
    ...monitor.handlers,
    ...notifications.handlers,
    ...drafts.handlers,
  };
  // In dependency order; torn down in reverse (sessions close before the demo router stops).
  const parts: Omit<ServiceParts<never>, 'handlers'>[] = [
    neighbors,
    { dispose: () => demoRouters.dispose() },
    sitesService,
    sessionsService,
    applies,
    routes,
    failover,
    monitor,
    notifications,
    drafts,
  ];
  const dispatch = createDispatcher(handlers, (error) => logger.error('request failed', error));

  // A fresh profile opens onto the demo router, live, with nothing to set up.
  if (options.openDemoOnFirstStart && sites.firstStart && sites.get(DEMO_SITE_ID))
    void sessions.open(DEMO_SITE_ID);

  return {
    dispatch,
    events,
    logger,
    clientGone: (context) => {
      for (const part of parts) part.clientGone?.(context);
    },
    // Later services depend on earlier ones (sessions on sites): tear down in reverse.
    dispose: async () => {
      for (const part of [...parts].reverse()) await part.dispose?.();
    },
  };
}
