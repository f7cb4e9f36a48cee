import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplyService } from '../../electron/apply/apply-service';
import { createDraftsService } from '../../electron/drafts/drafts-service';
import { EventHub } from '../../electron/ipc/event-hub';
import { createRoutesService } from '../../electron/routes/routes-service';
import type { SiteSnapshot } from '../../shared/drafts/draft';
import type { RouteTableStatus } from '../../shared/ipc/channels/routes';
import { parseRoute } from '../../shared/routes/route';
import { newRouteForm, newRouteFormOf } from '../../shared/routes/route-attrs';
import type { RouteFamily } from '../../shared/routes/route-family';
import { routeFormSchema } from '../../shared/routes/route-form';
import { routeQuerySchema } from '../../shared/routes/route-query';
import { until } from '../support/until';
import { sessionsFor } from './session-adapter';

// Offline, the routes service's table is the site's snapshot with its draft's values in: the same
// windows, find and sort as online, and each change the draft takes shows at once, marked.

const siteId = 'branch';
const context = { clientId: 'test' };
const route = (id: string, dst: string, extra: Record<string, string> = {}) =>
  parseRoute({
    '.id': id,
    'dst-address': dst,
    gateway: '10.0.1.1',
    distance: '1',
    scope: '30',
    'target-scope': '10',
    static: 'true',
    ...extra,
  });

