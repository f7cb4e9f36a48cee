// The demo router's SSH door: password logins checked by the router, an interactive console per
// `shell`, one command per `exec`, and `direct-tcpip` to the router's own services where `/ip ssh
// forwarding-enabled` allows local forwarding. Like RouterOS it announces itself as ROSSSH.
import { type AddressInfo, connect } from 'node:net';
import { type Connection, Server, type ServerChannel } from 'ssh2';
import type { OwnConnections } from '../own-connections';
import type { RouterModel } from '../router';
import { loadOrCreateHostKey } from './host-key';
import { runExec, runShell } from './shell';

export interface SshServerOptions {
  port: number;
  host: string;
  /** Where the host key is kept; made on first start. */
  hostKeyPath: string;
  /**
   * Where a `direct-tcpip` to `host:port`, as the router sees it, really goes: its own API port is
   * the demo router's API listener. Undefined for anything else: the demo router never dials out.
   */
  forwardTarget(host: string, port: number): { host: string; port: number } | undefined;
  /** Where the connections the router makes for a forward are told apart from a client's. */
  own: OwnConnections;
}

export interface SshServer {
  port: number;
  close(): Promise<void>;
}

export function startSshServer(router: RouterModel, options: SshServerOptions): Promise<SshServer> {
  const clients = new Set<Connection>();
  const server = new Server(
    { hostKeys: [loadOrCreateHostKey(options.hostKeyPath)], ident: 'ROSSSH' },
    (client, info) => {
      clients.add(client);
      client.on('close', () => clients.delete(client));
      // A reset connection ends only itself.
      client.on('error', () => undefined);
      serve(router, client, info.ip, options);
    },
  );
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const client of clients) client.end();
            server.close(() => done());
          }),
      });
    });
  });
}

function serve(router: RouterModel, client: Connection, peer: string, options: SshServerOptions): void {
  let user = '';
  client.on('authentication', (context) => {
    const logOut =
      context.method === 'password'
        ? router.logIn(context.username, context.password, { via: 'ssh', address: peer })
        : undefined;
    if (logOut) {
      user = context.username;
      client.once('close', logOut);
      context.accept();
    } else {
      context.reject(['password']);
    }
  });
  client.on('ready', () => {
    client.on('tcpip', (accept, reject, info) => {
      const target = router.sshService.allowsLocalForwarding()
        ? options.forwardTarget(info.destIP, info.destPort)
        : undefined;
      if (!target) return reject();
      forward(accept(), target, info.destIP, options.own);
    });
    client.on('session', (accept) => {
      const session = accept();
      const console = router.openConsole(user);
      session.on('pty', (acceptPty, _reject, info) => {
        if (info.cols > 0) console.width = info.cols;
        acceptPty?.();
      });
      session.on('window-change', (acceptChange, _reject, info) => {
        if (info.cols > 0) console.width = info.cols;
        acceptChange?.();
      });
      session.on('shell', (acceptShell) => runShell(console, acceptShell()));
      session.on('exec', (acceptExec, _reject, info) => {
        // ssh2 hands the command over as UTF-8 text; the router takes its bytes.
        void runExec(console, acceptExec(), Buffer.from(info.command, 'utf8').toString('latin1'));
      });
    });
  });
}

/** Splices a forwarded channel to the service it asked for; either side ending ends the other. */
function forward(
  channel: ServerChannel,
  target: { host: string; port: number },
  to: string,
  own: OwnConnections,
): void {
  const socket = connect({ ...target, noDelay: true });
  own.add(socket, to);
  channel.pipe(socket).pipe(channel);
  socket.on('error', () => channel.close());
  channel.on('error', () => socket.destroy());
  channel.on('close', () => socket.destroy());
}
