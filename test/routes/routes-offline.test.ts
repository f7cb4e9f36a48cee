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
import { newRouteForm } from '../../shared/routes/route-attrs';
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

  function start() {
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
      offlineRoutes: (id) => drafts.offlineRoutes(id),
      keepUnwatchedMs: 0,
    });
    parts.push(applies, drafts, routes);
    return { drafts: drafts.handlers, routes: routes.handlers };
  }

  const rowsOf = async (
    routes: ReturnType<typeof start>['routes'],
    query: Parameters<typeof routeQuerySchema.parse>[0] = {},
  ) =>
    (
      await routes['routes.window'](
        { siteId, family: 'ip', query: routeQuerySchema.parse(query), start: 0, count: 100 },
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
      { siteId, ids: ['*2', '*3', '*4'], property: 'disabled', value: 'yes' },
      context,
    );
    await until(
      () => rowsOf(routes, lab),
      (rows) => rows.every((row) => row.flags.includes('disabled')),
    );
    expect((await rowsOf(routes, lab)).map((row) => row.edited)).toEqual([['disabled'], ['disabled']]);
    expect((await rowsOf(routes)).find((row) => row.id === '*4')?.flags).not.toContain('disabled');

    // Removed and added: gone from the table, and at its end, marked as the draft's.
    await drafts['drafts.removeRoutes']({ siteId, ids: ['*2'] }, context);
    const added = routeFormSchema.parse({ ...newRouteForm, dstAddress: '10.20.9.0/24', gateway: '10.0.2.1' });
    await drafts['drafts.addRoute']({ siteId, route: added }, context);
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
    await drafts['drafts.setRoutes']({ siteId, ids: [addedId], property: 'disabled', value: 'yes' }, context);
    await until(
      () => rowsOf(routes, lab),
      (each) => each.find((row) => row.dstAddress === '10.20.9.0/24')?.flags.includes('disabled') === true,
    );
    const view = await drafts['drafts.get']({ siteId }, context);
    expect(
      view.items.filter((item) => item.property === 'route').map((item) => item.attrs?.disabled),
    ).toEqual([undefined, 'yes']);
    // A second route just like it is refused: the plan could not tell the two apart on the router.
    await expect(drafts['drafts.addRoute']({ siteId, route: added }, context)).rejects.toMatchObject({
      code: 'invalid',
    });
    // Nothing goes to a router that is not there.
    await expect(
      routes['routes.setDisabled']({ siteId, family: 'ip', ids: ['*3'], disabled: false }, context),
    ).rejects.toMatchObject({ code: 'closed' });
  });
});
