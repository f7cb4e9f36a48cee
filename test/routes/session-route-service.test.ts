import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApplyService, createApplyService } from '../../electron/apply/apply-service';
import type { RouterClient } from '../../electron/routeros/router-client';
import { createRoutesService } from '../../electron/routes/routes-service';
import type { ApplyState, UndoPlanView } from '../../shared/ipc/channels/apply';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { parseRoute, type Route } from '../../shared/routes/route';
import { newRouteForm, routeToForm } from '../../shared/routes/route-attrs';
import { type RouteFormValues, routeFormSchema } from '../../shared/routes/route-form';
import { type DemoSession, type Lab, startLab } from '../failover/demo-session';
import { channelCases } from '../support/channels';

// Outside Safe Mode, a Routes tab change to the route the session itself uses is a confirmed apply,
// planned first, on every channel: the router sees the session coming from a relay behind a route
// of its own (the demo router's `loginsFrom`), and a change that touches that route, or leaves
// another route winning the relay's address, says so in its plan and goes under a safety net; a
// change elsewhere goes straight.

const siteId = 'lab';
const ref = { siteId, family: 'ip' as const };
const context = { clientId: 'test' };
const relay = '198.51.100.7';

let lab: Lab;
let session: DemoSession;
let checker: RouterClient;
let applies: ApplyService;
let routes: ReturnType<typeof createRoutesService>;
let emitted: { event: EventName; payload: unknown }[];

function emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
  emitted.push({ event, payload });
}
/** How many confirmed applies put their safety net on the router since the test began. */
const netsPut = () =>
  new Set(
    emitted
      .map((item) => (item.event === 'apply.state' ? (item.payload as ApplyState).applying : undefined))
      .filter((applying) => applying?.step === 'safety-net')
      .map((applying) => applying?.startedAt),
  ).size;
const routeAt = async (dst: string) =>
  (await checker.print('/ip/route', { query: [`dst-address=${dst}`] })).map(parseRoute)[0] as Route;
const form = (values: Partial<RouteFormValues>): RouteFormValues =>
  routeFormSchema.parse({ ...newRouteForm, ...values });
const commandsOf = (plan: UndoPlanView | null) => plan?.steps.map((step) => step.command);

