import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplyService } from '../../electron/apply/apply-service';
import type { DemoRouter } from '../../electron/demo-router';
import { createDraftsService } from '../../electron/drafts/drafts-service';
import { EventHub } from '../../electron/ipc/event-hub';
import type { RouterClient } from '../../electron/routeros/router-client';
import { printKeptRoutes, streamedPrint } from '../../electron/routes/bulk-print';
import { type Draft, routeKeyOf, type SiteSnapshot } from '../../shared/drafts/draft';
import type { DraftView } from '../../shared/ipc/channels/drafts';
import type { FailoverState } from '../../shared/ipc/channels/failover';
import type { RouteTableStatus } from '../../shared/ipc/channels/routes';
import { parseRoute, type Route } from '../../shared/routes/route';
import { newRouteFormOf, routeToForm } from '../../shared/routes/route-attrs';
import type { RouteFamily } from '../../shared/routes/route-family';
import { type RouteForm, routeFormSchema } from '../../shared/routes/route-form';
import { type DemoSession, type Lab, type LabOptions, startLab } from '../failover/demo-session';
import { channelCases } from '../support/channels';

// The drafts service against a real two-wan demo router, its files in a real profile: snapshot and
// apply on every channel, the rest over the API. What the router holds is read over an API
// connection of the test's own.

const siteId = 'lab';
const context = { clientId: 'test' };
const grace = 4;

let lab: Lab;
let demo: DemoRouter;
let profileDir: string;
let session: DemoSession;
let checker: RouterClient;
let hub: EventHub;
let service: ReturnType<typeof createDraftsService>;
let applies: ReturnType<typeof createApplyService>;

const handlers = () => service.handlers;
const siteDir = () => join(profileDir, 'drafts', siteId);
const onDisk = <T>(name: string) => JSON.parse(readFileSync(join(siteDir(), name), 'utf8')) as T;
const pendingRecords = () => {
  const dir = join(profileDir, 'apply', 'pending');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const routeNamed = async (comment: string): Promise<Route> => {
  const [row] = await checker.print('/ip/route', { query: [`comment=${comment}`] });
  if (!row) throw new Error(`no route ${comment} on the router`);
  return parseRoute(row);
};
const safetyNets = () => checker.print('/system/scheduler', { query: ['name=uplink-rollback'] });

/** The next event of this kind that passes `test`, or the test fails after a while. */
function next<T>(event: string, test: (payload: T) => boolean, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${event} as expected in ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = hub.subscribe((name, payload) => {
      if (name !== event || !test(payload as T)) return;
      clearTimeout(timer);
      stop();
      resolve(payload as T);
    });
  });
}

/** The route dialog's edit of one snapshot route, as the offline dialog sends it (parsed, as main gets it). */
async function editOffline(
  route: Route,
  change: Partial<RouteForm>,
  family: RouteFamily = 'ip',
): Promise<DraftView> {
  const shown = routeToForm(route);
  return handlers()['drafts.editRoute'](
    {
      siteId,
      family,
      route: routeKeyOf(route),
      before: routeFormSchema.parse(shown),
      after: routeFormSchema.parse({ ...shown, ...change }),
    },
    context,
  );
}

/** A lab of each test's own, its session on `options`' channel, connected and snapshotted. */
function useLab(options: Pick<LabOptions, 'channel' | 'latency' | 'loginsFrom'> = {}): void {
  beforeEach(async () => {
    lab = await startLab(siteId, options);
    ({ demo, session, checker, profileDir } = lab);
    hub = new EventHub();
    applies = createApplyService({ sessions: session, events: hub, profileDir });
    await applies.handlers['apply.setSettings']({ graceSeconds: grace }, context);
    service = createDraftsService({ sessions: session, events: hub, profileDir, applies });
    const taken = next<DraftView>('drafts.changed', (view) => view.snapshot !== undefined);
    await session.connect();
    await taken;
  });

  afterEach(async () => {
    await service.dispose?.();
    await applies.dispose?.();
    await lab.stop();
  });
}

