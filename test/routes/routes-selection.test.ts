// The Routes tab's multi-route changes and the dialog's new fields, on every channel: a selection's
// ids, a bulk disable, comment and remove (a few commands, dynamic routes left out), and blackhole,
// ECMP and pref-src routes added the way the dialog sends them. What the router holds is read back
// over its own API, never from the service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext } from '../../electron/ipc/dispatcher';
import type { RouterClient } from '../../electron/routeros/router-client';
import { createRoutesService } from '../../electron/routes/routes-service';
import { newRouteForm } from '../../shared/routes/route-attrs';
import { routeFormSchema } from '../../shared/routes/route-form';
import { routeQuerySchema } from '../../shared/routes/route-query';
import { CHANNELS, type ChannelLab, startChannel } from '../support/channels';
import { until } from '../support/until';
import { routerCommand, routerRows } from './demo-router-api';
import { routesOptionsFor, sessionsFor } from './session-adapter';

const context: CallContext = { clientId: 'test' };

describe.each(CHANNELS)('over %s', (channel) => {
  let lab: ChannelLab;
  let client: RouterClient;
  let service: ReturnType<typeof createRoutesService>;
  const rows = () => routerRows(lab.demo.api, '/ip/route');
  const tagged = async (tag: string) =>
    (await rows())
      .filter((row) => row.comment?.startsWith(tag))
      .sort((a, b) => a.comment!.localeCompare(b.comment!));

  beforeAll(async () => {
    lab = await startChannel(channel, { callTimeoutMs: 15_000 });
    client = await lab.connect();
    service = createRoutesService({
      ...routesOptionsFor(sessionsFor({ lab: client })),
      events: { emit: () => undefined },
      keepUnwatchedMs: 0,
    });
    await service.handlers['routes.watch']({ siteId: 'lab', family: 'ip' }, context);
  }, 60_000);

  afterAll(async () => {
    await service?.dispose?.();
    await lab?.stop();
  });

  it('selects a filtered range by id, then disables, comments and removes it in bulk', async () => {
    const h = service.handlers;
    for (const n of [1, 2, 3]) {
      await routerCommand(
        lab.demo.api,
        '/ip/route/add',
        `=dst-address=198.51.${n}.0/24`,
        '=gateway=10.0.1.1',
        `=comment=bulk-${n}`,
      );
    }
    const query = routeQuerySchema.parse({ filter: 'bulk-' });
    await until(
      () => h['routes.window']({ siteId: 'lab', family: 'ip', query, start: 0, count: 10 }, context),
      (window) => window.total === 3,
    );
    const ids = await h['routes.ids']({ siteId: 'lab', family: 'ip', query, start: 0, count: 10 }, context);
    expect(ids).toEqual((await tagged('bulk-')).map((row) => row['.id']));
    // A connected route in the selection is left out rather than failing the whole change.
    const connected = (await rows()).find((row) => row.connect === 'true')!['.id']!;
    await h['routes.setDisabled'](
      { siteId: 'lab', family: 'ip', ids: [...ids, connected], disabled: true },
      context,
    );
    expect((await tagged('bulk-')).map((row) => row.disabled)).toEqual(['true', 'true', 'true']);
    await h['routes.comment'](
      { siteId: 'lab', family: 'ip', ids: ids.slice(0, 2), comment: 'bulk-noted' },
      context,
    );
    expect((await tagged('bulk-')).map((row) => row.comment)).toEqual(['bulk-3', 'bulk-noted', 'bulk-noted']);
    const shown = await h['routes.rows']({ siteId: 'lab', family: 'ip', ids }, context);
    expect(shown.map((route) => route.dstAddress).sort()).toEqual([
      '198.51.1.0/24',
      '198.51.2.0/24',
      '198.51.3.0/24',
    ]);
    const rsc = await h['routes.export'](
      { siteId: 'lab', family: 'ip', source: 'Lab', format: 'rsc', rows: { kind: 'selection', ids } },
      context,
    );
    expect(rsc.split('\n').filter((line) => line.startsWith('/ip route add'))).toHaveLength(3);
    const csv = await h['routes.export'](
      { siteId: 'lab', family: 'ip', source: 'Lab', format: 'csv', rows: { kind: 'filtered', query } },
      context,
    );
    expect(csv.trim().split('\r\n')).toHaveLength(4);
    await h['routes.remove']({ siteId: 'lab', family: 'ip', ids }, context);
    expect(await tagged('bulk-')).toEqual([]);
    expect((await rows()).some((row) => row['.id'] === connected)).toBe(true);
  });

  it('adds a blackhole route and an ECMP route with pref-src as the dialog sends them', async () => {
    const h = service.handlers;
    const add = (form: Partial<typeof newRouteForm>) =>
      h['routes.add'](
        { siteId: 'lab', family: 'ip', route: routeFormSchema.parse({ ...newRouteForm, ...form }) },
        context,
      );
    await add({ dstAddress: '192.0.2.0/24', blackhole: true, comment: 'kind-blackhole' });
    await add({
      dstAddress: '203.0.113.0/24',
      gateway: '10.0.1.1,10.0.2.1%ether2',
      prefSrc: '10.0.1.2',
      comment: 'kind-ecmp',
    });
    const [blackhole, ecmp] = await tagged('kind-');
    expect(blackhole).toMatchObject({ 'dst-address': '192.0.2.0/24', blackhole: 'true', active: 'true' });
    expect(ecmp).toMatchObject({
      gateway: '10.0.1.1,10.0.2.1%ether2',
      'pref-src': '10.0.1.2',
      active: 'true',
    });
  });
});