describe.each(channelCases())('the route carrying the session over $label', ({ channel }) => {
  beforeEach(async () => {
    emitted = [];
    lab = await startLab(siteId, { channel, loginsFrom: relay });
    ({ session, checker } = lab);
    // The relay is reached through ISP2, by a route of its own.
    await checker.run('/ip/route/add', {
      'dst-address': '198.51.100.0/24',
      gateway: '10.0.2.1',
      comment: 'VPN',
    });
    applies = createApplyService({ sessions: session, events: { emit }, profileDir: lab.profileDir });
    routes = createRoutesService({ sessions: session, events: { emit }, applies });
    await session.connect();
  });

  afterEach(async () => {
    await routes.dispose?.();
    await applies.dispose?.();
    await lab.stop();
  });

  it('plans a change to it first, says why, and sends it as a confirmed apply', async () => {
    expect(session.state(siteId)?.seenFrom).toBe(relay);
    const vpn = await routeAt('198.51.100.0/24');
    const h = routes.handlers;

    const plan = await h['routes.planSelection']({ ...ref, ids: [vpn.id], change: 'disable' }, context);
    expect(plan?.reasons).toEqual([
      `198.51.100.0/24 (VPN): this route carries your session to the router (the router sees Uplink at ${relay}).`,
    ]);
    expect(plan?.steps.map((step) => step.text)).toEqual(['198.51.100.0/24 (VPN): disabled no → yes']);
    expect(commandsOf(plan)).toEqual([
      '/ip route set [find where dst-address="198.51.100.0/24" and comment="VPN"] disabled=yes',
    ]);
    expect((await routeAt('198.51.100.0/24')).flags).not.toContain('disabled');

    const result = await h['routes.setDisabled'](
      { ...ref, ids: [vpn.id], disabled: true, commands: commandsOf(plan) },
      context,
    );
    expect(result).toMatchObject({ outcome: 'applied' });
    expect(netsPut()).toBe(1);
    expect((await routeAt('198.51.100.0/24')).flags).toContain('disabled');
    expect(await checker.print('/system/scheduler'), 'the safety net is off again').toEqual([]);

    // Disabled, it no longer carries the session (the default route does); enabled, it would again.
    const enable = await h['routes.planSelection']({ ...ref, ids: [vpn.id], change: 'enable' }, context);
    expect(enable?.reasons).toEqual([
      `198.51.100.0/24 (VPN): this route would carry your session to the router instead of 0.0.0.0/0 (ISP1) (the router sees Uplink at ${relay}).`,
    ]);
    // Ctrl+Z's plan says the same of the undo, which enables it again.
    const undo = await applies.handlers['apply.undoPlan']({ siteId }, context);
    expect(undo.reasons).toEqual(enable?.reasons);
  });

  it('plans a route that would win the session’s address, and its edit; a route elsewhere goes straight', async () => {
    const h = routes.handlers;
    const narrower = form({ dstAddress: '198.51.100.0/25', gateway: '10.0.1.1', distance: 9 });
    const plan = await h['routes.planAdd']({ ...ref, route: narrower }, context);
    expect(plan?.reasons).toEqual([
      `198.51.100.0/25 via 10.0.1.1: this route would carry your session to the router instead of 198.51.100.0/24 (VPN) (the router sees Uplink at ${relay}).`,
    ]);
    expect(await routeAt('198.51.100.0/25'), 'nothing is sent before Apply').toBeUndefined();
    await h['routes.add']({ ...ref, route: narrower, commands: commandsOf(plan) }, context);
    expect(netsPut()).toBe(1);
    expect((await routeAt('198.51.100.0/25')).flags).toContain('active');

    // The narrower route carries the session now: its distance is a plan of its own.
    const added = await routeAt('198.51.100.0/25');
    const before = routeFormSchema.parse(routeToForm(added));
    const edit = await h['routes.planUpdate'](
      { ...ref, id: added.id, before, route: { ...before, distance: 12 } },
      context,
    );
    expect(edit?.steps.map((step) => step.text)).toEqual(['198.51.100.0/25 via 10.0.1.1: distance 9 → 12']);
    expect(edit?.reasons?.[0]).toMatch(
      /^198\.51\.100\.0\/25 via 10\.0\.1\.1: this route carries your session/,
    );
    expect(commandsOf(edit)).toEqual([
      '/ip route set [find where dst-address="198.51.100.0/25" and gateway="10.0.1.1"] distance=12',
    ]);
    await h['routes.update'](
      { ...ref, id: added.id, before, route: { ...before, distance: 12 }, commands: commandsOf(edit) },
      context,
    );
    expect(netsPut()).toBe(2);
    expect((await routeAt('198.51.100.0/25')).distance).toBe(12);

    // Elsewhere: no plan, and straight to the router.
    const elsewhere = form({ dstAddress: '203.0.113.0/24', gateway: '10.0.1.1' });
    expect(await h['routes.planAdd']({ ...ref, route: elsewhere }, context)).toBeNull();
    await h['routes.add']({ ...ref, route: elsewhere }, context);
    const other = await routeAt('203.0.113.0/24');
    expect(
      await h['routes.planSelection']({ ...ref, ids: [other.id], change: 'disable' }, context),
    ).toBeNull();
    // Moved onto the relay's address, the same route would win it.
    const moved = routeFormSchema.parse(routeToForm(other));
    const onto = await h['routes.planUpdate'](
      { ...ref, id: other.id, before: moved, route: { ...moved, dstAddress: '198.51.100.0/26' } },
      context,
    );
    expect(onto?.reasons?.[0]).toMatch(
      /^198\.51\.100\.0\/26 via 10\.0\.1\.1: this route would carry your session/,
    );
    expect(netsPut()).toBe(2);
    // The last change (the route added elsewhere) undone touches nothing the session rides.
    expect((await applies.handlers['apply.undoPlan']({ siteId }, context)).reasons).toBeUndefined();
  });

  it('a session seen from the internet rides a default route: both reasons, read again on reconnect', async () => {
    lab.demo.router.users.loginsFrom = '203.0.113.50';
    session.lose();
    await session.connect();
    expect(session.state(siteId)?.seenFrom).toBe('203.0.113.50');
    const isp1 = (await checker.print('/ip/route', { query: ['comment=ISP1'] })).map(parseRoute)[0]!;
    const plan = await routes.handlers['routes.planSelection'](
      { ...ref, ids: [isp1.id], change: 'disable' },
      context,
    );
    expect(plan?.reasons).toEqual([
      'It changes a default route: traffic may move to another link.',
      '0.0.0.0/0 (ISP1): this route carries your session to the router (the router sees Uplink at 203.0.113.50).',
    ]);
    const vpn = await routeAt('198.51.100.0/24');
    expect(
      await routes.handlers['routes.planSelection']({ ...ref, ids: [vpn.id], change: 'disable' }, context),
    ).toBeNull();
  });
});
