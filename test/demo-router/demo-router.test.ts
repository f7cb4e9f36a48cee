// The demo router as one piece: startDemoRouter() and the command line, with the real router model
// behind the API and API-SSL doors.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { RouterOSClient } from 'routeros-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoRouter, type DemoRouterOptions, startDemoRouter } from '../../electron/demo-router';
import { RouterOSAPI } from '../../electron/routeros/node-routeros';
import { waitUntil } from './waiting';
import { WireClient } from './wire-client';

const freshDir = () => mkdtempSync(join(tmpdir(), 'demo-router-test-'));

async function withDemo(options: DemoRouterOptions, use: (demo: DemoRouter) => Promise<void>): Promise<void> {
  const internalErrors: unknown[] = [];
  const demo = await startDemoRouter({
    sshPort: null,
    dataDir: freshDir(),
    ...options,
    onInternalError: (error) => internalErrors.push(error),
  });
  try {
    await use(demo);
  } finally {
    await demo.stop();
  }
  expect(internalErrors).toEqual([]);
}

function fingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('startDemoRouter', () => {
  it('serves the router over API and API-SSL, with the login it was given', async () => {
    await withDemo({ user: 'tech', password: 's3cret', identity: 'Lab' }, async (demo) => {
      expect(demo.api).toMatchObject({ host: '127.0.0.1', port: expect.any(Number) });
      expect(demo.apiSsl.port).not.toBe(demo.api.port);
      expect(demo.ssh).toBeNull();
      for (const tls of [false, true]) {
        const { port } = tls ? demo.apiSsl : demo.api;
        const options = {
          host: '127.0.0.1',
          port,
          user: 'tech',
          tls: tls ? { rejectUnauthorized: false } : undefined,
        };
        await expect(new RouterOSAPI({ ...options, password: '' }).connect()).rejects.toMatchObject({
          errno: 'CANTLOGIN',
        });
        const api = await new RouterOSAPI({ ...options, password: 's3cret' }).connect();
        expect(await api.write('/system/identity/print')).toEqual([{ name: 'Lab' }]);
        await api.close();
      }
    });
  });

  it('keeps the API-SSL certificate in the data dir: same fingerprint after a restart, another elsewhere', async () => {
    const dataDir = freshDir();
    let first = '';
    await withDemo({ dataDir }, async (demo) => {
      first = await fingerprint(demo.apiSsl.port);
    });
    await withDemo({ dataDir }, async (demo) => {
      expect(await fingerprint(demo.apiSsl.port)).toBe(first);
    });
    await withDemo({}, async (demo) => {
      expect(await fingerprint(demo.apiSsl.port)).not.toBe(first);
    });
  });

  it('listens on IPv6 loopback when asked', async () => {
    await withDemo({ host: '::1' }, async (demo) => {
      const client = await WireClient.connect(demo.api);
      await client.login();
      client.close();
    });
  });

  it('refuses any address but loopback', async () => {
    for (const host of ['0.0.0.0', '192.168.88.1', '::', 'localhost']) {
      await expect(startDemoRouter({ host, sshPort: null, dataDir: freshDir() })).rejects.toThrow(
        /loopback only/,
      );
    }
  });

  it('hands the test a fault control for its connections', async () => {
    await withDemo({}, async (demo) => {
      demo.faults.next({ dropAfterSentences: 1 });
      const client = await WireClient.connect(demo.api);
      await client.login();
      await client.closed;
    });
  });

  it('closes every door on stop()', async () => {
    const demo = await startDemoRouter({ sshPort: 0, dataDir: freshDir() });
    const ports = [demo.api.port, demo.apiSsl.port, demo.ssh!.port];
    await demo.stop();
    for (const port of ports) expect(await refused(port)).toBe(true);
  });
});

