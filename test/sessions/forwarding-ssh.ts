// A router whose SSH service allows forwarding (RouterOS: /ip ssh set forwarding-enabled=local),
// for the API-through-a-tunnel path: an ssh2 server on loopback that checks logins against the demo
// router and opens `direct-tcpip` to 127.0.0.1:8728, the router's own API port, onto the demo
// router's API. The demo router's own SSH door offers the console only, like RouterOS by default.
import { type AddressInfo, connect } from 'node:net';
import { type Connection, Server } from 'ssh2';
import type { DemoRouter } from '../../electron/demo-router/index';
import { newHostKey } from '../../electron/demo-router/ssh/host-key';

export interface ForwardingSsh {
  port: number;
  /** The `direct-tcpip` channels opened so far. */
  tunnels: number;
  close(): Promise<void>;
}

export async function startForwardingSsh(router: DemoRouter): Promise<ForwardingSsh> {
  const hostKey = newHostKey();
  const clients = new Set<Connection>();
  const state = { tunnels: 0 };
  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (context) => {
      if (context.method === 'password' && router.router.authenticate(context.username, context.password)) {
        context.accept();
      } else {
        context.reject(['password']);
      }
    });
    client.on('tcpip', (accept, reject, info) => {
      if (info.destIP !== '127.0.0.1' || info.destPort !== 8728) return reject();
      state.tunnels += 1;
      const channel = accept();
      const api = connect(router.api.port, router.api.host);
      channel.pipe(api).pipe(channel);
      api.on('error', () => channel.close());
      channel.on('close', () => api.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get tunnels() {
      return state.tunnels;
    },
    close: () =>
      new Promise((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
      }),
  };
}
