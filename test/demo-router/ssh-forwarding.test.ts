// `/ip ssh forwarding-enabled` on the demo router: off by default as on RouterOS, set through the
// API or the console, and when local forwarding is allowed a `direct-tcpip` channel to the
// router's own API port reaches its API (what Uplink's tunnel rides on); nothing else is forwarded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientChannel } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoRouter, startDemoRouter } from '../../electron/demo-router';
import { connectRouter } from '../../electron/routeros/connect-router';
import { routerCommand, routerRows } from '../routes/demo-router-api';

let demo: DemoRouter;
let ssh: Client;

beforeAll(async () => {
  demo = await startDemoRouter({
    scenario: 'two-wan',
    dataDir: mkdtempSync(join(tmpdir(), 'uplink-forwarding-')),
    onInternalError: (error) => {
      throw error;
    },
  });
  ssh = await login();
});

afterAll(async () => {
  ssh?.end();
  await demo?.stop();
});

function login(): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => resolve(client))
      .on('error', reject)
      .connect({ ...demo.ssh!, username: 'admin', password: '', hostVerifier: () => true });
  });
}

const console = (command: string) =>
  new Promise<string>((resolve, reject) =>
    ssh.exec(command, (error, channel) => {
      if (error) return reject(error);
      let output = '';
      channel.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      channel.on('close', () => resolve(output.replace(/\r\n/g, '\n')));
    }),
  );

/** ssh2's server answers every refused channel open with one reason (connect failed). */
const refused = /Channel open failure/;

const forward = (host: string, port: number) =>
  new Promise<ClientChannel>((resolve, reject) =>
    ssh.forwardOut('127.0.0.1', 0, host, port, (error, channel) =>
      error ? reject(error) : resolve(channel),
    ),
  );

/** Sends an API `/login` down a forwarded channel and reads the first reply word back. */
async function apiGreeting(channel: ClientChannel): Promise<string> {
  const word = (text: string) => Buffer.concat([Buffer.from([text.length]), Buffer.from(text)]);
  channel.write(Buffer.concat([word('/login'), word('=name=admin'), word('=password='), Buffer.from([0])]));
  const reply = await new Promise<Buffer>((resolve) => channel.once('data', resolve));
  channel.close();
  return reply.subarray(1, 1 + (reply[0] as number)).toString();
}

const connectSsh = () =>
  connectRouter(
    { ...demo.ssh!, transport: 'ssh', user: 'admin', password: '' },
    { connectTimeoutMs: 5000, callTimeoutMs: 5000 },
    async () => undefined,
  );

describe('/ip ssh forwarding-enabled', () => {
  it('is off by default, so a direct-tcpip channel is refused and a session gets the console', async () => {
    expect(await console('/ip ssh print')).toBe(
      [
        '           forwarding-enabled: no',
        '  always-allow-password-login: no',
        '                strong-crypto: no',
        '            allow-none-crypto: no',
        '                host-key-type: ed25519',
        '',
      ].join('\n'),
    );
    await expect(forward('127.0.0.1', 8728)).rejects.toThrow(refused);
    const { client, channel } = await connectSsh();
    expect(channel).toBe('ssh-cli');
    await client.close();
  });

  it('forwards to the router’s own API port once local forwarding is allowed from the console', async () => {
    expect(await console('/ip ssh set forwarding-enabled=local')).toBe('');
    expect(await console(':put [/ip ssh get forwarding-enabled]')).toBe('local\n');
    expect(await apiGreeting(await forward('127.0.0.1', 8728))).toBe('!done');
    // Its own address on the LAN is the router too.
    expect(await apiGreeting(await forward('192.168.88.1', 8728))).toBe('!done');
    // The demo router never dials out, and a port with no service behind it is refused.
    await expect(forward('203.0.113.7', 8728)).rejects.toThrow(refused);
    await expect(forward('127.0.0.1', 8080)).rejects.toThrow(refused);

    const { client, channel } = await connectSsh();
    expect(channel).toBe('ssh-api');
    expect(await client.print('/ip/ssh')).toEqual([
      expect.objectContaining({ 'forwarding-enabled': 'local', 'strong-crypto': 'false' }),
    ]);
    await client.close();
  });

  it('is set through the API too, with RouterOS’s refusal of a value it does not know', async () => {
    await routerCommand(demo.api, '/ip/ssh/set', '=forwarding-enabled=remote');
    expect((await routerRows(demo.api, '/ip/ssh'))[0]?.['forwarding-enabled']).toBe('remote');
    // Remote forwarding lets clients listen on the router; it opens nothing from it.
    await expect(forward('127.0.0.1', 8728)).rejects.toThrow(refused);
    await routerCommand(demo.api, '/ip/ssh/set', '=forwarding-enabled=both');
    expect(await apiGreeting(await forward('127.0.0.1', 8728))).toBe('!done');
    await expect(routerCommand(demo.api, '/ip/ssh/set', '=forwarding-enabled=yes')).rejects.toThrow(
      'input does not match any value of forwarding-enabled',
    );
    expect((await routerRows(demo.api, '/ip/ssh'))[0]?.['forwarding-enabled']).toBe('both');
  });
});
