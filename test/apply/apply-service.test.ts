import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApplyService, createApplyService } from '../../electron/apply/apply-service';
import type { DemoRouter } from '../../electron/demo-router';
import { createFailoverService } from '../../electron/failover/failover-service';
import { readFailoverRoutes } from '../../electron/failover/router-reads';
import type { RouterClient } from '../../electron/routeros/router-client';
import type { ApplyState } from '../../shared/ipc/channels/apply';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { applyChange, type DemoSession, type Lab, labWans, startLab } from '../failover/demo-session';
import { until } from '../support/until';

// The one apply service against a real demo router (two-wan) over the real API: the per-site turn
// shared by every concern, and the router's safety net when the router has changed meanwhile.

const siteId = 'lab';
const context = { clientId: 'test' };
const grace = 5;

let lab: Lab;
let demo: DemoRouter;
let session: DemoSession;
let checker: RouterClient;
let applies: ApplyService;
let failover: ReturnType<typeof createFailoverService>;
let emitted: { event: EventName; payload: unknown }[];

function emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
  emitted.push({ event, payload });
}
const applyStates = () =>
  emitted.filter((item) => item.event === 'apply.state').map((item) => item.payload as ApplyState);
const distances = async () =>
  (await readFailoverRoutes(checker))
    .filter((route) => /^uplink:wan\d+$/.test(route.comment))
    .map((route) => `${route.comment}=${route.distance}`)
    .sort()
    .join(' ');
const safetyNets = () => checker.print('/system/scheduler', { query: ['comment=uplink:rollback'] });

beforeEach(async () => {
  emitted = [];
  lab = await startLab(siteId, { checkGatewayIntervalMs: 100 });
  ({ demo, session, checker } = lab);
  applies = createApplyService({ sessions: session, events: { emit }, profileDir: lab.profileDir });
  failover = createFailoverService({ sessions: session, events: { emit }, applies });
  await session.connect();
  await applies.handlers['apply.setSettings']({ graceSeconds: grace }, context);
  for (const wan of labWans) await applyChange(failover, siteId, { kind: 'configure', wan: wan });
});

afterEach(async () => {
  await failover.dispose?.();
  await applies.dispose?.();
  await lab.stop();
});

describe('the apply service', () => {
  it('applies one change per site at a time, whichever concern asks: the second is refused before it reads or sends anything', async () => {
    const change = { kind: 'reorder' as const, order: [2, 1] };
    const plan = await failover.handlers['failover.plan']({ siteId, change }, context);
    const commands = plan.steps.map((step) => step.command);
    const first = failover.handlers['failover.apply']({ siteId, change, commands }, context);
    let planned = false;
    const second = applies.apply({
      siteId,
      origin: 'Offline draft',
      plan: () => {
        planned = true;
        throw new Error('never planned');
      },
    });
    await expect(second).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('Another change is being applied to this site'),
    });
    expect(planned).toBe(false);
    await expect(first).resolves.toMatchObject({ outcome: 'applied' });
    expect(await distances()).toBe('uplink:wan1=2 uplink:wan2=1');
    expect(applies.busy(siteId)).toBe(false);
  });

  it('another change’s safety net on the router: the new one is refused with the change, nothing moves, and the other net stays', async () => {
    // Another Uplink (or this one, its record lost) left a net waiting: its add is the check.
    await checker.run('/system/scheduler/add', {
      name: 'uplink-rollback',
      interval: '1h',
      'on-event': ':log info "an earlier change"',
      comment: 'uplink:rollback',
    });
    const before = await distances();
    await expect(applyChange(failover, siteId, { kind: 'reorder', order: [2, 1] })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('An earlier change to this router is still waiting to be confirmed'),
    });
    expect(await distances()).toBe(before);
    expect((await safetyNets()).map((net) => net['on-event'])).toEqual([':log info "an earlier change"']);
    expect(applyStates().at(-1)?.interrupted).toBeUndefined();
  });

  it('refuses, before anything is sent, a change whose safety net would outlive the grant, and takes the grace it offers', async () => {
    session.expiresAt = new Date(Date.now() + 40_000).toISOString();
    await applies.handlers['apply.setSettings']({ graceSeconds: 60 }, context);
    const before = await distances();
    const refused = Promise.resolve(applyChange(failover, siteId, { kind: 'reorder', order: [2, 1] }));
    await expect(refused).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(
        /grant ends in \d+ seconds, before this change’s 60-second safety net would\. Use a grace of \d+ seconds/,
      ),
    });
    expect(await distances()).toBe(before);
    expect(await safetyNets()).toEqual([]);

    const offered = Number(
      /Use a grace of (\d+) seconds/.exec(
        ((await refused.catch((error: unknown) => error)) as Error).message,
      )?.[1],
    );
    expect(offered).toBeGreaterThanOrEqual(5);
    expect(offered).toBeLessThanOrEqual(10);
    await applies.handlers['apply.setSettings']({ graceSeconds: offered }, context);
    await expect(applyChange(failover, siteId, { kind: 'reorder', order: [2, 1] })).resolves.toMatchObject({
      outcome: 'applied',
    });
    expect(await distances()).toBe('uplink:wan1=2 uplink:wan2=1');
  });

  it('an item removed between the change and the rollback: the router restores everything else and leaves no scheduler entry', async () => {
    // The moment the router has the new primary, its replies stop: the app can no longer confirm.
    const stopWatching = demo.router.routes.onChange(({ changed }) => {
      for (const row of changed) {
        if (row.comment === 'uplink:wan1' && row.distance === '2') demo.faults.all({ stall: true });
      }
    });
    const attempt = applyChange(failover, siteId, { kind: 'reorder', order: [2, 1] });
    await expect(attempt).rejects.toMatchObject({ code: 'closed' });
    stopWatching();
    session.lose();
    demo.faults.clear();
    // Someone removes WAN 1's probe route on the router before the grace period ends.
    const [probe] = await checker.print('/ip/route', { query: ['comment=uplink:wan1:probe'] });
    await checker.run('/ip/route/remove', { '.id': probe?.['.id'] ?? '' });

    await until(distances, (now) => now === 'uplink:wan1=1 uplink:wan2=2', (grace + 5) * 1000);
    expect(await safetyNets()).toEqual([]);
    expect(await checker.print('/ip/route', { query: ['comment=uplink:wan1:probe'] })).toEqual([]);
    const interrupted = applyStates().find((state) => state.interrupted);
    expect(interrupted?.interrupted?.summary).toBe('WAN priority: WAN 2, WAN 1');

    // Back online, Uplink says what the router did, and shows no restore time any more.
    await session.connect();
    const settled = await until(
      () => applyStates().at(-1),
      (state) => state?.notice !== undefined,
    );
    expect(settled?.interrupted).toBeUndefined();
    expect(settled?.notice).toMatchObject({ level: 'error', outcome: 'unknown' });
    expect(settled?.notice?.message).toContain('neither as before nor as asked');
  });
});
