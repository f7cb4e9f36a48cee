import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoRouter, startDemoRouter } from '../../electron/demo-router';
import type { CallContext } from '../../electron/ipc/dispatcher';
import type { RouterClient } from '../../electron/routeros/router-client';
import { openRawApi } from '../../electron/routes/bulk-print';
import { createRoutesService } from '../../electron/routes/routes-service';
import type { RouteTableStatus } from '../../shared/ipc/channels/routes';
import { type UplinkError, UplinkError as UplinkErrorClass } from '../../shared/ipc/errors';
import type { Route } from '../../shared/routes/route';
import { newRouteForm, routeToForm } from '../../shared/routes/route-attrs';
import { type RouteForm, routeFormSchema } from '../../shared/routes/route-form';
import { routeQuerySchema } from '../../shared/routes/route-query';
import { type ChannelLab, channelCases, startChannel } from '../support/channels';
import { startLatencyProxy } from '../support/latency-proxy';
import { routerCommand, routerRows } from './demo-router-api';
import { connectClient, routesOptionsFor, sessionsFor } from './session-adapter';

// The routes service against a real demo router over real sockets: the fast bulk print, live
// changes through /ip/route/listen, and every change checked by asking the router itself; loading,
// following and editing on every channel.

const generated = 5000;
const context: CallContext = { clientId: 'test' };
let demo: DemoRouter;
let client: RouterClient;

beforeAll(async () => {
  demo = await startDemoRouter({ scenario: 'two-wan', routes: generated, sshPort: null });
  client = await connectClient(demo.api);
});

afterAll(async () => {
  await client?.close();
  await demo?.stop();
});

