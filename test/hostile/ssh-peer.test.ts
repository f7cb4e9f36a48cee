// A hostile or broken SSH server, before the host key is ever checked: an endless banner (ssh2
// emits a second 'error' after the first), garbage where the key exchange belongs, a packet length
// of 4 GiB, a hang-up mid-handshake, silence. Each is a typed error for that connection; the
// process, its event loop and a healthy session to another router carry on.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { DemoRouter } from '../../electron/demo-router/index';
import { type ApiClient, connectApi } from '../../electron/routeros/api-client';
import { RouterError } from '../../electron/routeros/router-client';
import { openTcp } from '../../electron/routeros/socket-transports';
import { SshConnection } from '../../electron/routeros/ssh-transport';
import { demoRouter } from '../sessions/harness';
import { longestStallMs, maxStallMs } from '../support/event-loop';

type Misbehaviour = 'endless-banner' | 'garbage' | 'huge-packet' | 'truncated' | 'silent';

const ident = 'SSH-2.0-ROSSSH\r\n';
const bannerLine = Buffer.from(`${'x'.repeat(200)}\r\n`);

function misbehave(socket: Socket, how: Misbehaviour): void {
  switch (how) {
    case 'endless-banner': {
      // Lines before the identification string, for ever, one batch per turn of the loop.
      const batch = Buffer.concat(Array.from({ length: 50 }, () => bannerLine));
      const more = () => {
        if (socket.destroyed) return;
        if (socket.write(batch)) setImmediate(more);
        else socket.once('drain', more);
      };
      more();
      return;
    }
    case 'garbage':
      socket.write(
        Buffer.concat([Buffer.from(ident), Buffer.from([0x00, 0x00, 0x00, 0x0c, 0xff, 0xfe, 0xfd])]),
      );
      socket.write(Buffer.alloc(4096, 0xaa));
      return;
    case 'huge-packet':
      socket.write(Buffer.concat([Buffer.from(ident), Buffer.from([0xff, 0xff, 0xff, 0xf0, 0x04])]));
      return;
    case 'truncated':
      socket.end(Buffer.concat([Buffer.from(ident), Buffer.from([0x00, 0x00, 0x01])]));
      return;
    case 'silent':
      return;
  }
}

let healthy: DemoRouter;
let bystander: ApiClient;
let server: Server | undefined;
const sockets = new Set<Socket>();

beforeAll(async () => {
  healthy = await demoRouter({ sshPort: null });
  bystander = await connectApi(await openTcp(healthy.api, 'api', 3000), {
    user: 'admin',
    password: '',
    callTimeoutMs: 2000,
    loginTimeoutMs: 2000,
  });
});

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

afterAll(async () => {
  await bystander.close();
  await healthy.stop();
});

async function hostileSsh(how: Misbehaviour): Promise<number> {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    misbehave(socket, how);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

const expectedCodes: Record<Misbehaviour, string> = {
  'endless-banner': 'timeout',
  garbage: 'unreachable',
  'huge-packet': 'unreachable',
  truncated: 'unreachable',
  silent: 'timeout',
};

it.each(Object.keys(expectedCodes) as Misbehaviour[])(
  '%s: a typed error before the host key is checked, and main carries on',
  async (how) => {
    const port = await hostileSsh(how);
    let verified = false;
    let outcome: unknown;
    const stall = await longestStallMs(async () => {
      const [result] = await Promise.all([
        SshConnection.open(
          { host: '127.0.0.1', port },
          {
            user: 'admin',
            password: 'secret',
            timeoutMs: 1500,
            verify: async () => {
              verified = true;
            },
          },
        ).catch((error: unknown) => error),
        bystander.ping(),
      ]);
      outcome = result;
      // Later errors from the same dead client would surface here, uncaught, if nobody listened.
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    expect(outcome).toBeInstanceOf(RouterError);
    expect((outcome as RouterError).code).toBe(expectedCodes[how]);
    expect(verified).toBe(false);
    expect(stall, 'longest event-loop stall (ms)').toBeLessThan(maxStallMs);
    await bystander.ping();
  },
);
