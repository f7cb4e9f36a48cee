import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoRouter } from '../../electron/demo-router';
import type { FailoverSessions } from '../../electron/failover/failover-service';
import type { Handlers } from '../../electron/ipc/dispatcher';
import { connectRouter } from '../../electron/routeros/connect-router';
import type { RouterClient } from '../../electron/routeros/router-client';
import { readSeenFrom } from '../../electron/sessions/seen-from';
import type { WanConfig } from '../../shared/failover/wan';
import type { FailoverChange } from '../../shared/ipc/channels/failover';
import { UplinkError } from '../../shared/ipc/errors';
import type { SessionChannel, SessionState, SessionStatus } from '../../shared/sessions/session-state';
import { type Channel, sessionChannelOf, startChannel } from '../support/channels';
import type { Latency } from '../support/latency-proxy';

/**
 * One site's session to a demo router over one channel, for the service tests: what
 * the session layer hands the service (a client, the state, its changes), with the connection
 * made and lost when the test says so. The router behind it is real; only the session manager's
 * reconnect policy is left out, so a test decides when the session is back.
 */
export class DemoSession implements FailoverSessions {
  private current: RouterClient | undefined;
  private status: SessionStatus = 'offline';
  /** As the session layer reads it on connecting: where the router sees the session from. */
  private seenFrom: string | undefined;
  private readonly listeners = new Set<(state: SessionState) => void>();
  readOnly = false;
  /** As a Transient Access session: when its grant ends (ISO). */
  expiresAt: string | undefined;

  constructor(
    readonly siteId: string,
    /** A new connection on the session's channel, e.g. to look at the router while a fault holds the session's. */
    readonly open: () => Promise<RouterClient>,
    private readonly channel: SessionChannel = 'api',
  ) {}

  async connect(): Promise<void> {
    this.current = await this.open();
    this.seenFrom = await readSeenFrom(this.current, { user: 'admin', channel: this.channel });
    this.set('online');
  }

  /** The session manager noticed the connection is gone and is trying again. */
  lose(): void {
    void this.current?.close().catch(() => undefined);
    this.current = undefined;
    this.set('reconnecting');
  }

  async close(): Promise<void> {
    await this.current?.close();
    this.current = undefined;
    this.set('offline');
  }

  client(siteId: string): RouterClient {
    if (siteId !== this.siteId || !this.current || this.status !== 'online') {
      throw new UplinkError({ code: 'closed', message: 'The site is not connected.' });
    }
    return this.current;
  }

  state(siteId: string): SessionState | undefined {
    if (siteId !== this.siteId) return undefined;
    return {
      siteId,
      status: this.status,
      readOnly: this.readOnly,
      ...(this.expiresAt !== undefined && { expiresAt: this.expiresAt }),
      ...(this.seenFrom !== undefined && this.status === 'online' && { seenFrom: this.seenFrom }),
    };
  }

  onStateChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isReadOnly(): boolean {
    return this.readOnly;
  }

  private set(status: SessionStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener({ siteId: this.siteId, status, readOnly: this.readOnly });
  }
}

/** The two-wan scenario's links as Uplink configures them. */
export const labWans: readonly [WanConfig, WanConfig] = [
  { wan: 1, gateway: '10.0.1.1', interface: 'ether1', probe: '1.1.1.1' },
  { wan: 2, gateway: '10.0.2.1', interface: 'ether2', probe: '9.9.9.9' },
];

export interface Lab {
  demo: DemoRouter;
  /** The service's session, not yet connected. */
  session: DemoSession;
  /** An API connection of the test's own, to check the router behind the service's back. */
  checker: RouterClient;
  profileDir: string;
  /** Ends everything above; the services under test are disposed of first. */
  stop(): Promise<void>;
}

export interface LabOptions {
  /** How the service's session reaches the router: the API by default. */
  channel?: Channel;
  /** The latency proxy between the session and the router. */
  latency?: Latency;
  checkGatewayIntervalMs?: number;
  /** Where the router sees logins coming from (a relay, a VPN peer), rather than loopback. */
  loginsFrom?: string;
}

/** A two-wan demo router of a test's own for site `siteId`, with a session to it and a profile folder. */
export async function startLab(siteId: string, options: LabOptions = {}): Promise<Lab> {
  const profileDir = mkdtempSync(join(tmpdir(), 'uplink-lab-profile-'));
  const reached = await startChannel(options.channel ?? 'api', {
    router: { checkGatewayIntervalMs: options.checkGatewayIntervalMs, loginsFrom: options.loginsFrom },
    latency: options.latency,
    // Short on loopback, so a lost session shows quickly; a relay's round trips need more.
    callTimeoutMs: options.latency ? 5000 : 1500,
  });
  const { demo } = reached;
  const session = new DemoSession(siteId, reached.connect, sessionChannelOf[options.channel ?? 'api']);
  const { client: checker } = await connectRouter(
    { ...demo.api, transport: 'api', user: 'admin', password: '' },
    { connectTimeoutMs: 3000, callTimeoutMs: 3000 },
    async () => undefined,
  );
  return {
    demo,
    session,
    checker,
    profileDir,
    stop: async () => {
      demo.faults.clear();
      await session.close().catch(() => undefined);
      await checker.close().catch(() => undefined);
      await reached.stop();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** A change as the tab makes it: its plan, then Apply with the commands the plan showed. */
export async function applyChange(
  failover: { handlers: Pick<Handlers, 'failover.plan' | 'failover.apply'> },
  siteId: string,
  change: FailoverChange,
) {
  const context = { clientId: 'test' };
  const plan = await failover.handlers['failover.plan']({ siteId, change }, context);
  const commands = plan.steps.map((step) => step.command);
  return failover.handlers['failover.apply']({ siteId, change, commands }, context);
}
