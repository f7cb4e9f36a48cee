// The demo router as one piece: the simulated router and its three doors (API, API-SSL, SSH), all on
// loopback. The Electron main process embeds it for the "Demo router" site; the command line and
// the tests start it the same way.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { loadOrCreateCertificate } from './api/certificate';
import { type FaultControl, FaultRegistry } from './api/faults';
import { type ListeningServer, startApiServer } from './api/server';
import { OwnConnections } from './own-connections';
import { createRouter, type RouterModel, type RouterOptions } from './router';
import { startSshServer } from './ssh/server';

export type { ConnectionFaults, FaultControl } from './api/faults';
export type { RouterModel, RouterOptions } from './router';

/** The router's own options (scenario, generated routes, identity, login, ...) and its doors'. */
export interface DemoRouterOptions extends RouterOptions {
  /** Loopback only: 127.0.0.1 (default) or ::1. */
  host?: string;
  /** 0 (default) picks any free port. */
  apiPort?: number;
  /** 0 (default) picks any free port. */
  apiSslPort?: number;
  /** 0 (default) picks any free port; null or false turns SSH off. */
  sshPort?: number | null | false;
  /** Where the API-SSL certificate and the SSH host key are kept across restarts. */
  dataDir?: string;
  /**
   * A running router to open the doors of, instead of a new one: its configuration outlives
   * `stop()`, which closes only the doors (a test takes a router off the network and back). Its
   * creator stops it.
   */
  model?: RouterModel;
  /** A fault in the demo router's own code; console.error by default. */
  onInternalError?: (error: unknown) => void;
}

export interface Endpoint {
  host: string;
  port: number;
}

export interface DemoRouter {
  api: Endpoint;
  apiSsl: Endpoint;
  ssh: Endpoint | null;
  router: RouterModel;
  /** Faults for API and API-SSL connections. */
  faults: FaultControl;
  /** Closes every door and stops the router; resolves when all is closed. */
  stop(): Promise<void>;
}

/** Where the certificate and host key live when no data dir is given: stable on this machine. */
export const DEFAULT_DATA_DIR = join(tmpdir(), 'uplink-demo-router');

export async function startDemoRouter(options: DemoRouterOptions = {}): Promise<DemoRouter> {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const onInternalError =
    options.onInternalError ?? ((error: unknown) => console.error('demo router:', error));
  const tls = await loadOrCreateCertificate(dataDir);

  const router = options.model ?? createRouter(options);
  const faults = new FaultRegistry();
  const own = new OwnConnections();
  const madeByRouter = (peer: { address: string; port: number }) => own.madeByRouter(peer);
  const started: ListeningServer[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((server) => server.close()));
    if (!options.model) router.stop();
  };

  try {
    const door = { host, faults, onInternalError, madeByRouter };
    const api = await startApiServer(router, { ...door, port: options.apiPort ?? 0 });
    started.push(api);
    const apiSsl = await startApiServer(router, { ...door, port: options.apiSslPort ?? 0, tls });
    started.push(apiSsl);
    let ssh: Endpoint | null = null;
    if (options.sshPort !== null && options.sshPort !== false) {
      const services: Record<number, Endpoint> = {
        [ROUTER_PORTS.api]: { host, port: api.port },
        [ROUTER_PORTS.apiSsl]: { host, port: apiSsl.port },
      };
      const server = await startSshServer(router, {
        host,
        port: options.sshPort ?? 0,
        hostKeyPath: join(dataDir, 'ssh-host-key'),
        forwardTarget: (to, port) => (isRouterAddress(router, to) ? services[port] : undefined),
        own,
      });
      started.push({ host, ...server });
      ssh = { host, port: server.port };
    }
    return {
      api: { host, port: api.port },
      apiSsl: { host, port: apiSsl.port },
      ssh,
      router,
      faults,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The services' ports as the router itself knows them (`/ip service`), whatever the doors listen on. */
const ROUTER_PORTS = { api: 8728, apiSsl: 8729 } as const;

/** The router's own addresses: loopback, and those in `/ip address`. */
function isRouterAddress(router: RouterModel, host: string): boolean {
  if (host === 'localhost' || (ipaddr.isValid(host) && ipaddr.parse(host).range() === 'loopback'))
    return true;
  const result = router.execute({ path: '/ip/address/print', attrs: {}, queries: [] }, { user: 'admin' });
  if (result.type !== 'rows') return false;
  for (const row of result.rows) if (row.address?.split('/')[0] === host) return true;
  return false;
}

/** The demo router must never be reachable from the network: it has a well-known empty password. */
function assertLoopback(host: string): void {
  if (!ipaddr.isValid(host) || ipaddr.parse(host).range() !== 'loopback') {
    throw new Error(`the demo router listens on loopback only (127.0.0.1 or ::1), not on "${host}"`);
  }
}
