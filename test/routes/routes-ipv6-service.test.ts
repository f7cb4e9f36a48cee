import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../electron/ipc/dispatcher';
import type { RouterClient } from '../../electron/routeros/router-client';
import { openRawApi } from '../../electron/routes/bulk-print';
import { createRoutesService } from '../../electron/routes/routes-service';
import type { RouteTableStatus } from '../../shared/ipc/channels/routes';
import { newRouteForm, routeToForm } from '../../shared/routes/route-attrs';
import { routeFormSchema } from '../../shared/routes/route-form';
import { routeQuerySchema } from '../../shared/routes/route-query';
import { type ChannelLab, channelCases, startChannel } from '../support/channels';
import { until } from '../support/until';
import { routerCommand, routerRows } from './demo-router-api';
import { routesOptionsFor, sessionsFor } from './session-adapter';

// IPv6 → Routes in main against a real demo router on every channel: the same service as IP →
// Routes, told the family: it loads /ipv6/route (by the raw fast path where the API allows it),
// follows another client's change, lands edits and bulk changes, exports `/ipv6 route add`, and
// keeps the site's IPv4 table apart.

const context: CallContext = { clientId: 'test' };
const v6 = { siteId: 'lab', family: 'ipv6' } as const;
const query = routeQuerySchema.parse({});

describe.each(channelCases(['ssh-cli']))('IPv6 routes over $label', ({ channel, latency }) => {
  let lab: ChannelLab;
  let over: RouterClient;
  let statuses: RouteTableStatus[];
  let service: ReturnType<typeof createRoutesService>;

  beforeAll(async () => {
    lab = await startChannel(channel, { latency, router: { routes: 200 } });
    over = await lab.connect();
  }, 60_000);
  afterAll(() => lab?.stop());
  afterEach(async () => {
    await service?.dispose?.();
  });

  const start = () => {
    statuses = [];
    service = createRoutesService({
      ...routesOptionsFor(sessionsFor({ lab: over })),
      events: { emit: (_event, payload) => statuses.push(payload as RouteTableStatus) },
      // The raw fast path is an API connection of its own: only where the channel is the API.
      ...(channel === 'api' && {
        openApiStream: () => openRawApi({ ...lab.demo.api, user: 'admin', password: '' }),
      }),
      keepUnwatchedMs: 0,
    });
    return service.handlers;
  };
  const latest = (family: 'ip' | 'ipv6') => statuses.filter((status) => status.family === family).at(-1);
  const statusOf = async (family: 'ip' | 'ipv6', check: (status: RouteTableStatus) => boolean) =>
    (await until(
      () => latest(family),
      (last) => last !== undefined && check(last),
      20_000,
    ))!;

  it('loads /ipv6/route beside /ip/route, its ::/0 routes as the defaults, and follows a change', async () => {
    const h = start();
    await h['routes.watch'](v6, context);
    await h['routes.watch']({ siteId: 'lab', family: 'ip' }, context);
    const ready = await statusOf('ipv6', (status) => status.phase === 'ready');
    const onRouter = await routerRows(lab.demo.api, '/ipv6/route', '=.proplist=.id');
    expect(ready.loaded).toBe(onRouter.length);
    expect(ready.defaults.map((route) => [route.dstAddress, route.gateway, route.distance])).toEqual([
      ['::/0', 'fe80::1%ether1', 1],
      ['::/0', '2001:db8:2::1', 2],
    ]);
    // The IPv4 table is its own, with its 200 generated routes.
    const ipv4 = await statusOf('ip', (status) => status.phase === 'ready');
    expect(ipv4.loaded).toBeGreaterThan(200);

    const window = await h['routes.window']({ ...v6, query, start: 0, count: 50 }, context);
    expect(window.rows.map((route) => route.id)).toEqual(onRouter.map((row) => row['.id']));
    expect(window.rows.find((route) => route.dstAddress === '2001:db8:88::/64')).toMatchObject({
      gateway: 'bridge',
      flags: expect.arrayContaining(['dynamic', 'active', 'connect']),
    });

    await routerCommand(
      lab.demo.api,
      '/ipv6/route/add',
      '=dst-address=2001:db8:77::/48',
      '=gateway=fe80::9%ether2',
    );
    // The CLI follows the table by printing it again every two seconds.
    await statusOf('ipv6', (status) => status.loaded === ready.loaded + 1);
    const [added] = await routerRows(lab.demo.api, '/ipv6/route', '?dst-address=2001:db8:77::/48');
    await routerCommand(lab.demo.api, '/ipv6/route/remove', `=.id=${added!['.id']}`);
    await statusOf('ipv6', (status) => status.loaded === ready.loaded);
  });

  it('edits a default route, adds a blackhole, changes a selection and exports it as /ipv6 route add', async () => {
    const h = start();
    await h['routes.watch'](v6, context);
    await statusOf('ipv6', (status) => status.phase === 'ready');

    const [isp2] = await routerRows(lab.demo.api, '/ipv6/route', '?comment=ISP2');
    const route = await h['routes.get']({ ...v6, id: isp2!['.id']! }, context);
    const before = routeFormSchema.parse(routeToForm(route));
    await h['routes.update']({ ...v6, id: route.id, before, route: { ...before, distance: 12 } }, context);
    expect((await routerRows(lab.demo.api, '/ipv6/route', `?.id=${route.id}`))[0]).toMatchObject({
      distance: '12',
      gateway: '2001:db8:2::1',
    });
    await h['routes.update'](
      { ...v6, id: route.id, before: { ...before, distance: 12 }, route: before },
      context,
    );

    const { id } = await h['routes.add'](
      {
        ...v6,
        route: routeFormSchema.parse({
          ...newRouteForm,
          dstAddress: '2001:db8:dead::/48',
          blackhole: true,
          comment: 'sink',
        }),
      },
      context,
    );
    // A selection acts on the routes main's table holds: the new one first comes back by listen.
    await until(
      () => h['routes.rows']({ ...v6, ids: [id] }, context),
      (rows) => rows.length === 1,
    );
    await h['routes.setDisabled']({ ...v6, ids: [id], disabled: true }, context);
    expect((await routerRows(lab.demo.api, '/ipv6/route', `?.id=${id}`))[0]).toMatchObject({
      'dst-address': '2001:db8:dead::/48',
      blackhole: 'true',
      disabled: 'true',
    });
    await until(
      () => h['routes.rows']({ ...v6, ids: [id] }, context),
      ([row]) => row?.flags.includes('disabled') === true,
    );
    const script = await h['routes.export'](
      { ...v6, source: 'Lab', format: 'rsc', rows: { kind: 'selection', ids: [id, isp2!['.id']!] } },
      context,
    );
    expect(script.split('\n').slice(1, 3)).toEqual([
      '/ipv6 route add dst-address=2001:db8:dead::/48 blackhole=yes distance=1 scope=30 target-scope=10 routing-table=main comment=sink disabled=yes',
      '/ipv6 route add dst-address=::/0 gateway=2001:db8:2::1 distance=2 scope=30 target-scope=10 routing-table=main comment=ISP2',
    ]);
    await h['routes.remove']({ ...v6, ids: [id] }, context);
    expect(await routerRows(lab.demo.api, '/ipv6/route', `?.id=${id}`)).toEqual([]);
  });
});