describe('the routes table offline', () => {
  let profileDir: string;
  let parts: { dispose?(): Promise<void> | void }[];
  let statuses: RouteTableStatus[];

  beforeEach(() => {
    profileDir = mkdtempSync(join(tmpdir(), 'uplink-routes-offline-'));
    parts = [];
    statuses = [];
  });
  afterEach(async () => {
    for (const part of parts.reverse()) await part.dispose?.();
    rmSync(profileDir, { recursive: true, force: true });
  });

  function start(extra: Partial<SiteSnapshot> = {}) {
    const snapshot: SiteSnapshot = {
      siteId,
      takenAt: '2026-12-03T07:00:00.000Z',
      identity: 'Branch',
      routes: [
        route('*1', '0.0.0.0/0', { comment: 'ISP1', active: 'true' }),
        route('*2', '10.20.1.0/24', { distance: '5', comment: 'lab' }),
        route('*3', '10.20.2.0/24', { distance: '3', comment: 'lab' }),
        route('*4', '10.0.1.0/24', { gateway: 'ether1', dynamic: 'true', connect: 'true', static: 'false' }),
      ],
      interfaces: [],
      addresses: [],
      dhcpClients: [],
      wans: [],
      graceSeconds: 60,
      ...extra,
    };
    const dir = join(profileDir, 'drafts', siteId);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'snapshot.json'), JSON.stringify(snapshot));
    const sessions = sessionsFor({});
    const events = new EventHub();
    events.subscribe((event, payload) => {
      if (event === 'routes.status') statuses.push(payload as RouteTableStatus);
    });
    const applies = createApplyService({ sessions, events, profileDir });
    const drafts = createDraftsService({ sessions, events, profileDir, applies });
    const routes = createRoutesService({
      sessions,
      events,
      applies,
      offlineRoutes: (id, family) => drafts.offlineRoutes(id, family),
      keepUnwatchedMs: 0,
    });
    parts.push(applies, drafts, routes);
    return { drafts: drafts.handlers, routes: routes.handlers };
  }

  const rowsOf = async (
    routes: ReturnType<typeof start>['routes'],
    query: Parameters<typeof routeQuerySchema.parse>[0] = {},
    family: RouteFamily = 'ip',
  ) =>
    (
      await routes['routes.window'](
        { siteId, family, query: routeQuerySchema.parse(query), start: 0, count: 100 },
        context,
      )
    ).rows;

  it('shows the snapshot, finds and sorts in it, and follows each change of the draft', async () => {
    const { drafts, routes } = start();
    await routes['routes.watch']({ siteId, family: 'ip' }, context);
    const shown = await until(
      () => statuses.at(-1),
      (status) => status?.snapshot !== undefined,
    );
    expect(shown).toMatchObject({
      phase: 'offline',
      loaded: 4,
      snapshot: { takenAt: '2026-12-03T07:00:00.000Z' },
    });
    const lab = {
      conditions: [{ column: 'dstAddress', operator: 'inSubnet', value: '10.20.0.0/16' }],
      sort: 'distance',
    } as const;
    expect((await rowsOf(routes, lab)).map((row) => row.dstAddress)).toEqual([
      '10.20.2.0/24',
      '10.20.1.0/24',
    ]);

    // Disable both lab routes and the dynamic one: the dynamic one is the router's own, left out.
    await drafts['drafts.setRoutes'](
      { siteId, family: 'ip', ids: ['*2', '*3', '*4'], property: 'disabled', value: 'yes' },
      context,
    );
    await until(
      () => rowsOf(routes, lab),
      (rows) => rows.every((row) => row.flags.includes('disabled')),
    );
    expect((await rowsOf(routes, lab)).map((row) => row.edited)).toEqual([['disabled'], ['disabled']]);
    expect((await rowsOf(routes)).find((row) => row.id === '*4')?.flags).not.toContain('disabled');

    // Removed and added: gone from the table, and at its end, marked as the draft's.
    await drafts['drafts.removeRoutes']({ siteId, family: 'ip', ids: ['*2'] }, context);
    const added = routeFormSchema.parse({ ...newRouteForm, dstAddress: '10.20.9.0/24', gateway: '10.0.2.1' });
    await drafts['drafts.addRoute']({ siteId, family: 'ip', route: added }, context);
    const rows = await until(
      () => rowsOf(routes, lab),
      (each) => each.some((row) => row.dstAddress === '10.20.9.0/24'),
    );
    expect(rows.map((row) => [row.dstAddress, row.edited])).toEqual([
      ['10.20.9.0/24', ['route']],
      ['10.20.2.0/24', ['disabled']],
    ]);
    // The added route disabled too: its addition now adds it disabled.
    const addedId = rows[0]!.id;
    await drafts['drafts.setRoutes'](
      { siteId, family: 'ip', ids: [addedId], property: 'disabled', value: 'yes' },
      context,
    );
    await until(
      () => rowsOf(routes, lab),
      (each) => each.find((row) => row.dstAddress === '10.20.9.0/24')?.flags.includes('disabled') === true,
    );
    const view = await drafts['drafts.get']({ siteId }, context);
    expect(
      view.items.filter((item) => item.property === 'route').map((item) => item.attrs?.disabled),
    ).toEqual([undefined, 'yes']);
    // A second route just like it is refused: the plan could not tell the two apart on the router.
    await expect(
      drafts['drafts.addRoute']({ siteId, family: 'ip', route: added }, context),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
    // Nothing goes to a router that is not there.
    await expect(
      routes['routes.setDisabled']({ siteId, family: 'ip', ids: ['*3'], disabled: false }, context),
    ).rejects.toMatchObject({ code: 'closed' });
  });

  it('shows the snapshot’s IPv6 routes in the IPv6 table, and its edits go to the draft as IPv6 items', async () => {
    const v6 = (id: string, dst: string, extra: Record<string, string> = {}) =>
      route(id, dst, { gateway: '2001:db8:1::1', ...extra });
    const { drafts, routes } = start({
      ipv6Routes: [
        v6('*1', '::/0', { comment: 'ISP1', active: 'true' }),
        v6('*2', '2001:db8:20::/48', { distance: '5', comment: 'lab' }),
        v6('*3', '2001:db8:21::/48', { distance: '3', comment: 'lab' }),
      ],
      ipv6RouteCount: 3,
    });
    await routes['routes.watch']({ siteId, family: 'ipv6' }, context);
    expect(
      await until(
        () => statuses.findLast((status) => status.family === 'ipv6'),
        (status) => status?.snapshot !== undefined,
      ),
    ).toMatchObject({ phase: 'offline', loaded: 3, snapshot: { takenAt: '2026-12-03T07:00:00.000Z' } });
    const lab = {
      conditions: [{ column: 'dstAddress', operator: 'inSubnet', value: '2001:db8::/32' }],
      sort: 'distance',
    } as const;
    expect((await rowsOf(routes, lab, 'ipv6')).map((row) => row.dstAddress)).toEqual([
      '2001:db8:21::/48',
      '2001:db8:20::/48',
    ]);
    // Ids are the IPv6 snapshot's: *2 here is not the IPv4 table's *2.
    await drafts['drafts.setRoutes'](
      { siteId, family: 'ipv6', ids: ['*2'], property: 'disabled', value: 'yes' },
      context,
    );
    const added = routeFormSchema.parse({
      ...newRouteFormOf('ipv6'),
      dstAddress: '2001:db8:29::/48',
      gateway: 'fe80::2%ether2',
    });
    await drafts['drafts.addRoute']({ siteId, family: 'ipv6', route: added }, context);
    const rows = await until(
      () => rowsOf(routes, lab, 'ipv6'),
      (each) => each.length === 3,
    );
    expect(rows.map((row) => [row.dstAddress, row.edited, row.flags.includes('disabled')])).toEqual([
      ['2001:db8:29::/48', ['route'], false],
      ['2001:db8:21::/48', undefined, false],
      ['2001:db8:20::/48', ['disabled'], true],
    ]);
    await routes['routes.watch']({ siteId, family: 'ip' }, context);
    const ipv4 = await until(
      () => rowsOf(routes),
      (each) => each.length === 4,
    );
    expect(ipv4.find((row) => row.id === '*2')).toMatchObject({
      dstAddress: '10.20.1.0/24',
      flags: ['static'],
    });
    expect((await drafts['drafts.get']({ siteId }, context)).items.map((item) => item.family)).toEqual([
      'ipv6',
      'ipv6',
    ]);
  });

  it('says a snapshot taken before IPv6 routes were kept has none, rather than showing an empty table as the router’s', async () => {
    const { drafts, routes } = start();
    await routes['routes.watch']({ siteId, family: 'ipv6' }, context);
    expect(
      await until(
        () => statuses.findLast((status) => status.family === 'ipv6'),
        (status) => status?.snapshot !== undefined,
      ),
    ).toMatchObject({
      phase: 'offline',
      loaded: 0,
      snapshot: { takenAt: '2026-12-03T07:00:00.000Z', lacksFamily: true },
    });
    // Nothing can be drafted on routes the snapshot does not hold; the IPv4 table is whole.
    const added = routeFormSchema.parse({ ...newRouteFormOf('ipv6'), gateway: 'fe80::2%ether2' });
    await expect(
      drafts['drafts.addRoute']({ siteId, family: 'ipv6', route: added }, context),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('holds no IPv6 routes') });
    await routes['routes.watch']({ siteId, family: 'ip' }, context);
    await until(
      () => statuses.findLast((status) => status.family === 'ip'),
      (status) => status?.snapshot !== undefined && status.loaded === 4,
    );
  });
});
