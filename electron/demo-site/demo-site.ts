// The built-in "Demo router" site: a fresh profile starts with it, and opening it starts the demo
// router (the RouterOS simulator) inside main, on 127.0.0.1 and free ports, so a new user sees the
// whole app without hardware. The demo router announces itself on loopback (MNDP) while it runs.
import { join } from 'node:path';
import { parseDuration } from '../../shared/routeros/duration';
import type { Attrs } from '../demo-router/command';
import { type DemoRouter, startDemoRouter } from '../demo-router/index';
import { type Announcer, announceOnLoopback } from '../neighbors/mndp-announcer';
import type { MndpAnnouncement } from '../neighbors/mndp-packet';
import type { Endpoint } from '../routeros/router-errors';
import type { StoredSite } from '../sites/site-store';

export const DEMO_SITE_ID = 'demo';
export const DEMO_SITE_NAME = 'Demo router';
/** A fresh RouterOS's own login: admin, no password. */
const DEMO_USER = 'admin';

/**
 * The site a fresh profile starts with. Its address and port are placeholders: the real ones are
 * picked on open, and the session reports them (SessionState.endpoint).
 */
export function demoSite(): StoredSite {
  return {
    id: DEMO_SITE_ID,
    name: DEMO_SITE_NAME,
    address: '127.0.0.1',
    port: 8728,
    transport: 'api',
    user: DEMO_USER,
    reach: 'direct',
    readOnly: false,
    demo: true,
  };
}

export interface DemoRoutersOptions {
  /** Each demo site's router keeps its certificate and host key under here, so pins hold. */
  dataDir: string;
  /** The UDP port neighbors are listened for on, when they are; the demo router announces there. */
  neighborsPort?: () => number | undefined;
  announceIntervalMs?: number;
  onInternalError?(error: unknown): void;
}

interface Running {
  router: DemoRouter;
  announcer?: Announcer;
}

/** The demo routers of demo sites (a duplicated demo site gets its own), started on first open. */
export class DemoRouters {
  private readonly running = new Map<string, Promise<Running>>();

  constructor(private readonly options: DemoRoutersOptions) {}

  /** Where the site's demo router listens for the site's transport; starts it if need be. */
  async endpoint(site: StoredSite): Promise<Endpoint> {
    const { router } = await this.start(site.id);
    switch (site.transport) {
      case 'api':
        return router.api;
      case 'api-ssl':
        return router.apiSsl;
      case 'ssh':
        // Started with SSH on, so never null here.
        return router.ssh as Endpoint;
    }
  }

  async stop(siteId: string): Promise<void> {
    const running = this.running.get(siteId);
    this.running.delete(siteId);
    const started = await running?.catch(() => undefined);
    await started?.announcer?.stop();
    await started?.router.stop();
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.running.keys()].map((siteId) => this.stop(siteId)));
  }

  private start(siteId: string): Promise<Running> {
    let running = this.running.get(siteId);
    if (!running) {
      running = this.launch(siteId);
      // A failed start is not remembered: the next open tries again.
      running.catch(() => this.running.delete(siteId));
      this.running.set(siteId, running);
    }
    return running;
  }

  private async launch(siteId: string): Promise<Running> {
    const router = await startDemoRouter({
      host: '127.0.0.1',
      apiPort: 0,
      apiSslPort: 0,
      sshPort: 0,
      scenario: 'two-wan',
      user: DEMO_USER,
      password: '',
      dataDir: join(this.options.dataDir, siteId),
      ...(this.options.onInternalError && { onInternalError: this.options.onInternalError }),
    });
    const port = this.options.neighborsPort?.();
    if (port === undefined) return { router };
    const announcer = announceOnLoopback({
      port,
      ...(this.options.announceIntervalMs !== undefined && { intervalMs: this.options.announceIntervalMs }),
      announcement: () => announcementOf(router),
    });
    return { router, announcer };
  }
}

/** What the demo router says of itself, read from the simulated router as a client would. */
function announcementOf(demo: DemoRouter): Partial<MndpAnnouncement> {
  const rows = (path: string): Attrs[] => {
    try {
      const result = demo.router.execute({ path, attrs: {}, queries: [] }, { user: DEMO_USER });
      return result.type === 'rows' ? [...result.rows] : [];
    } catch {
      return [];
    }
  };
  const [identity] = rows('/system/identity/print');
  const [resource] = rows('/system/resource/print');
  const withMac = rows('/interface/print').find((row) => row['mac-address']);
  return {
    identity: identity?.name ?? DEMO_SITE_NAME,
    version: resource?.version ?? '',
    board: resource?.['board-name'] ?? '',
    platform: 'MikroTik',
    interfaceName: withMac?.name ?? '',
    macAddress: withMac?.['mac-address'] ?? '',
    ipv4: '127.0.0.1',
    ...(resource?.uptime && { uptime: Math.round((parseDuration(resource.uptime) ?? 0) / 1000) }),
  };
}