describe.each(channelCases())(
  'a draft touching the route carrying the session over $label',
  ({ channel, latency }) => {
    useLab({ channel, latency, loginsFrom: '203.0.113.50' });

    it('says so beside the plan, and applies it as a confirmed apply', async () => {
      const isp1 = await routeNamed('ISP1');
      session.lose();
      await editOffline(isp1, { distance: 5 });
      const planned = next<DraftView>('drafts.changed', (view) => view.plan !== undefined);
      await session.connect();
      const { plan } = await planned;
      expect(plan?.sessionReasons).toEqual([
        '0.0.0.0/0 (ISP1): this route carries your session to the router (the router sees Uplink at 203.0.113.50).',
      ]);
      await expect(handlers()['drafts.apply']({ siteId }, context)).resolves.toMatchObject({
        outcome: 'applied',
      });
      expect((await routeNamed('ISP1')).distance).toBe(5);
    });
  },
);

describe.each(channelCases())('the drafts service over $label', ({ channel, latency }) => {
  useLab({ channel, latency });

  it('keeps a snapshot of the connected router on disk: routes, interfaces, addresses, DHCP clients, when', async () => {
    const snapshot = onDisk<SiteSnapshot>('snapshot.json');
    expect(snapshot.routes.map((route) => route.comment)).toEqual(expect.arrayContaining(['ISP1', 'ISP2']));
    expect(snapshot.interfaces.map((row) => row.name)).toEqual(expect.arrayContaining(['ether1', 'ether2']));
    expect(snapshot.addresses.length).toBeGreaterThan(0);
    expect(snapshot.dhcpClients.map((row) => row.interface)).toEqual(['ether3']);
    expect(Date.now() - Date.parse(snapshot.takenAt)).toBeLessThan(10_000);
  });

  it('records offline edits against the snapshot, plans them against the router on connect, and applies only what the technician settled', async () => {
    const isp1 = await routeNamed('ISP1');
    const isp2 = await routeNamed('ISP2');
    session.lose();
    await editOffline(isp2, { distance: 9 });
    const offline = await editOffline(isp1, { comment: 'primary', distance: 3 });
    expect(offline.plan).toBeUndefined();
    expect(onDisk<Draft>('draft.json').items.map((item) => [item.property, item.base, item.value])).toEqual([
      ['distance', '2', '9'],
      ['distance', '1', '3'],
      ['comment', 'ISP1', 'primary'],
    ]);
    session.readOnly = true;
    await expect(editOffline(isp2, { distance: 7 })).rejects.toMatchObject({ code: 'read-only' });
    session.readOnly = false;
    await expect(editOffline(isp2, { dstAddress: '10.99.0.0/16' })).rejects.toMatchObject({
      message: expect.stringContaining('dst-address can be changed only with the router connected'),
    });

    // Meanwhile someone else set ISP2's distance to 6 and ISP1's to 3, as the draft has it.
    await checker.run('/ip/route/set', { '.id': isp2.id, distance: 6 });
    await checker.run('/ip/route/set', { '.id': isp1.id, distance: 3 });
    const planned = next<DraftView>('drafts.changed', (view) => view.plan !== undefined);
    await session.connect();
    const { plan } = await planned;
    expect(plan?.entries.map((entry) => [entry.item.property, entry.status, entry.live])).toEqual([
      ['distance', 'conflict', '6'],
      ['distance', 'done', '3'],
      ['comment', 'ready', 'ISP1'],
    ]);
    expect(plan?.blocked).toBe(1);
    await expect(handlers()['drafts.apply']({ siteId }, context)).rejects.toMatchObject({
      message: expect.stringContaining('needs a decision first'),
    });
    expect((await routeNamed('ISP1')).distance).toBe(3);
    expect(await routeNamed('ISP2')).toMatchObject({ distance: 6 });

    const conflict = plan?.entries[0]?.item.id as string;
    const resolved = await handlers()['drafts.resolve']({ siteId, itemId: conflict, keep: 'mine' }, context);
    expect(resolved.plan?.commands).toEqual([
      '/ip route set [find where dst-address="0.0.0.0/0" and comment="ISP2"] distance=9',
      '/ip route set [find where dst-address="0.0.0.0/0" and comment="ISP1"] comment=primary',
    ]);
    await expect(handlers()['drafts.apply']({ siteId }, context)).resolves.toMatchObject({
      outcome: 'applied',
    });
    expect(await routeNamed('ISP2')).toMatchObject({ distance: 9 });
    expect(await routeNamed('primary')).toMatchObject({ distance: 3, gateway: '10.0.1.1' });
    expect(await safetyNets()).toEqual([]);
    expect(onDisk<Draft>('draft.json').items).toEqual([]);
    expect(pendingRecords()).toEqual([]);
  });

  it('keeps the IPv6 routes in the snapshot; IPv6 routes edited, added and removed offline are planned in /ipv6/route on connect and applied', async () => {
    const ipv6 = async (...query: string[]) =>
      (await checker.print('/ipv6/route', { query: ['static=true', ...query] })).map(parseRoute);
    const onRouter = await ipv6('dst-address=::/0');
    expect(onRouter.map((route) => route.comment).sort()).toEqual(['ISP1', 'ISP2']);
    const kept = onDisk<SiteSnapshot>('snapshot.json');
    expect(
      kept.ipv6Routes?.filter((route) => route.dstAddress === '::/0').map((route) => route.gateway),
    ).toEqual(expect.arrayContaining(onRouter.map((route) => route.gateway)));
    expect(kept.ipv6RouteCount).toBe(kept.ipv6Routes?.length);
    // The IPv4 table is not mixed in.
    expect(kept.ipv6Routes?.every((route) => route.dstAddress.includes(':'))).toBe(true);
    const isp2 = onRouter.find((route) => route.comment === 'ISP2');
    const ipv4Isp2 = await routeNamed('ISP2');

    session.lose();
    await editOffline(isp2!, { distance: 7 }, 'ipv6');
    const added = routeFormSchema.parse({
      ...newRouteFormOf('ipv6'),
      dstAddress: '2001:db8:99::/48',
      gateway: 'fe80::9%ether2',
      comment: 'offline v6',
    });
    await handlers()['drafts.addRoute']({ siteId, family: 'ipv6', route: added }, context);
    const snapshotIsp1 = kept.ipv6Routes!.find((route) => route.comment === 'ISP1')!;
    await handlers()['drafts.removeRoutes']({ siteId, family: 'ipv6', ids: [snapshotIsp1.id] }, context);
    // An IPv4 edit beside them: one draft, each item in its own table.
    await editOffline(ipv4Isp2, { distance: 8 });
    expect(
      onDisk<Draft>('draft.json').items.map((item) => [item.family, item.route.dstAddress, item.property]),
    ).toEqual([
      ['ipv6', '::/0', 'distance'],
      ['ipv6', '2001:db8:99::/48', 'route'],
      ['ipv6', '::/0', 'route'],
      ['ip', '0.0.0.0/0', 'distance'],
    ]);
    // The offline IPv6 table is the snapshot's with the draft in; the IPv4 one keeps to its own.
    const shown = await service.offlineRoutes(siteId, 'ipv6');
    expect(shown?.routes?.map((route) => [route.dstAddress, route.comment, route.distance])).toEqual(
      expect.arrayContaining([
        ['::/0', 'ISP2', 7],
        ['2001:db8:99::/48', 'offline v6', 1],
      ]),
    );
    expect(shown?.routes?.some((route) => route.comment === 'ISP1')).toBe(false);
    expect(
      (await service.offlineRoutes(siteId, 'ip'))?.routes?.find((route) => route.comment === 'ISP2'),
    ).toMatchObject({
      distance: 8,
    });

    const planned = next<DraftView>('drafts.changed', (view) => view.plan !== undefined);
    await session.connect();
    const { plan } = await planned;
    expect(plan?.entries.map((entry) => entry.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(plan?.commands).toEqual([
      '/ipv6 route set [find where dst-address="::/0" and comment="ISP2"] distance=7',
      '/ip route set [find where dst-address="0.0.0.0/0" and comment="ISP2"] distance=8',
      '/ipv6 route add dst-address=2001:db8:99::/48 gateway=fe80::9%ether2 distance=1 scope=30 target-scope=10 routing-table=main comment="offline v6"',
      '/ipv6 route remove [find where dst-address="::/0" and comment="ISP1"]',
    ]);
    await expect(handlers()['drafts.apply']({ siteId }, context)).resolves.toMatchObject({
      outcome: 'applied',
    });
    // Read back from the router: each change in its own table.
    expect((await ipv6('comment=ISP2'))[0]).toMatchObject({ distance: 7, gateway: isp2!.gateway });
    expect(await ipv6('comment=ISP1')).toEqual([]);
    expect(await ipv6('dst-address=2001:db8:99::/48')).toMatchObject([
      { gateway: 'fe80::9%ether2', comment: 'offline v6' },
    ]);
    expect(await routeNamed('ISP2')).toMatchObject({ distance: 8 });
    expect(await safetyNets()).toEqual([]);
    expect(onDisk<Draft>('draft.json').items).toEqual([]);
  });
});

describe('the drafts service against the two-wan demo router', () => {
  useLab();

  it('takes the snapshot again soon after the route table changes while online', async () => {
    const status = (version: number): RouteTableStatus => ({
      siteId,
      family: 'ip',
      phase: 'ready',
      loaded: 0,
      version,
      readOnly: false,
      defaults: [],
    });
    hub.emit('routes.status', status(1));
    const isp2 = await routeNamed('ISP2');
    await checker.run('/ip/route/set', { '.id': isp2.id, distance: 7 });
    hub.emit('routes.status', status(2));
    await expect
      .poll(
        () =>
          onDisk<SiteSnapshot>('snapshot.json').routes.find((route) => route.comment === 'ISP2')?.distance,
      )
      .toBe(7);
  });

  it('takes the snapshot without IPv6 routes where the router cannot print them, and says so offline', async () => {
    expect(onDisk<SiteSnapshot>('snapshot.json').ipv6Routes).toBeDefined();
    await service.dispose?.();
    // As the routes service answers for a router with its IPv6 package off: the table failed.
    service = createDraftsService({
      sessions: session,
      events: hub,
      profileDir,
      applies,
      snapshotRoutes: (id, limit, family) =>
        family === 'ipv6'
          ? Promise.reject(new Error('the route table is failed: no such command prefix'))
          : printKeptRoutes(streamedPrint(session.client(id)), limit, family),
    });
    const before = onDisk<SiteSnapshot>('snapshot.json').takenAt;
    session.lose();
    await session.connect();
    await expect.poll(() => onDisk<SiteSnapshot>('snapshot.json').takenAt).not.toBe(before);
    const taken = onDisk<SiteSnapshot>('snapshot.json');
    expect(taken.routes.map((route) => route.comment)).toEqual(expect.arrayContaining(['ISP1', 'ISP2']));
    expect(taken).not.toHaveProperty('ipv6Routes');
    session.lose();
    expect(await service.offlineRoutes(siteId, 'ipv6')).toEqual({
      takenAt: taken.takenAt,
      routes: undefined,
      edited: new Map(),
    });
  });

  it('takes one snapshot of a site at a time: those asked for while a long one runs become one after it', async () => {
    // A big table's first snapshot waits seconds for its load; the failover setup changes meanwhile.
    let calls = 0;
    let running = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const second = createDraftsService({
      sessions: session,
      events: hub,
      profileDir: join(profileDir, 'second'),
      applies,
      snapshotRoutes: async (_site, _limit, family) => {
        if (family !== 'ip') return { routes: [], total: 0 };
        calls += 1;
        running += 1;
        most = Math.max(most, running);
        await held;
        running -= 1;
        return { routes: [], total: 0 };
      },
    });
    try {
      const setupChanged = (wans: number) =>
        hub.emit('failover.state', {
          siteId,
          phase: 'ready',
          readOnly: false,
          wans: Array.from({ length: wans }, () => ({})),
          others: [],
        } as unknown as FailoverState);
      for (const wans of [1, 2, 3]) {
        setupChanged(wans);
        await new Promise((resolve) => setTimeout(resolve, 700));
      }
      expect(calls).toBe(1);
      release();
      await expect.poll(() => calls, { timeout: 5000 }).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect({ calls, most }).toEqual({ calls: 2, most: 1 });
    } finally {
      release();
      await second.dispose?.();
    }
  });

  it('keeps every one of several edits sent at once: each is saved on the draft the one before saved', async () => {
    const isp1 = await routeNamed('ISP1');
    const isp2 = await routeNamed('ISP2');
    session.lose();
    await Promise.all([
      editOffline(isp1, { distance: 5 }),
      editOffline(isp2, { distance: 9 }),
      editOffline(isp1, { comment: 'primary' }),
      editOffline(isp2, { comment: 'backup' }),
    ]);
    expect(
      onDisk<Draft>('draft.json')
        .items.map((item) => `${item.route.comment} ${item.property}=${item.value}`)
        .sort(),
    ).toEqual(['ISP1 comment=primary', 'ISP1 distance=5', 'ISP2 comment=backup', 'ISP2 distance=9']);
  });

  it('changes a WAN’s gateway offline after the same checks as online, and applies it to its probe route', async () => {
    await checker.run('/ip/route/add', {
      'dst-address': '1.1.1.1/32',
      gateway: '10.0.1.1%ether1',
      scope: 10,
      comment: 'uplink:wan1:probe',
    });
    await checker.run('/ip/route/add', {
      'dst-address': '0.0.0.0/0',
      gateway: '1.1.1.1',
      'check-gateway': 'ping',
      'target-scope': 11,
      distance: 1,
      comment: 'uplink:wan1',
    });
    session.lose();
    await session.connect();
    // Taken again on connect: the probe route is in it before the router goes away once more.
    await expect
      .poll(() => onDisk<SiteSnapshot>('snapshot.json').routes.map((route) => route.comment))
      .toContain('uplink:wan1:probe');
    session.lose();

    const configure = (wan: { gateway: string; interface: string; probe: string }) =>
      handlers()['drafts.configureWan']({ siteId, wan: { wan: 1, ...wan } }, context);
    await expect(
      configure({ gateway: '10.0.2.1', interface: 'ether9', probe: '1.1.1.1' }),
    ).rejects.toMatchObject({
      fields: { interface: expect.stringContaining('There is no interface named “ether9”') },
    });
    await expect(
      configure({ gateway: '10.0.2.1', interface: 'ether2', probe: '9.9.9.9' }),
    ).rejects.toMatchObject({
      fields: { probe: expect.stringContaining('keeps its probe host 1.1.1.1') },
    });
    const view = await configure({ gateway: '10.0.2.1', interface: 'ether2', probe: '1.1.1.1' });
    expect(view.items).toMatchObject([
      { property: 'gateway', base: '10.0.1.1%ether1', value: '10.0.2.1%ether2', group: 'Configure WAN 1' },
    ]);

    const planned = next<DraftView>('drafts.changed', (candidate) => candidate.plan !== undefined);
    await session.connect();
    expect((await planned).plan?.commands).toEqual([
      '/ip route set [find where dst-address="1.1.1.1/32" and comment="uplink:wan1:probe"] gateway=10.0.2.1%ether2',
    ]);
    await handlers()['drafts.apply']({ siteId }, context);
    expect(await routeNamed('uplink:wan1:probe')).toMatchObject({ gateway: '10.0.2.1%ether2' });
  });

  it('an apply cut off by a lost session is confirmed on reconnecting before the grace period ends', async () => {
    const isp2 = await routeNamed('ISP2');
    session.lose();
    await editOffline(isp2, { distance: 9 });
    await session.connect();
    // The moment the router has the change, its replies stop: the app can no longer confirm it.
    const stopWatching = demo.router.routes.onChange(({ changed }) => {
      if ([...changed].some((row) => row.comment === 'ISP2' && row.distance === '9'))
        demo.faults.all({ stall: true });
    });
    await expect(handlers()['drafts.apply']({ siteId }, context)).rejects.toMatchObject({ code: 'closed' });
    stopWatching();
    expect(pendingRecords()).toHaveLength(1);

    session.lose();
    demo.faults.clear();
    expect(await safetyNets()).toHaveLength(1);
    const notice = next<{ level: string; message: string }>('sessions.notice', () => true);
    await session.connect();
    expect(await notice).toMatchObject({
      level: 'info',
      message: expect.stringContaining('the change is in place and confirmed'),
    });
    expect(await safetyNets()).toEqual([]);
    expect(pendingRecords()).toEqual([]);
    // Past the grace period the change is still there: the safety net really came off.
    await new Promise((resolve) => setTimeout(resolve, (grace + 1) * 1000));
    expect(await routeNamed('ISP2')).toMatchObject({ distance: 9 });
  });
});
