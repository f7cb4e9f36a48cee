// The RouterClient over the SSH console, against the demo router: streams made of one-shot
// commands and of re-printing, and refusals read as traps.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DemoRouter } from '../../electron/demo-router/index';
import { type CliClient, connectCli } from '../../electron/routeros/cli-client';
import { listenPollDelay } from '../../electron/routeros/cli-table-poll';
import type { Row } from '../../electron/routeros/router-client';
import { SshConnection } from '../../electron/routeros/ssh-transport';
import { demoRouter } from '../sessions/harness';

let router: DemoRouter;
let ssh: SshConnection;
let client: CliClient;

beforeAll(async () => {
  router = await demoRouter();
  ssh = await SshConnection.open(router.ssh as { host: string; port: number }, {
    user: 'admin',
    password: '',
    timeoutMs: 3000,
    verify: async () => undefined,
  });
  client = await connectCli(ssh, { callTimeoutMs: 2000, listenPollMs: 200 });
});

afterAll(async () => {
  await client.close();
  await router.stop();
});

describe('the console client', () => {
  it('pings as a stream of one-shot pings, ending after count', async () => {
    const rows: Row[] = [];
    const ended = new Promise<unknown>((resolve) => {
      client.stream(
        '/ping',
        { address: '10.0.1.1', count: 3, interval: '100ms' },
        { row: (row) => rows.push(row), end: resolve },
      );
    });
    expect(await ended).toBeUndefined();
    expect(rows).toHaveLength(3);
    for (const row of rows)
      expect(row).toMatchObject({ host: '10.0.1.1', time: expect.stringMatching(/s$/) });
  });

  it('follows a table by printing it again, passing on what changed and what went', async () => {
    const rows: Row[] = [];
    const listen = client.stream('/ip/route/listen', {}, { row: (row) => rows.push(row) });
    // The first look is the baseline; changes after it are reported.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { ret } = await client.run('/ip/route/add', {
      'dst-address': '198.51.100.0/24',
      gateway: '10.0.1.1',
    });
    await expect.poll(() => rows.map((row) => row['.id']), { timeout: 5000, interval: 100 }).toContain(ret);
    await client.run('/ip/route/remove', { '.id': ret as string });
    await expect
      .poll(() => rows.some((row) => row['.id'] === ret && row['.dead'] === 'true'), {
        timeout: 5000,
        interval: 100,
      })
      .toBe(true);
    await listen.stop();
  });

  it('reads the console’s refusals as traps, and an unknown item as no rows', async () => {
    await expect(client.run('/ip/route/set', { '.id': '*FFFF', distance: 3 })).rejects.toMatchObject({
      code: 'trap',
      message: 'no such item',
    });
    expect(await client.print('/ip/route', { query: ['.id=*FFFF'] })).toEqual([]);
    const [route] = await client.print('/ip/route', {
      query: ['dst-address=0.0.0.0/0'],
      proplist: ['.id', 'distance'],
    });
    expect(Object.keys(route ?? {}).sort()).toEqual(['.id', 'distance']);
    const [byId] = await client.print('/ip/route', { query: [`.id=${route?.['.id']}`] });
    expect(byId).toMatchObject({ '.id': route?.['.id'], 'dst-address': '0.0.0.0/0' });
  });
});

describe('a listen over the console', () => {
  it('prints again after its poll time, or after twice its last print when that took longer', () => {
    expect(listenPollDelay(2000, 150)).toBe(2000);
    // A 10,000-route table over a relay: the console rests twice as long as it printed.
    expect(listenPollDelay(2000, 4500)).toBe(9000);
  });

  it('prints a table once for every listen of it on the session, each getting the changes after it joined', async () => {
    const prints = vi.spyOn(client, 'print');
    const printsOfRoutes = () => prints.mock.calls.filter(([menu]) => menu === '/ip/route').length;
    const first: Row[] = [];
    const second: Row[] = [];
    const one = client.stream('/ip/route/listen', {}, { row: (row) => first.push(row) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const two = client.stream('/ip/route/listen', {}, { row: (row) => second.push(row) });
    const { ret } = await client.run('/ip/route/add', {
      'dst-address': '198.51.100.0/24',
      gateway: '10.0.1.1',
    });
    for (const rows of [first, second])
      await expect.poll(() => rows.map((row) => row['.id']), { timeout: 5000, interval: 50 }).toContain(ret);
    // One print every 200 ms poll time at most, not one per listen (two listens would make ten).
    const polls = printsOfRoutes();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(printsOfRoutes() - polls).toBeLessThanOrEqual(6);

    // The other listen goes on when one stops; none print once both stopped.
    await one.stop();
    await client.run('/ip/route/remove', { '.id': ret as string });
    await expect
      .poll(() => second.some((row) => row['.id'] === ret && row['.dead'] === 'true'), {
        timeout: 5000,
        interval: 50,
      })
      .toBe(true);
    expect(first.some((row) => row['.dead'] === 'true')).toBe(false);
    await two.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = printsOfRoutes();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(printsOfRoutes()).toBe(after);
    prints.mockRestore();
  });

  it('takes a print of the whole table asked for with the listen as its first look, and follows on from it', async () => {
    const prints = vi.spyOn(client, 'print');
    const printsOfRoutes = () => prints.mock.calls.filter(([menu]) => menu === '/ip/route').length;
    const changes: Row[] = [];
    const loaded: Row[] = [];
    // As the routes service does: a listen of every property, then its first load of the ones it reads.
    const listen = client.stream('/ip/route/listen', {}, { row: (row) => changes.push(row) });
    // A print of some routes, asked for first, is no look at the table.
    const some = client.printEach('/ip/route', { query: ['dst-address=0.0.0.0/0'] }, () => undefined);
    await client.printEach('/ip/route', { proplist: ['.id', 'dst-address'] }, (row) => loaded.push(row));
    await some;
    expect(loaded.length).toBeGreaterThan(0);
    expect(printsOfRoutes(), 'no print of its own for the first look').toBe(0);
    const { ret } = await client.run('/ip/route/add', {
      'dst-address': '198.51.100.0/24',
      gateway: '10.0.1.1',
    });
    // Only the change: the first look was the table as the load saw it, in its properties.
    await expect
      .poll(() => changes, { timeout: 5000, interval: 50 })
      .toEqual([{ '.id': ret, 'dst-address': '198.51.100.0/24' }]);
    await client.run('/ip/route/remove', { '.id': ret as string });
    await listen.stop();
    prints.mockRestore();
  });
});
