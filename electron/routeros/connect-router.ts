// One place that turns "this router, this way" into a logged-in RouterClient: API, API-SSL (its
// certificate checked against the pin first), or SSH (its host key checked against the pin first),
// over which the API runs through a tunnel where the router forwards to its API port, and the CLI
// where it does not.
import type { SessionChannel, TrustPrompt } from '../../shared/sessions/session-state';
import type { Transport } from '../../shared/sites/site';
import { connectApi } from './api-client';
import { connectCli } from './cli-client';
import type { RouterClient } from './router-client';
import type { Endpoint } from './router-errors';
import { openTcp, openTls } from './socket-transports';
import { SshConnection } from './ssh-transport';

export interface RouterTarget extends Endpoint {
  transport: Transport;
  user: string;
  password: string;
}

export interface ConnectTiming {
  /** TCP, TLS or SSH handshake plus login. */
  connectTimeoutMs: number;
  /** Every call after that. */
  callTimeoutMs: number;
}

/** Decides on a presented fingerprint; rejects with a TrustError to refuse the connection. */
export type VerifyPeer = (kind: TrustPrompt['kind'], fingerprint: string) => Promise<void>;

export interface ConnectedRouter {
  client: RouterClient;
  channel: SessionChannel;
}

/** The API service's port as the router sees it, for the tunnel: RouterOS's default. */
const ROUTER_API_PORT = 8728;

export async function connectRouter(
  target: RouterTarget,
  timing: ConnectTiming,
  verify: VerifyPeer,
): Promise<ConnectedRouter> {
  const login = {
    user: target.user,
    password: target.password,
    callTimeoutMs: timing.callTimeoutMs,
    loginTimeoutMs: timing.connectTimeoutMs,
  };
  switch (target.transport) {
    case 'api':
      return {
        client: await connectApi(await openTcp(target, 'api', timing.connectTimeoutMs), login),
        channel: 'api',
      };
    case 'api-ssl': {
      const socket = await openTls(target, timing.connectTimeoutMs, (fingerprint) =>
        verify('tls-certificate', fingerprint),
      );
      return { client: await connectApi(socket, login), channel: 'api-ssl' };
    }
    case 'ssh':
      return connectOverSsh(target, timing, verify);
  }
}

async function connectOverSsh(
  target: RouterTarget,
  timing: ConnectTiming,
  verify: VerifyPeer,
): Promise<ConnectedRouter> {
  const ssh = await SshConnection.open(target, {
    user: target.user,
    password: target.password,
    timeoutMs: timing.connectTimeoutMs,
    verify: (fingerprint) => verify('ssh-host-key', fingerprint),
  });
  try {
    const tunnel = await ssh.forward('127.0.0.1', ROUTER_API_PORT).catch(() => undefined);
    if (tunnel) {
      const login = {
        user: target.user,
        password: target.password,
        callTimeoutMs: timing.callTimeoutMs,
        loginTimeoutMs: timing.connectTimeoutMs,
      };
      const client = await connectApi(tunnel, login).catch(() => undefined);
      if (client) return { client: withSsh(client, ssh), channel: 'ssh-api' };
    }
    return { client: await connectCli(ssh, timing), channel: 'ssh-cli' };
  } catch (error) {
    ssh.close();
    throw error;
  }
}

/** The API client on a tunnel: closing it closes the SSH connection under it; losing either is a loss. */
function withSsh(client: RouterClient, ssh: SshConnection): RouterClient {
  return {
    print: (menu, options) => client.print(menu, options),
    printEach: (menu, options, onRow) => client.printEach(menu, options, onRow),
    run: (command, attrs) => client.run(command, attrs),
    runCommands: (commands) => client.runCommands(commands),
    stream: (command, attrs, callbacks) => client.stream(command, attrs, callbacks),
    ping: () => client.ping(),
    close: async () => {
      await client.close();
      ssh.close();
    },
    onLost: (listener) => {
      let told = false;
      const once = (error: Parameters<typeof listener>[0]) => {
        if (told) return;
        told = true;
        listener(error);
      };
      const offClient = client.onLost(once);
      const offSsh = ssh.onLost(once);
      return () => {
        offClient();
        offSsh();
      };
    },
  };
}
