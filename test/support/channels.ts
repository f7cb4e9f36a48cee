// The channel matrix: every router-talking feature must work over the API, API-SSL, the API through
// an SSH tunnel and the CLI over SSH. startChannel() gives a test a demo router of its own set up for
// one channel (SSH forwarding allowed for the tunnel, left off as RouterOS ships it for the CLI),
// optionally behind the latency proxy, and connects Uplink's own RouterClient to it the way a session
// does (connectRouter), checking the session really took that channel. A service test is written once
// and run with `describe.each(CHANNELS)`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoRouter, type DemoRouterOptions, startDemoRouter } from '../../electron/demo-router';
import { connectRouter, type RouterTarget } from '../../electron/routeros/connect-router';
import type { RouterClient } from '../../electron/routeros/router-client';
import type { SessionChannel } from '../../shared/sessions/session-state';
import type { SiteInput, Transport } from '../../shared/sites/site';
import { type Latency, type LatencyProxy, RELAY_150MS, startLatencyProxy } from './latency-proxy';

export const CHANNELS = ['api', 'api-ssl', 'ssh-tunnel', 'ssh-cli'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The two channels end-to-end flows run on: the API and the one every SSH-only grant can use. */
export const E2E_CHANNELS = ['api', 'ssh-cli'] as const satisfies readonly Channel[];

const transportOf: Record<Channel, Transport> = {
  api: 'api',
  'api-ssl': 'api-ssl',
  'ssh-tunnel': 'ssh',
  'ssh-cli': 'ssh',
};

/** What the session reports for each: the tunnel is `ssh-api` in the header's words. */
export const sessionChannelOf: Record<Channel, SessionChannel> = {
  api: 'api',
  'api-ssl': 'api-ssl',
  'ssh-tunnel': 'ssh-api',
  'ssh-cli': 'ssh-cli',
};

/** One run of a test over a channel, at loopback speed or through the latency proxy. */
export interface ChannelCase {
  readonly channel: Channel;
  readonly latency?: Latency;
  /** For the test's title (`describe.each(...)('... over $label', ...)`). */
  readonly label: string;
}

/**
 * Every channel on loopback, then the ones named in `relay` again at a relay's 150 ms round trip:
 * the matrix a service test runs, the relay runs kept to a representative few for CI's time.
 */
export function channelCases(relay: readonly Channel[] = []): ChannelCase[] {
  return [
    ...CHANNELS.map((channel) => ({ channel, label: channel })),
    ...relay.map((channel) => ({ channel, latency: RELAY_150MS, label: `${channel} at 150 ms RTT` })),
  ];
}

export interface ChannelOptions {
  /** The demo router's own options (scenario, routes, password, ...); two-wan by default. */
  router?: Omit<DemoRouterOptions, 'sshPort' | 'dataDir' | 'model'>;
  /** Puts the latency proxy between Uplink and the router's door (e.g. RELAY_150MS). */
  latency?: Latency;
  /** Every call's timeout: 5 s by default (the CLI at a relay's latency needs more than loopback). */
  callTimeoutMs?: number;
}

export interface ChannelLab {
  channel: Channel;
  demo: DemoRouter;
  /** Between Uplink and the router, when latency was asked for. */
  proxy: LatencyProxy | undefined;
  /** Where a session on this channel dials: the door's port, or the proxy's in front of it. */
  target: RouterTarget;
  /** The same as a site dialog would send it. */
  site: SiteInput;
  /** A new RouterClient on this channel; rejects if the session fell back to another channel. */
  connect(): Promise<RouterClient>;
  /** Closes every client connect() made, the proxy, the router, and its data dir. */
  stop(): Promise<void>;
}

/** A demo router of the test's own, reached over `channel`. */
export async function startChannel(channel: Channel, options: ChannelOptions = {}): Promise<ChannelLab> {
  const dataDir = mkdtempSync(join(tmpdir(), `uplink-channel-${channel}-`));
  const demo = await startDemoRouter({
    scenario: 'two-wan',
    onInternalError: (error) => {
      throw error;
    },
    ...options.router,
    dataDir,
  });
  if (channel === 'ssh-tunnel') await demo.router.runScript('/ip ssh set forwarding-enabled=local');
  const door = channel === 'api' ? demo.api : channel === 'api-ssl' ? demo.apiSsl : demo.ssh;
  if (!door) throw new Error('the demo router started without SSH');
  const proxy = options.latency ? await startLatencyProxy({ ...options.latency, target: door }) : undefined;
  const target: RouterTarget = {
    host: '127.0.0.1',
    port: proxy?.port ?? door.port,
    transport: transportOf[channel],
    user: options.router?.user ?? 'admin',
    password: options.router?.password ?? '',
  };
  const callTimeoutMs = options.callTimeoutMs ?? 5000;
  const clients = new Set<RouterClient>();
  return {
    channel,
    demo,
    proxy,
    target,
    site: {
      name: `Lab over ${channel}`,
      address: target.host,
      port: target.port,
      transport: target.transport,
      user: target.user,
      password: target.password,
      reach: 'direct',
      readOnly: false,
    },
    connect: async () => {
      const connected = await connectRouter(
        target,
        { connectTimeoutMs: Math.max(5000, callTimeoutMs), callTimeoutMs },
        // Pinning is the trust store's, tested on its own; a lab trusts its own router.
        async () => undefined,
      );
      clients.add(connected.client);
      if (connected.channel !== sessionChannelOf[channel]) {
        await connected.client.close();
        throw new Error(`asked for ${channel}, the session took ${connected.channel}`);
      }
      return connected.client;
    },
    stop: async () => {
      await Promise.all([...clients].map((client) => client.close().catch(() => undefined)));
      await proxy?.close();
      await demo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
