import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplyService } from '../../electron/apply/apply-service';
import { confirmedApply } from '../../electron/apply/confirmed-apply';
import { PendingApplies } from '../../electron/apply/pending-applies';
import type { DemoRouter } from '../../electron/demo-router';
import { createFailoverService } from '../../electron/failover/failover-service';
import { readFailoverRoutes } from '../../electron/failover/router-reads';
import type { RouterClient } from '../../electron/routeros/router-client';
import { keptRouteComment, reorderPlan } from '../../shared/failover/plan';
import type { FailoverState } from '../../shared/ipc/channels/failover';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { UplinkError } from '../../shared/ipc/errors';
import { hasFlag, isDefaultRoute } from '../../shared/routes/route';
import { channelCases } from '../support/channels';
import { until } from '../support/until';
import { applyChange, type DemoSession, type Lab, type LabOptions, labWans, startLab } from './demo-session';

// The failover service against a real demo router (two-wan): what it must do on every channel runs
// on each, the rest over the API. What the router holds after each step is read from the router
// over an API connection of the test's own.

const siteId = 'lab';
const context = { clientId: 'test' };
const [wan1, wan2] = labWans;
const grace = 5;

let lab: Lab;
let demo: DemoRouter;
let profileDir: string;
let session: DemoSession;
let service: ReturnType<typeof createFailoverService>;
let applies: ReturnType<typeof createApplyService>;
let checker: RouterClient;
let emitted: { event: EventName; payload: unknown }[];
let waiters: (() => void)[];

const handlers = () => service.handlers;

function emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
  emitted.push({ event, payload });
  for (const wake of [...waiters]) wake();
}

/** The first event (already sent or still to come) that passes `test`. */
function nextEvent<K extends EventName>(
  event: K,
  test: (payload: EventPayload<K>) => boolean,
  timeoutMs = 10_000,
): Promise<EventPayload<K>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} event as expected in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const look = () => {
      const found = emitted.find((item) => item.event === event && test(item.payload as EventPayload<K>));
      if (!found) return;
      clearTimeout(timer);
      waiters = waiters.filter((waiter) => waiter !== look);
      resolve(found.payload as EventPayload<K>);
    };
    waiters.push(look);
    look();
  });
}

const stateWhere = (test: (state: FailoverState) => boolean, timeoutMs?: number) =>
  nextEvent('failover.state', (state) => state.phase === 'ready' && test(state), timeoutMs);

const routerRoutes = () => readFailoverRoutes(checker);
const uplinkOnRouter = async () =>
  (await routerRoutes()).filter((route) => route.comment.startsWith('uplink:'));
const distanceOf = async (comment: string) =>
  (await routerRoutes()).find((route) => route.comment === comment)?.distance;
const activeDefault = async () =>
  (await routerRoutes()).find((route) => isDefaultRoute(route) && hasFlag(route, 'active'));
const safetyNets = () => checker.print('/system/scheduler', { query: ['name=uplink-rollback'] });
const pendingRecords = () => {
  const dir = join(profileDir, 'apply', 'pending');
  return existsSync(dir) ? readdirSync(dir) : [];
};

async function configureBoth(): Promise<void> {
  await applyChange(service, siteId, { kind: 'configure', wan: wan1 });
  await applyChange(service, siteId, { kind: 'configure', wan: wan2 });
  await applyChange(service, siteId, { kind: 'renumber' });
}

function startService(): void {
  applies = createApplyService({ sessions: session, events: { emit }, profileDir });
  service = createFailoverService({ sessions: session, events: { emit }, applies });
}

/** A lab of each test's own, its session on `options`' channel; the services started on it. */
function useLab(options: Pick<LabOptions, 'channel' | 'latency'> = {}): void {
  beforeEach(async () => {
    emitted = [];
    waiters = [];
    lab = await startLab(siteId, { checkGatewayIntervalMs: 100, ...options });
    ({ demo, session, checker, profileDir } = lab);
    startService();
    await session.connect();
    await applies.handlers['apply.setSettings']({ graceSeconds: grace }, context);
  });

  afterEach(async () => {
    await service.dispose?.();
    await applies.dispose?.();
    await lab.stop();
  });
}