function service(options: { fast?: boolean; readOnly?: boolean; over?: RouterClient } = {}) {
  const statuses: RouteTableStatus[] = [];
  const parts = createRoutesService({
    ...routesOptionsFor(sessionsFor({ lab: options.over ?? client }, options.readOnly ? ['lab'] : [])),
    events: { emit: (_event, payload) => statuses.push(payload as RouteTableStatus) },
    ...(options.fast !== false && {
      openApiStream: () => openRawApi({ ...demo.api, user: 'admin', password: '' }),
    }),
    keepUnwatchedMs: 0,
  });
  const h = parts.handlers;
  const until = async (check: (status: RouteTableStatus) => boolean, timeoutMs = 5000) => {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const last = statuses[statuses.length - 1];
      if (last && check(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no such status within ${timeoutMs} ms: ${JSON.stringify(statuses.at(-1))}`);
  };
  return { parts, h, statuses, until };
}

let current: ReturnType<typeof service> | undefined;
afterEach(async () => {
  await current?.parts.dispose?.();
  current = undefined;
});

const routeFormSchemaParse = (form: RouteForm) => routeFormSchema.parse(form);
const sampleForm = () => routeFormSchemaParse({ ...newRouteForm, gateway: '10.0.1.1' });
const routeFormFrom = (route: Route) => routeFormSchema.parse(routeToForm(route));
const query = (q: Parameters<typeof routeQuerySchema.parse>[0] = {}) => routeQuerySchema.parse(q);
const failure = (promise: unknown) =>
  Promise.resolve(promise).then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: UplinkError) => {
      expect(error).toBeInstanceOf(UplinkErrorClass);
      return error;
    },
  );

describe.each([
  { name: 'the raw fast path', fast: true },
  { name: 'the session stream', fast: false },
])('loading through $name', ({ fast }) => {
  it('loads every route the router has, in its order, and serves sorted windows', async () => {
    current = service({ fast });
    const { h, until } = current;
    await h['routes.watch']({ siteId: 'lab', family: 'ip' }, context);
    const ready = await until((status) => status.phase === 'ready', 20_000);
    const all = await routerRows(demo.api, '/ip/route', '=.proplist=.id,dst-address,distance');
    expect(ready.loaded).toBe(all.length);
    expect(all.length).toBeGreaterThan(generated);

    const first = await h['routes.window'](
      { siteId: 'lab', family: 'ip', query: query(), start: 0, count: 5 },
      context,
    );
    expect(first.total).toBe(all.length);
    expect(first.rows.map((route) => route.id)).toEqual(all.slice(0, 5).map((row) => row['.id']));

    const byDistance = await h['routes.window'](
      {
        siteId: 'lab',
        family: 'ip',
        query: query({ sort: 'distance', descending: true }),
        start: 0,
        count: 50,
      },
      context,
    );
    const distances = byDistance.rows.map((route) => route.distance);
    expect(distances).toEqual([...distances].sort((a, b) => b - a));
    expect(distances[0]).toBe(Math.max(...all.map((row) => Number(row.distance))));
  });
});

describe.each(channelCases(['ssh-cli']))('the routes service over $label', ({ channel, latency }) => {
  let lab: ChannelLab;
  let over: RouterClient;
  beforeAll(async () => {
    lab = await startChannel(channel, { latency, router: { routes: 500 } });
    over = await lab.connect();
  });
  afterAll(() => lab?.stop());

  it('loads every route, follows another client’s change, and lands an edit', async () => {
    current = service({ fast: false, over });
    const { h, until } = current;
    await h['routes.watch']({ siteId: 'lab', family: 'ip' }, context);
    const ready = await until((status) => status.phase === 'ready', 20_000);
    const all = await routerRows(lab.demo.api, '/ip/route', '=.proplist=.id');
    expect(ready.loaded).toBe(all.length);

    await routerCommand(lab.demo.api, '/ip/route/add', '=dst-address=198.51.100.0/24', '=gateway=10.0.1.1');
    // The CLI follows the table by printing it again every two seconds.
    await until((status) => status.loaded === ready.loaded + 1, 5000);

    const [wan] = await routerRows(lab.demo.api, '/ip/route', '?comment=ISP2');
    const route = await h['routes.get']({ siteId: 'lab', family: 'ip', id: wan!['.id']! }, context);
    const before = routeFormFrom(route);
    await h['routes.update'](
      { siteId: 'lab', family: 'ip', id: route.id, before, route: { ...before, distance: 42 } },
      context,
    );
    const [after] = await routerRows(lab.demo.api, '/ip/route', `?.id=${route.id}`);
    expect(after).toMatchObject({ distance: '42', gateway: wan!.gateway, comment: 'ISP2' });
  });
});

describe('the snapshot’s routes', () => {
  it('come from the table the Routes tab loads: one print for both, every route in the router’s order', async () => {
    current = service();
    const { h, parts, statuses } = current;
    const snapshot = parts.snapshotRoutes('lab', 1_000_000, 'ip');
    await h['routes.watch']({ siteId: 'lab', family: 'ip' }, context);
    const { routes, total } = await snapshot;
    const all = await routerRows(demo.api, '/ip/route', '=.proplist=.id,dst-address,distance');
    expect(total).toBe(all.length);
    expect(routes.map((route) => [route.id, route.dstAddress, `${route.distance}`])).toEqual(
      all.map((row) => [row['.id'], row['dst-address'], row.distance]),
    );
    // A print's start is the one empty loading status without a count yet: the count's answer,
    // which may come before the first row on a busy machine, says loading and 0 again.
    const starts = () =>
      statuses.filter(
        (status) => status.phase === 'loading' && status.loaded === 0 && status.expected === undefined,
      );
    expect(starts()).toHaveLength(1);
    // The tab still watches: the table stays, and a second snapshot reads it without a print.
    expect((await parts.snapshotRoutes('lab', 1_000_000, 'ip')).routes).toHaveLength(all.length);
    expect(starts()).toHaveLength(1);
  });

  it('are built once the windows have stopped asking for rows, so filtering a table just loaded goes first', async () => {
    current = service();
    const { h, parts } = current;
    await h['routes.watch']({ siteId: 'lab', family: 'ip' }, context);
    await parts.snapshotRoutes('lab', 10, 'ip');
    // A technician filtering: a window asked for every 100 ms for a second and a half.
    let typing = true;
    const typed = (async () => {
      for (let key = 0; key < 15; key++) {
        await h['routes.window'](
          { siteId: 'lab', family: 'ip', query: query({ filter: String(key) }), start: 0, count: 60 },
          context,
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      typing = false;
    })();
    let builtWhileTyping: boolean | undefined;
    const snapshot = parts.snapshotRoutes('lab', 10, 'ip').then((kept) => {
      builtWhileTyping = typing;
      return kept;
    });
    await typed;
    expect((await snapshot).routes).toHaveLength(10);
    expect(builtWhileTyping).toBe(false);
  });

  it('hold at most the limit: every default route and every commented one, then the rest, in the router’s order', async () => {
    // One commented route after the generated ones: the first 100 in the router's order miss it.
    const { ret: late } = await routerCommand(
      demo.api,
      '/ip/route/add',
      '=dst-address=198.51.100.0/24',
      '=gateway=10.0.1.1',
      '=comment=late',
    );
    current = service();
    const { routes, total } = await current.parts.snapshotRoutes('lab', 100, 'ip');
    const all = await routerRows(demo.api, '/ip/route', '=.proplist=.id,dst-address,comment');
    await routerCommand(demo.api, '/ip/route/remove', `=.id=${late}`);
    expect(all.at(-1)?.comment).toBe('late');
    expect(total).toBe(all.length);
    expect(routes).toHaveLength(100);
    const wanted = all.filter((row) => row['dst-address'] === '0.0.0.0/0' || (row.comment ?? '') !== '');
    expect(wanted.length).toBeGreaterThan(0);
    const kept = new Set(routes.map((route) => route.id));
    expect(wanted.filter((row) => !kept.has(row['.id'] ?? ''))).toEqual([]);
    const order = all.map((row) => row['.id']);
    const positions = routes.map((route) => order.indexOf(route.id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe('a loaded table', () => {
  it('filters on any column and by the quick filters', async () => {
    current = service();
    const { h, until } = current;
    await h['routes.watch']({ siteId: 'lab', family: 'ip' }, context);
    await until((status) => status.phase === 'ready');
    const defaults = await routerRows(demo.api, '/ip/route', '?dst-address=0.0.0.0/0');
    const window = await h['routes.window'](
      { siteId: 'lab', family: 'ip', query: query({ defaultOnly: true }), start: 0, count: 100 },
      context,
    );
    expect(window.rows.map((route) => route.id).sort()).toEqual(defaults.map((row) => row['.id']).sort());
    const gateway = defaults[0]!.gateway!;
    const filtered = await h['routes.window'](
      { siteId: 'lab', family: 'ip', query: query({ filter: gateway }), start: 0, count: 500 },
      context,
    );
    expect(filtered.rows.length).toBeGreaterThan(0);
    for (const route of filtered.rows) {
      expect(JSON.stringify(route).toLowerCase()).toContain(gateway.toLowerCase());
    }
  });

  it('shows a route another client adds, and forgets one it removes, within a second', async () => {
    current = service();
    const { h, until } = current;
    await h['routes.watch']({ siteId: 'lab', family: 'ip' }, context);
    const ready = await until((status) => status.phase === 'ready');
    const { ret: id } = await routerCommand(
      demo.api,
      '/ip/route/add',
      '=dst-address=198.51.100.0/24',
      '=gateway=10.0.1.1',
      '=comment=from-elsewhere',
    );
    await until((status) => status.loaded === ready.loaded + 1, 1000);
    const found = await h['routes.window'](
      { siteId: 'lab', family: 'ip', query: query({ filter: 'from-elsewhere' }), start: 0, count: 10 },
      context,
    );
    expect(found.rows.map((route) => route.dstAddress)).toEqual(['198.51.100.0/24']);
    await routerCommand(demo.api, '/ip/route/remove', `=.id=${id}`);
    await until((status) => status.loaded === ready.loaded, 1000);
  });

  it('misses no change made the moment it is ready, though its session is slower than the print’s own connection', async () => {
    // The fast path prints on a connection of its own: were its snapshot taken before the session's
    // listen is in place on the router, a change in between would never show.
    const relay = await startLatencyProxy({ target: demo.api, oneWayDelayMs: 400 });
    const slow = await connectClient(relay);
    try {
      current = service({ over: slow });
      const { h, until } = current;
      await h['routes.watch']({ siteId: 'lab', family: 'ip' }, context);
      const ready = await until((status) => status.phase === 'ready', 20_000);
      const { ret: id } = await routerCommand(
        demo.api,
        '/ip/route/add',
        '=dst-address=198.51.100.0/24',
        '=gateway=10.0.1.1',
      );
      await until((status) => status.loaded === ready.loaded + 1, 5000);
      await routerCommand(demo.api, '/ip/route/remove', `=.id=${id}`);
      await until((status) => status.loaded === ready.loaded, 5000);
    } finally {
      await current?.parts.dispose?.();
      current = undefined;
      await slow.close();
      await relay.close();
    }
  });

  it('changes only what was edited, and the router reports the new distance', async () => {
    current = service();
    const { h } = current;
    const [wan] = await routerRows(demo.api, '/ip/route', '?dst-address=0.0.0.0/0', '?static=true');
    const route = await h['routes.get']({ siteId: 'lab', family: 'ip', id: wan!['.id']! }, context);
    const before = routeFormFrom(route);
    await h['routes.update'](
      { siteId: 'lab', family: 'ip', id: route.id, before, route: { ...before, distance: 42 } },
      context,
    );
    const [after] = await routerRows(demo.api, '/ip/route', `?.id=${route.id}`);
    expect(after?.distance).toBe('42');
    expect(after?.gateway).toBe(wan!.gateway);
    await routerCommand(demo.api, '/ip/route/set', `=.id=${route.id}`, `=distance=${wan!.distance}`);
  });

  it('adds, comments, disables, enables and removes', async () => {
    current = service();
    const { h } = current;
    const form = routeFormSchemaParse({ ...newRouteForm, dstAddress: '203.0.113.0/24', gateway: '10.0.1.1' });
    const { id } = await h['routes.add']({ siteId: 'lab', family: 'ip', route: form }, context);
    await h['routes.comment']({ siteId: 'lab', family: 'ip', ids: [id], comment: 'lab note' }, context);
    await h['routes.setDisabled']({ siteId: 'lab', family: 'ip', ids: [id], disabled: true }, context);
    let [row] = await routerRows(demo.api, '/ip/route', `?.id=${id}`);
    expect(row).toMatchObject({ comment: 'lab note', disabled: 'true' });
    await h['routes.setDisabled']({ siteId: 'lab', family: 'ip', ids: [id], disabled: false }, context);
    [row] = await routerRows(demo.api, '/ip/route', `?.id=${id}`);
    expect(row?.disabled ?? 'false').toBe('false');
    await h['routes.remove']({ siteId: 'lab', family: 'ip', ids: [id] }, context);
    expect(await routerRows(demo.api, '/ip/route', `?.id=${id}`)).toEqual([]);
  });

  it('shows the router’s own refusal beside the field it names', async () => {
    current = service();
    const { h } = current;
    const error = await failure(
      h['routes.update'](
        {
          siteId: 'lab',
          family: 'ip',
          id: '*FFFFFF',
          before: sampleForm(),
          route: sampleForm(),
        },
        context,
      ),
    );
    expect(error.code).toBe('not-found');
    const [wan] = await routerRows(demo.api, '/ip/route', '?dst-address=0.0.0.0/0', '?static=true');
    const route = await h['routes.get']({ siteId: 'lab', family: 'ip', id: wan!['.id']! }, context);
    const before = routeFormFrom(route);
    const refused = await failure(
      h['routes.update'](
        {
          siteId: 'lab',
          family: 'ip',
          id: route.id,
          before,
          route: { ...before, routingTable: 'no-such-table' },
        },
        context,
      ),
    );
    expect(refused.code).toBe('trap');
    expect(refused.field).toBe('routingTable');
  });

  it('refuses every change on a read-only session before sending it', async () => {
    current = service({ readOnly: true });
    const { h } = current;
    const error = await failure(h['routes.remove']({ siteId: 'lab', family: 'ip', ids: ['*1'] }, context));
    expect(error.code).toBe('read-only');
    expect((await h['routes.watch']({ siteId: 'lab', family: 'ip' }, context)).readOnly).toBe(true);
  });
});

describe('default routes', () => {
  it('changes a DHCP route’s distance through its DHCP client', async () => {
    current = service();
    const { h } = current;
    const [dhcp] = await routerRows(demo.api, '/ip/route', '?dhcp=true');
    expect(dhcp, 'the two-wan scenario has a DHCP default route').toBeDefined();
    const info = await h['routes.dhcpClient'](
      { siteId: 'lab', family: 'ip', routeId: dhcp!['.id']! },
      context,
    );
    await failure(
      h['routes.update'](
        {
          siteId: 'lab',
          family: 'ip',
          id: dhcp!['.id']!,
          before: sampleForm(),
          route: sampleForm(),
        },
        context,
      ),
    );
    await h['routes.setDhcpDistance'](
      { siteId: 'lab', family: 'ip', clientId: info.id, distance: 7 },
      context,
    );
    const [client] = await routerRows(demo.api, '/ip/dhcp-client', `?.id=${info.id}`);
    expect(client?.['default-route-distance']).toBe('7');
    const [route] = await routerRows(demo.api, '/ip/route', '?dhcp=true');
    expect(route?.distance).toBe('7');
    await h['routes.setDhcpDistance'](
      { siteId: 'lab', family: 'ip', clientId: info.id, distance: info.defaultRouteDistance },
      context,
    );
  });

  it('renumbers the other default routes after the kept one', async () => {
    current = service();
    const { h } = current;
    const statics = await routerRows(demo.api, '/ip/route', '?dst-address=0.0.0.0/0', '?static=true');
    expect(statics.length).toBeGreaterThanOrEqual(2);
    const [kept, other] = statics;
    await routerCommand(demo.api, '/ip/route/set', `=.id=${other!['.id']}`, `=distance=${kept!.distance}`);
    await h['routes.renumber']({ siteId: 'lab', family: 'ip', keepId: kept!['.id']! }, context);
    const after = (await routerRows(demo.api, '/ip/route', '?dst-address=0.0.0.0/0')).filter(
      (row) => row.disabled !== 'true',
    );
    const distances = after.map((row) => row.distance);
    expect(new Set(distances).size).toBe(distances.length);
    expect(after.find((row) => row['.id'] === kept!['.id'])?.distance).toBe(kept!.distance);
    for (const row of statics)
      await routerCommand(demo.api, '/ip/route/set', `=.id=${row['.id']}`, `=distance=${row.distance}`);
  });
});
