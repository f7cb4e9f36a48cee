import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApplyService, createApplyService } from '../../electron/apply/apply-service';
import { createFailoverService } from '../../electron/failover/failover-service';
import type { RouterClient } from '../../electron/routeros/router-client';
import { createRoutesService } from '../../electron/routes/routes-service';
import type { ApplyState } from '../../shared/ipc/channels/apply';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { parseRoute, type Route } from '../../shared/routes/route';
import { routeToForm } from '../../shared/routes/route-attrs';
import type { RouteFormValues } from '../../shared/routes/route-form';
import { applyChange, type DemoSession, type Lab, labWans, startLab } from '../failover/demo-session';
import { channelCases } from '../support/channels';
import { until } from '../support/until';

// Safe Mode against a real two-wan demo router on every channel: every change (the Routes tab's,
// the failover tab's) goes under one net on the router, pushed forward while the session lives;
// with the session gone the router alone puts everything back; turned off, the changes stay.

const siteId = 'lab';
const context = { clientId: 'test' };
const grace = 5;

let lab: Lab;
let session: DemoSession;
let checker: RouterClient;
let applies: ApplyService;
let routes: ReturnType<typeof createRoutesService>;
let failover: ReturnType<typeof createFailoverService>;
let emitted: { event: EventName; payload: unknown }[];

function emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
  emitted.push({ event, payload });
}
const lastState = () =>
  emitted
    .filter((item) => item.event === 'apply.state')
    .map((item) => item.payload as ApplyState)
    .at(-1);
const nets = () => checker.print('/system/scheduler', { query: ['name=uplink-safe-mode'] });
const defaults = async () =>
  (await checker.print('/ip/route', { query: ['dst-address=0.0.0.0/0', 'static=true'] })).map(parseRoute);
const isp1 = async () => (await defaults()).find((route) => route.gateway === '10.0.1.1') as Route;
const extra = () => checker.print('/ip/route', { query: ['dst-address=192.0.2.0/24'] });
const form = (route: Route) => routeToForm(route) as RouteFormValues;

/** The Routes tab's dialog: ISP1's default route to `distance`. */
async function editDistance(distance: number) {
  const route = await isp1();
  await routes.handlers['routes.update'](
    { siteId, family: 'ip', id: route.id, before: form(route), route: { ...form(route), distance } },
    context,
  );
}

const addExtra = () =>
  routes.handlers['routes.add'](
    {
      siteId,
      family: 'ip',
      route: { ...form({ ...parseRoute({}), gateway: '10.0.2.1' }), dstAddress: '192.0.2.0/24', distance: 1 },
    },
    context,
  );