describe.each([
  { name: 'API', tls: false },
  { name: 'API-SSL', tls: true },
])('the router model over $name', ({ tls }) => {
  const GENERATED = 20_000;
  let demo: DemoRouter;
  const internalErrors: unknown[] = [];
  beforeAll(async () => {
    demo = await startDemoRouter({
      routes: GENERATED,
      sshPort: null,
      dataDir: freshDir(),
      onInternalError: (error) => internalErrors.push(error),
    });
  });
  afterAll(async () => {
    await demo.stop();
    expect(internalErrors).toEqual([]);
  });

  const endpoint = () => (tls ? demo.apiSsl : demo.api);
  const tlsOption = tls ? { rejectUnauthorized: false } : undefined;
  /** The routes the router itself holds that `keep` picks: what a filtered print must return. */
  const routesWhere = (keep: (row: Record<string, string>) => boolean) =>
    [...demo.router.routes.rows()].filter(keep);
  const isDefault = (row: Record<string, string>) => row['dst-address'] === '0.0.0.0/0';
  const connect = () =>
    new RouterOSAPI({ ...endpoint(), user: 'admin', password: '', tls: tlsOption }).connect();

  it('node-routeros: queries with stack operations and .proplist, !empty as [], traps, ret', async () => {
    const api = await connect();
    const firstTwo = await api.write('/ip/route/print', [
      '?dst-address=0.0.0.0/0',
      '?distance=1',
      '?distance=2',
      '?#|&',
      '=.proplist=.id,gateway',
    ]);
    const expected = routesWhere((row) => isDefault(row) && (row.distance === '1' || row.distance === '2'));
    expect(expected.length).toBeGreaterThan(0);
    expect(firstTwo).toEqual(expected.map((row) => ({ '.id': row['.id'], gateway: row.gateway })));
    expect(await api.write('/ip/route/print', ['?comment=no route has this comment'])).toEqual([]);
    await expect(api.write('/ip/route/remove', ['=.id=*FFFFFF'])).rejects.toThrow('no such item');
    await expect(api.write('/ip/nothing/print')).rejects.toThrow('no such command or directory (nothing)');
    const [{ ret }] = (await api.write('/ip/route/add', [
      '=dst-address=198.51.100.0/24',
      '=gateway=10.0.1.1',
    ])) as [{ ret: string }];
    expect(routesWhere((row) => row['.id'] === ret)).toHaveLength(1);
    await api.write('/ip/route/remove', [`=.id=${ret}`]);
    await api.close();
  });

  it('routeros-api: where / whereNot / select against the same table', async () => {
    const client = new RouterOSClient({ ...endpoint(), user: 'admin', password: '', tls: tlsOption });
    const menu = await client.connect();
    const defaults = await menu
      .menu('/ip/route')
      .select(['id', 'distance'])
      .where('dst-address', '0.0.0.0/0')
      .whereNot('distance', '1')
      .get();
    expect(defaults.map((row: { id: string }) => row.id)).toEqual(
      routesWhere((row) => isDefault(row) && row.distance !== '1').map((row) => row['.id']),
    );
    expect(await menu.menu('/ip/route').where('gateway', '203.0.113.9').get()).toEqual([]);
    await client.close();
  });

  it('streams a ping to its count, and cancels a listen', async () => {
    const api = await connect();
    const pings = await api.write('/ping', ['=address=1.1.1.1', '=count=3', '=interval=0.02']);
    expect(pings.map((row) => row.seq)).toEqual(['0', '1', '2']);
    const changes: Array<Record<string, string>> = [];
    const listen = api.stream(['/ip/route/listen'], (error: Error | null, row: Record<string, string>) => {
      if (!error && row) changes.push(row);
    });
    const [{ ret }] = (await api.write('/ip/route/add', [
      '=dst-address=198.51.100.0/25',
      '=gateway=10.0.1.1',
    ])) as [{ ret: string }];
    expect(await waitUntil(() => changes.some((row) => row['.id'] === ret))).toBe(true);
    await listen.stop();
    await api.write('/ip/route/remove', [`=.id=${ret}`]);
    await api.close();
  });

  it('prints every route of a large table, generated ones included', async () => {
    let rows = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const client = await WireClient.connect(endpoint(), {
      tls,
      onSentence: (words) => {
        if (words[0] === '!re') rows += 1;
        if (words[0] === '!done' && words.includes('.tag=p')) done();
      },
    });
    client.send('/login', '=name=admin', '=password=');
    client.send('/ip/route/print', '=.proplist=.id', '.tag=p');
    await finished;
    expect(rows).toBe(routesWhere(() => true).length);
    expect(rows).toBeGreaterThan(GENERATED);
    client.close();
  });
});

describe('npm run demo-router', () => {
  function runCli(args: string[]): ChildProcessWithoutNullStreams {
    return spawn(process.execPath, ['--import', 'tsx', 'electron/demo-router/cli.ts', ...args], {
      cwd: process.cwd(),
    });
  }

  function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready`)));
    });
  }

  it('prints one ready line with the ports it took, serves, and stops cleanly on SIGTERM', async () => {
    const child = runCli([
      '--api-port',
      '0',
      '--api-ssl-port',
      '0',
      '--ssh-port',
      'off',
      '--data-dir',
      freshDir(),
    ]);
    const line = await firstLine(child);
    const match = /^demo router ready api=127\.0\.0\.1:(\d+) api-ssl=127\.0\.0\.1:(\d+) ssh=off$/.exec(line);
    expect(match).not.toBeNull();
    const api = await new RouterOSAPI({
      host: '127.0.0.1',
      port: Number(match![1]),
      user: 'admin',
      password: '',
    }).connect();
    expect(await api.write('/ip/route/print', ['?dst-address=203.0.113.77/32'])).toEqual([]);
    await api.close();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await refused(Number(match![1]))).toBe(true);
  });

  it('refuses a bad option with the usage', async () => {
    const child = runCli(['--routes', 'many']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
    expect(err).toContain('--routes must be a whole number');
    expect(err).toContain('usage: npm run demo-router');
  });
});