describe.each(channelCases())('the failover service over $label', ({ channel, latency }) => {
  useLab({ channel, latency });

  it('configures both WANs with the recipe, each a confirmed apply that leaves no safety net behind', async () => {
    await applyChange(service, siteId, { kind: 'configure', wan: wan1 });
    await applyChange(service, siteId, { kind: 'configure', wan: wan2 });
    const ours = await uplinkOnRouter();
    expect(ours.map((route) => [route.comment, route.dstAddress, route.gateway, route.distance])).toEqual(
      expect.arrayContaining([
        ['uplink:wan1:probe', '1.1.1.1/32', '10.0.1.1%ether1', 1],
        ['uplink:wan1', '0.0.0.0/0', '1.1.1.1', 1],
        ['uplink:wan2:probe', '9.9.9.9/32', '10.0.2.1%ether2', 1],
        ['uplink:wan2', '0.0.0.0/0', '9.9.9.9', 2],
      ]),
    );
    expect(ours).toHaveLength(4);
    expect(await safetyNets()).toEqual([]);
    expect(pendingRecords()).toEqual([]);
    const state = await stateWhere(
      (candidate) => candidate.wans.length === 2 && candidate.wans.every((wan) => wan.state !== 'incomplete'),
    );
    expect(state.wans.map((wan) => [wan.wan, wan.priority])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(state.others.filter((other) => other.fights).map(({ route }) => route.gateway)).toEqual([
      '10.0.1.1',
      '10.0.2.1',
    ]);
  });

  it('a reorder makes WAN 2 the active link, and a failover the router makes shows by itself', async () => {
    await configureBoth();
    const started = Date.now();
    const result = await applyChange(service, siteId, { kind: 'reorder', order: [2, 1] });
    expect(result.outcome).toBe('applied');
    await stateWhere((state) => state.active?.wan === 2);
    expect(Date.now() - started).toBeLessThan(grace * 1000);
    expect((await activeDefault())?.immediateGw).toBe('10.0.2.1%ether2');
    expect(await safetyNets()).toEqual([]);

    demo.router.links.set('ether2', { up: false });
    const failedOver = await stateWhere(
      (state) => state.active?.wan === 1 && state.wans.some((wan) => wan.state === 'down'),
    );
    expect(failedOver.wans.map((wan) => [wan.wan, wan.state])).toEqual([
      [2, 'down'],
      [1, 'active'],
    ]);
    expect((await activeDefault())?.immediateGw).toBe('10.0.1.1%ether1');
  });

  it('a step the router refuses is undone at once, and the safety net taken off', async () => {
    await configureBoth();
    const client = session.client(siteId);
    const plan = reorderPlan(await readFailoverRoutes(client), [2, 1]);
    plan.forward.push({ op: 'set', menu: '/ip/route', select: { id: '*FFFF' }, attrs: { distance: '9' } });
    const attempt = confirmedApply(
      {
        client,
        siteId,
        graceSeconds: grace,
        pending: new PendingApplies(join(profileDir, 'apply', 'pending')),
        onStep: () => undefined,
      },
      plan,
    );
    await expect(attempt).rejects.toThrow(
      /The router refused “WAN priority: WAN 2, WAN 1”: no such item\. Uplink put the previous settings back\./,
    );
    expect(await distanceOf('uplink:wan1')).toBe(1);
    expect(await distanceOf('uplink:wan2')).toBe(2);
    expect(await safetyNets()).toEqual([]);
    expect(pendingRecords()).toEqual([]);
  });

  it('deactivate removes everything tagged uplink:, puts back the distances it moved, and keeps the link carrying traffic', async () => {
    await configureBoth();
    await applyChange(service, siteId, { kind: 'reorder', order: [2, 1] });
    expect((await activeDefault())?.immediateGw).toBe('10.0.2.1%ether2');
    const plan = await handlers()['failover.plan']({ siteId, change: { kind: 'deactivate' } }, context);
    expect(plan.steps.filter((step) => step.op === 'remove')).toHaveLength(4);
    expect(plan.outcome).toBe('ISP2 (ether2)');
    expect(plan.steps.map((step) => step.text)).toEqual(
      expect.arrayContaining([
        'ISP2 default route: distance 4 → 1, the note of its earlier distance taken off its comment',
        'WAN 2 (ISP2) default route: remove',
        'ISP1 default route: distance 3 → 2, the note of its earlier distance taken off its comment',
        'LTE default route (DHCP client on ether3): distance 5 → 3, the note of its earlier distance taken off its comment',
      ]),
    );
    expect(plan.steps.every((step) => !/\*[0-9A-F]+/.test(step.command))).toBe(true);
    const report = await applyChange(service, siteId, { kind: 'deactivate' });
    expect(report.link).toEqual({ active: 'ISP2 (ether2)', expected: 'ISP2 (ether2)', holds: true });
    expect(await uplinkOnRouter()).toEqual([]);
    expect(await safetyNets()).toEqual([]);
    expect((await activeDefault())?.immediateGw).toBe('10.0.2.1%ether2');
    const plain = (await routerRoutes()).filter((route) => isDefaultRoute(route));
    expect(plain.map((route) => [route.comment, route.distance]).sort()).toEqual([
      ['', 3],
      ['ISP1', 2],
      ['ISP2', 1],
    ]);
    const [lte] = await checker.print('/ip/dhcp-client', { query: ['interface=ether3'] });
    expect(lte).toMatchObject({ comment: 'LTE', 'default-route-distance': '3' });
  });

  it('enable proposes the router’s default routes as named WANs, and changes nothing until the plan is applied as shown', async () => {
    const proposed = await handlers()['failover.propose']({ siteId }, context);
    expect(proposed).toEqual([
      { wan: 1, name: 'ISP1', gateway: '10.0.1.1', interface: 'ether1', probe: '1.1.1.1' },
      { wan: 2, name: 'ISP2', gateway: '10.0.2.1', interface: 'ether2', probe: '9.9.9.9' },
      { wan: 3, name: 'ether3', gateway: '192.168.8.1', interface: 'ether3', probe: '8.8.8.8' },
    ]);
    const change = { kind: 'enable' as const, wans: proposed.slice(0, 2).reverse() };
    const plan = await handlers()['failover.plan']({ siteId, change }, context);
    expect(plan.outcome).toBe('ISP2 (ether2)');
    expect(plan.steps.map((step) => step.text)).toEqual(
      expect.arrayContaining([
        'WAN 2 (ISP2) default route: add, through probe host 9.9.9.9 checked by ping, distance 1',
        'ISP1 default route: distance 1 → 3, its earlier distance noted in its comment, for Deactivate',
      ]),
    );
    expect(await uplinkOnRouter()).toEqual([]);
    // The router changes under the plan: Apply sends nothing and says so.
    const [isp1] = await checker.print('/ip/route', { query: ['comment=ISP1'] });
    await checker.run('/ip/route/set', { '.id': isp1?.['.id'] ?? '', distance: 7 });
    const stale = plan.steps.map((step) => step.command);
    await expect(handlers()['failover.apply']({ siteId, change, commands: stale }, context)).rejects.toThrow(
      /The router changed since this plan was made, so nothing was sent/,
    );
    expect(await uplinkOnRouter()).toEqual([]);
    await checker.run('/ip/route/set', { '.id': isp1?.['.id'] ?? '', distance: 1 });
    const report = await handlers()['failover.apply']({ siteId, change, commands: stale }, context);
    expect(report).toMatchObject({ outcome: 'applied', link: { active: 'ISP2 (ether2)', holds: true } });
    const state = await stateWhere(
      (candidate) => candidate.wans.length === 2 && candidate.wans.every((wan) => wan.state !== 'incomplete'),
    );
    expect(state.wans.map((wan) => [wan.wan, wan.name, wan.priority])).toEqual([
      [2, 'ISP2', 1],
      [1, 'ISP1', 2],
    ]);
  });
});

describe('the failover service against the two-wan demo router', () => {
  useLab();

  it('shows the site as it is: no WANs yet, its own default routes beside them, ISP1 carrying traffic', async () => {
    const state = await stateWhere((candidate) => candidate.others.length > 0);
    expect(state.wans).toEqual([]);
    expect(state.others.map(({ route, fights }) => [route.gateway, route.distance, fights])).toEqual([
      ['10.0.1.1', 1, false],
      ['10.0.2.1', 2, false],
      ['192.168.8.1', 3, false],
    ]);
    expect(state.active).toMatchObject({ label: 'ether1', detail: expect.stringContaining('via 10.0.1.1') });
    const interfaces = await handlers()['failover.interfaces']({ siteId }, context);
    expect(interfaces.find((item) => item.name === 'ether2')?.addresses).toEqual(['10.0.2.2/24']);
  });

  it('refuses a gateway interface that matches no interface, and sends nothing', async () => {
    const attempt = handlers()['failover.plan'](
      { siteId, change: { kind: 'configure', wan: { ...wan2, interface: 'eth2' } } },
      context,
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid',
      fields: {
        interface:
          'There is no interface named “eth2” on this router. Pick one from the list: a typed name must match an interface exactly.',
      },
    });
    expect(await uplinkOnRouter()).toEqual([]);
    expect(await safetyNets()).toEqual([]);
  });

  it('moves the other default routes behind the WANs, the DHCP one through its client', async () => {
    await configureBoth();
    const others = (await routerRoutes()).filter(
      (route) => isDefaultRoute(route) && !route.comment.startsWith('uplink:'),
    );
    expect(others.map((route) => [route.gateway, route.distance])).toEqual(
      expect.arrayContaining([
        ['10.0.1.1', 3],
        ['10.0.2.1', 4],
        ['192.168.8.1', 5],
      ]),
    );
    const state = await stateWhere(
      (candidate) => candidate.wans.length === 2 && candidate.others.every((o) => !o.fights),
    );
    expect(state.active).toMatchObject({ label: 'WAN 1', wan: 1 });
  });

  it('recognises an existing Uplink setup when it connects', async () => {
    await configureBoth();
    await applyChange(service, siteId, { kind: 'reorder', order: [2, 1] });
    await service.dispose?.();
    await applies.dispose?.();
    emitted = [];
    startService();
    await session.close();
    await session.connect();
    const state = await stateWhere((candidate) => candidate.wans.length === 2);
    expect(
      state.wans.map(({ wan, gateway, interface: name, probe }) => ({ wan, gateway, name, probe })),
    ).toEqual([
      { wan: 2, gateway: '10.0.2.1', name: 'ether2', probe: '9.9.9.9' },
      { wan: 1, gateway: '10.0.1.1', name: 'ether1', probe: '1.1.1.1' },
    ]);
  });

  it('the router puts the old priority back by itself when the session dies during the apply', async () => {
    await configureBoth();
    // The moment the router has the new primary, its replies stop: the app can no longer confirm.
    const stopWatching = demo.router.routes.onChange(({ changed }) => {
      for (const row of changed) {
        if (row.comment === 'uplink:wan2' && row.distance === '1') demo.faults.all({ stall: true });
      }
    });
    const started = Date.now();
    const attempt = applyChange(service, siteId, { kind: 'reorder', order: [2, 1] });
    await expect(attempt).rejects.toMatchObject({
      code: 'closed',
      message: expect.stringContaining('within 5 seconds'),
    });
    stopWatching();
    session.lose();
    const lost = await nextEvent('apply.state', (state) => state.interrupted !== undefined);
    expect(lost.interrupted?.summary).toBe('WAN priority: WAN 2, WAN 1');
    expect(pendingRecords()).toHaveLength(1);

    const fresh = await session.open();
    try {
      // WAN 2 back at distance 2 can only be the safety net's doing: the stall came after it was set to 1.
      await until(
        async () =>
          (await readFailoverRoutes(fresh))
            .filter((route) => /^uplink:wan\d+$/.test(route.comment))
            .map((route) => `${route.comment}=${route.distance}`)
            .sort()
            .join(' '),
        (distances) => distances === 'uplink:wan1=1 uplink:wan2=2',
      );
    } finally {
      await fresh.close();
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual((grace - 1) * 1000);

    demo.faults.clear();
    await session.connect();
    const notice = await nextEvent('sessions.notice', () => true);
    expect(notice).toMatchObject({ siteId, level: 'warning' });
    expect(notice.message).toContain('the router put them back by itself when the');
    expect(await distanceOf('uplink:wan2')).toBe(2);
    expect(await safetyNets()).toEqual([]);
    expect(pendingRecords()).toEqual([]);
  });

  it('reaching the router again before the grace period ends confirms the change', async () => {
    await configureBoth();
    const stopWatching = demo.router.routes.onChange(({ changed }) => {
      for (const row of changed) {
        if (row.comment === 'uplink:wan1' && row.distance === '2') demo.faults.all({ stall: true });
      }
    });
    await expect(applyChange(service, siteId, { kind: 'reorder', order: [2, 1] })).rejects.toBeInstanceOf(
      UplinkError,
    );
    stopWatching();
    session.lose();
    demo.faults.clear();
    await session.connect();
    const notice = await nextEvent('sessions.notice', () => true);
    expect(notice.message).toContain('the change is in place and confirmed');
    expect(await safetyNets()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, grace * 1000 + 500));
    expect(await distanceOf('uplink:wan2')).toBe(1);
  });

  it('deactivate keeps the active WAN’s gateway as a plain default route when nothing else would carry traffic', async () => {
    await applyChange(service, siteId, { kind: 'configure', wan: wan1 });
    await applyChange(service, siteId, { kind: 'configure', wan: wan2 });
    await applyChange(service, siteId, { kind: 'reorder', order: [2, 1] });
    for (const route of await routerRoutes()) {
      if (isDefaultRoute(route) && !route.comment.startsWith('uplink:') && !hasFlag(route, 'dynamic')) {
        await checker.run('/ip/route/remove', { '.id': route.id });
      }
    }
    await applyChange(service, siteId, { kind: 'deactivate' });
    expect(await uplinkOnRouter()).toEqual([]);
    const active = await activeDefault();
    expect(active).toMatchObject({ gateway: '10.0.2.1', comment: keptRouteComment(2), distance: 1 });
  });

  it('a read-only site is refused any change', async () => {
    session.readOnly = true;
    await expect(applyChange(service, siteId, { kind: 'configure', wan: wan1 })).rejects.toMatchObject({
      code: 'read-only',
    });
    await expect(applyChange(service, siteId, { kind: 'deactivate' })).rejects.toMatchObject({
      code: 'read-only',
    });
  });
});