describe.each(channelCases())('Safe Mode over $label', ({ channel }) => {
  beforeEach(async () => {
    emitted = [];
    lab = await startLab(siteId, { channel, checkGatewayIntervalMs: 100 });
    ({ session, checker } = lab);
    applies = createApplyService({ sessions: session, events: { emit }, profileDir: lab.profileDir });
    routes = createRoutesService({ sessions: session, events: { emit }, applies });
    failover = createFailoverService({ sessions: session, events: { emit }, applies });
    await session.connect();
    await applies.handlers['apply.setSettings']({ graceSeconds: grace }, context);
  });

  afterEach(async () => {
    await failover.dispose?.();
    await routes.dispose?.();
    await applies.dispose?.();
    await lab.stop();
  });

  it('holds every change under one net pushed forward while the session lives; lost, the router puts them all back', async () => {
    const on = await applies.handlers['apply.setSafeMode']({ siteId, on: true }, context);
    expect(on.safeMode).toMatchObject({ graceSeconds: grace, changes: 0 });
    expect(await nets()).toHaveLength(1);

    await editDistance(4);
    await addExtra();
    await applyChange(failover, siteId, { kind: 'configure', wan: labWans[0] });
    expect(lastState()?.safeMode?.changes).toBe(3);
    expect(lastState()?.report).toMatchObject({ origin: 'WAN Failover', outcome: 'applied' });
    expect((await isp1()).distance).toBe(4);
    expect(await extra()).toHaveLength(1);
    expect(await nets(), 'one net, whatever the number of changes').toHaveLength(1);

    // Longer than the grace period: the net is still there, pushed forward, and nothing went back.
    await new Promise((resolve) => setTimeout(resolve, (grace + 2) * 1000));
    expect(await nets()).toHaveLength(1);
    expect((await isp1()).distance).toBe(4);

    const lostAt = Date.now();
    session.lose();
    await until(nets, (rows) => rows.length === 0, (grace + 5) * 1000);
    expect(Date.now() - lostAt).toBeLessThan((grace + 3) * 1000);
    expect((await defaults()).map((route) => `${route.gateway} ${route.distance}`).sort()).toEqual([
      '10.0.1.1 1',
      '10.0.2.1 2',
    ]);
    expect(await extra()).toEqual([]);

    await session.connect();
    const after = await until(
      lastState,
      (state) => state !== undefined && state.safeMode === undefined && state.notice !== undefined,
    );
    expect(after?.notice?.message).toContain('put back the 3 changes made in Safe Mode');
    expect(applies.inSafeMode(siteId)).toBe(false);
  });

  it('keeps the changes when turned off, and takes the net away', async () => {
    await applies.handlers['apply.setSafeMode']({ siteId, on: true }, context);
    await editDistance(6);
    const off = await applies.handlers['apply.setSafeMode']({ siteId, on: false }, context);
    expect(off.safeMode).toBeUndefined();
    expect(off.notice?.message).toContain('the change made in it stays');
    expect(await nets()).toEqual([]);
    session.lose();
    await new Promise((resolve) => setTimeout(resolve, (grace + 1) * 1000));
    expect((await isp1()).distance).toBe(6);
  });

  it('is shown by an Uplink started again while the router is away, with when the router puts the changes back', async () => {
    await applies.handlers['apply.setSafeMode']({ siteId, on: true }, context);
    await editDistance(3);
    session.lose();
    const lostAt = Date.now();
    const restarted = createApplyService({ sessions: session, events: { emit }, profileDir: lab.profileDir });
    try {
      restarted.handlers['apply.get']({ siteId }, context);
      const shown = await until(
        () => restarted.handlers['apply.get']({ siteId }, context),
        (state) => state.safeMode !== undefined,
      );
      expect(shown.safeMode).toMatchObject({ graceSeconds: grace, changes: 1 });
      const restoresAt = Date.parse(shown.safeMode?.restoresAt ?? '');
      expect(restoresAt).toBeGreaterThan(lostAt - grace * 1000);
      expect(restoresAt).toBeLessThanOrEqual(lostAt + grace * 1000);
    } finally {
      await restarted.dispose?.();
    }
  });

  it('goes on where it was when the session is back within the grace period', async () => {
    await applies.handlers['apply.setSafeMode']({ siteId, on: true }, context);
    await editDistance(7);
    session.lose();
    await until(lastState, (state) => state?.safeMode?.restoresAt !== undefined);
    await session.connect();
    await until(
      lastState,
      (state) => state?.safeMode !== undefined && state.safeMode.restoresAt === undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, (grace + 1) * 1000));
    expect((await isp1()).distance, 'pushed forward again, so not put back').toBe(7);
    await applies.handlers['apply.setSafeMode']({ siteId, on: false }, context);
    expect((await isp1()).distance).toBe(7);
  });

  it('holds a blackhole route given a gateway, and lost, puts it back whole, with no gateway again', async () => {
    await checker.run('/ip/route/add', {
      'dst-address': '192.0.2.128/25',
      blackhole: 'yes',
      comment: 'sink',
    });
    const sink = async () =>
      (await checker.print('/ip/route', { query: ['dst-address=192.0.2.128/25'] })).map(parseRoute);
    const [hole] = await sink();
    expect(hole?.flags).toContain('blackhole');
    expect(hole?.gateway).toBe('');
    await applies.handlers['apply.setSafeMode']({ siteId, on: true }, context);
    await routes.handlers['routes.update'](
      {
        siteId,
        family: 'ip',
        id: hole!.id,
        before: form(hole!),
        route: { ...form(hole!), blackhole: false, gateway: '10.0.2.1' },
      },
      context,
    );
    expect(lastState()?.safeMode?.changes).toBe(1);
    const [unicast] = await sink();
    expect(unicast?.gateway).toBe('10.0.2.1');
    expect(unicast?.flags).not.toContain('blackhole');

    session.lose();
    await until(nets, (rows) => rows.length === 0, (grace + 5) * 1000);
    const back = await sink();
    expect(back).toHaveLength(1);
    expect(back[0]).toMatchObject({ gateway: '', comment: 'sink', distance: hole!.distance });
    expect(back[0]?.flags).toContain('blackhole');
  });

  it('refuses a change of more routes than its net holds, saying why, and sends nothing', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 101; n += 1) {
      const { ret } = await checker.run('/ip/route/add', {
        'dst-address': `172.16.${n}.0/24`,
        gateway: '10.0.2.1',
      });
      ids.push(ret!);
    }
    await applies.handlers['apply.setSafeMode']({ siteId, on: true }, context);
    await expect(
      routes.handlers['routes.setDisabled']({ siteId, family: 'ip', ids, disabled: true }, context),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/^Safe Mode cannot hold “Disable 101 routes”: .*up to 100 routes/),
    });
    const disabled = await checker.print('/ip/route', { query: ['disabled=true'] });
    expect(disabled, 'nothing was sent').toEqual([]);
    expect(lastState()?.safeMode?.changes).toBe(0);
    // One fewer fits: held by the net like any change.
    await routes.handlers['routes.setDisabled'](
      { siteId, family: 'ip', ids: ids.slice(1), disabled: true },
      context,
    );
    expect(await checker.print('/ip/route', { query: ['disabled=true'] })).toHaveLength(100);
    expect(lastState()?.safeMode?.changes).toBe(1);
  });

  it('outside Safe Mode, sends a default route’s edit as a confirmed apply only with the plan the technician saw', async () => {
    const route = await isp1();
    const edit = {
      siteId,
      family: 'ip' as const,
      id: route.id,
      before: form(route),
      route: { ...form(route), distance: 8 },
    };
    await expect(
      routes.handlers['routes.update']({ ...edit, commands: ['/ip route set *1 distance=9'] }, context),
    ).rejects.toMatchObject({ message: expect.stringContaining('nothing was sent') });
    expect((await isp1()).distance).toBe(1);
    const shown = ['/ip route set [find where dst-address="0.0.0.0/0" and comment="ISP1"] distance=8'];
    const result = await routes.handlers['routes.update']({ ...edit, commands: shown }, context);
    expect(result).toMatchObject({ outcome: 'applied', summary: 'Edit 0.0.0.0/0 (ISP1)' });
    expect(result?.held).toBeUndefined();
    expect((await isp1()).distance).toBe(8);
    expect(await checker.print('/system/scheduler'), 'confirmed: its safety net is gone').toEqual([]);
  });
});
