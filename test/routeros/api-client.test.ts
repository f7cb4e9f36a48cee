// The RouterClient over node-routeros, against the demo router over real sockets: the `!empty`
// fix, traps with RouterOS's words and category, per-call timeouts, streams that really stop, and
// a connection that fails without an unhandled error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoRouter } from '../../electron/demo-router/index';
import { type ApiClient, connectApi } from '../../electron/routeros/api-client';
import type { Row } from '../../electron/routeros/router-client';
import { openTcp, openTls } from '../../electron/routeros/socket-transports';
import { demoRouter } from '../sessions/harness';

let router: DemoRouter;
const login = { user: 'admin', password: 'secret', callTimeoutMs: 2000, loginTimeoutMs: 3000 };

async function connect(tls = false): Promise<ApiClient> {
  const stream = tls
    ? await openTls(router.apiSsl, 3000, async () => undefined)
    : await openTcp(router.api, 'api', 3000);
  return connectApi(stream, login);
}

beforeAll(async () => {
  router = await demoRouter({ password: 'secret', sshPort: null });
});

afterAll(async () => {
  await router.stop();
});

describe('the API client', () => {
  it('answers a print that matches nothing (`!empty`) with [], and the connection carries on', async () => {
    const client = await connect();
    try {
      expect(await client.print('/ip/route', { query: ['dst-address=203.0.113.77/32'] })).toEqual([]);
      const rows: Row[] = [];
      await client.printEach('/ip/route', { query: ['comment=no such comment anywhere'] }, (row) =>
        rows.push(row),
      );
      expect(rows).toEqual([]);
      expect((await client.print('/system/identity')).length).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('prints with a query and a property list, over API-SSL too', async () => {
    const client = await connect(true);
    try {
      const all = await client.print('/ip/route');
      expect(all.length).toBeGreaterThan(2);
      const defaults = await client.print('/ip/route', {
        query: ['dst-address=0.0.0.0/0'],
        proplist: ['.id', 'distance'],
      });
      expect(defaults.length).toBeGreaterThan(0);
      expect(defaults.length).toBeLessThan(all.length);
      for (const row of defaults) expect(Object.keys(row).sort()).toEqual(['.id', 'distance']);
    } finally {
      await client.close();
    }
  });

  it('returns what add made, and keeps RouterOS’s words and category on a trap', async () => {
    const client = await connect();
    try {
      const { ret } = await client.run('/ip/route/add', {
        'dst-address': '198.51.100.0/24',
        gateway: '10.99.0.1',
        comment: 'api-client test',
      });
      expect(ret).toMatch(/^\*[0-9A-F]+$/);
      const [added] = await client.print('/ip/route', { query: [`.id=${ret}`] });
      expect(added).toMatchObject({ 'dst-address': '198.51.100.0/24', comment: 'api-client test' });
      await client.run('/ip/route/remove', { '.id': ret as string });
      const trap = await client.run('/ip/route/remove', { '.id': ret as string }).catch((error) => error);
      expect(trap).toMatchObject({ code: 'trap', message: 'no such item', category: 0 });
      const unknown = await client.run('/ip/nothing-here/print').catch((error) => error);
      expect(unknown).toMatchObject({ code: 'trap', category: 0 });
      expect(unknown.message).toMatch(/no such command/);
    } finally {
      await client.close();
    }
  });

  it('stops a stream router-side: the router ends it at once, and no row comes after', async () => {
    const client = await connect();
    try {
      const rows: Row[] = [];
      let ended = false;
      const stream = client.stream(
        '/ping',
        { address: '1.1.1.1', interval: '0.05' },
        {
          row: (row) => rows.push(row),
          end: () => {
            ended = true;
          },
        },
      );
      await expect.poll(() => rows.length, { timeout: 3000 }).toBeGreaterThan(1);
      const started = Date.now();
      await stream.stop();
      // Without the router's `!trap interrupted` + `!done`, stop would wait out the call timeout.
      expect(Date.now() - started).toBeLessThan(login.callTimeoutMs);
      const seen = rows.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(rows.length).toBe(seen);
      expect(ended).toBe(false);
      expect((await client.print('/system/identity')).length).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('times a call out when the router stalls, and the connection is still usable after', async () => {
    const client = await connect();
    try {
      router.faults.all({ stall: true });
      const stalled = await client.print('/system/resource').catch((error) => error);
      expect(stalled).toMatchObject({ code: 'timeout' });
      router.faults.clear();
      expect((await client.print('/system/identity')).length).toBe(1);
    } finally {
      router.faults.clear();
      await client.close();
    }
  });

  it('reports bytes that are not RouterOS framing once, as unreadable, fails calls in flight, and throws nothing unhandled', async () => {
    const client = await connect();
    const lost: string[] = [];
    client.onLost((error) => lost.push(error.code));
    router.faults.all({ garbage: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]) });
    const failed = await client.print('/ip/route').catch((error) => error);
    expect(failed.code).toBe('unreadable');
    await expect.poll(() => lost.length).toBe(1);
    await expect(client.print('/system/identity')).rejects.toMatchObject({ code: failed.code });
    router.faults.clear();
  });

  it('refuses a wrong password as a login failure', async () => {
    const refused = await connectApi(await openTcp(router.api, 'api', 3000), {
      ...login,
      password: 'nope',
    }).catch((error) => error);
    expect(refused.code).toBe('auth');
  });
});
