import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyService, createApplyService } from '../../electron/apply/apply-service';
import type { RouterClient } from '../../electron/routeros/router-client';
import { createRoutesService } from '../../electron/routes/routes-service';
import type { ApplyState } from '../../shared/ipc/channels/apply';
import type { RouteTableStatus } from '../../shared/ipc/channels/routes';
import { parseRoute } from '../../shared/routes/route';
import { routeToForm } from '../../shared/routes/route-attrs';
import { type RouteFamily, routeMenuOf } from '../../shared/routes/route-family';
import { routeFormSchema } from '../../shared/routes/route-form';
import { routerRows } from '../routes/demo-router-api';
import { sessionsFor } from '../routes/session-adapter';
import { type ChannelLab, channelCases, startChannel } from '../support/channels';
import { until } from '../support/until';

// Ctrl+Z's service side on every channel: each change the Routes tab makes is kept with its undo,
// the undo is planned in words and RouterOS lines, sent as a confirmed apply, and the router itself
// is asked whether the change is gone.

const siteId = 'lab';
const context = { clientId: 'test' };

describe.each(channelCases())('undo over $label', ({ channel, latency }) => {
  let lab: ChannelLab;
  let client: RouterClient;
  let profileDir: string;
  let applies: ApplyService;
  let routes: ReturnType<typeof createRoutesService>;
  const states: ApplyState[] = [];

  beforeAll(async () => {
    lab = await startChannel(channel, { latency, callTimeoutMs: 15_000 });
    client = await lab.connect();
    profileDir = mkdtempSync(join(tmpdir(), 'uplink-undo-'));
    const sessions = sessionsFor({ [siteId]: client });
    const events = {
      emit: (event: string, payload: unknown) => {
        if (event === 'apply.state') states.push(payload as ApplyState);
      },
    };
    applies = createApplyService({ sessions, events, profileDir });
    await applies.handlers['apply.setSettings']({ graceSeconds: 10 }, context);
    let status: RouteTableStatus | undefined;
    routes = createRoutesService({
      sessions,
      events: {
        emit: (event, payload) => {
          if (event === 'routes.status') status = payload as RouteTableStatus;
        },
      },
      applies,
    });
    await routes.handlers['routes.watch']({ siteId, family: 'ip' }, context);
    await until(
      () => status?.phase,
      (phase) => phase === 'ready',
    );
  }, 30_000);

  afterAll(async () => {
    await routes?.dispose?.();
    await applies?.dispose?.();
    await lab?.stop();
    rmSync(profileDir, { recursive: true, force: true });
  });

  const ask = (...query: string[]) => routerRows({ ...lab.demo.api }, '/ip/route', ...query);
  const undo = async () => {
    const plan = await applies.handlers['apply.undoPlan']({ siteId }, context);
    const result = await applies.handlers['apply.undo'](
      { siteId, commands: plan.steps.map((step) => step.command) },
      context,
    );
    return { plan, result };
  };

  it('takes back a distance edit, then a bulk disable and a removal, the last change first', async () => {
    const [isp2] = await ask('?comment=ISP2');
    const route = parseRoute(isp2!);
    const before = routeFormSchema.parse(routeToForm(route));
    await routes.handlers['routes.update'](
      { siteId, family: 'ip', id: route.id, before, route: { ...before, distance: 42 } },
      context,
    );
    expect((await ask('?comment=ISP2'))[0]?.distance).toBe('42');
    await until(
      () => states.at(-1)?.lastChange?.summary,
      (summary) => summary === 'Edit 0.0.0.0/0 (ISP2)',
    );

    // A bulk disable of two static routes, then a removal of one of them, on top.
    for (const dst of ['198.51.100.0/24', '203.0.113.0/24'])
      await client.run('/ip/route/add', { 'dst-address': dst, gateway: '10.0.1.1', distance: 7 });
    const picked = (await ask('?distance=7')).filter((row) => row['dst-address'] !== '0.0.0.0/0');
    expect(picked).toHaveLength(2);
    const ids = picked.map((row) => row['.id']!);
    await until(
      () => routes.handlers['routes.rows']({ siteId, family: 'ip', ids }, context),
      (rows) => rows.length === 2,
    );
    await routes.handlers['routes.setDisabled']({ siteId, family: 'ip', ids, disabled: true }, context);
    await until(
      () => routes.handlers['routes.rows']({ siteId, family: 'ip', ids }, context),
      (rows) => rows.every((row) => row.flags.includes('disabled')),
    );
    const gone = picked[1]!;
    await routes.handlers['routes.remove']({ siteId, family: 'ip', ids: [gone['.id']!] }, context);
    expect(await ask(`?.id=${gone['.id']}`)).toHaveLength(0);

    // The removal first: added back as it was, disabled included.
    const removal = await undo();
    expect(removal.plan.steps.map((step) => step.text)).toEqual([
      expect.stringMatching(new RegExp(`^${gone['dst-address']!.replace(/\./g, '\\.')} .*: add back$`)),
    ]);
    expect(removal.plan.steps[0]?.command).toMatch(/^\/ip route add dst-address=/);
    expect(removal.result.outcome).toBe('applied');
    const [back] = await ask(`?dst-address=${gone['dst-address']}`, `?gateway=${gone.gateway}`);
    expect(back).toMatchObject({ disabled: 'true', distance: gone.distance, gateway: gone.gateway });

    // Then the bulk disable: both enabled again, by [find], never by id.
    const enabling = await undo();
    expect(enabling.plan.steps).toHaveLength(2);
    expect(enabling.plan.steps.every((step) => step.text.endsWith(': enable'))).toBe(true);
    expect(enabling.plan.steps.every((step) => step.command.includes('[find where'))).toBe(true);
    for (const row of picked) {
      const [now] = await ask(`?dst-address=${row['dst-address']}`, `?gateway=${row.gateway}`);
      expect(now?.disabled).toBe('false');
    }

    // Then the distance, in words first.
    const distance = await undo();
    expect(distance.plan.steps.map((step) => step.text)).toEqual([
      `0.0.0.0/0 (ISP2): distance 42 → ${route.distance}`,
    ]);
    expect((await ask('?comment=ISP2'))[0]?.distance).toBe(String(route.distance));
    // No safety net is left behind, and nothing more to take back.
    expect(await client.print('/system/scheduler', { query: ['name=uplink-rollback'] })).toHaveLength(0);
    expect(states.at(-1)?.lastChange).toBeUndefined();
    await expect(applies.handlers['apply.undoPlan']({ siteId }, context)).rejects.toMatchObject({
      code: 'not-found',
    });
  }, 60_000);

  it('sends nothing when the undo shown is no longer the last change', async () => {
    const [isp1] = await ask('?comment=ISP1');
    const route = parseRoute(isp1!);
    const before = routeFormSchema.parse(routeToForm(route));
    await routes.handlers['routes.update'](
      { siteId, family: 'ip', id: route.id, before, route: { ...before, comment: 'ISP1 main' } },
      context,
    );
    const shown = await applies.handlers['apply.undoPlan']({ siteId }, context);
    await routes.handlers['routes.comment'](
      { siteId, family: 'ip', ids: [route.id], comment: 'ISP1 backup' },
      context,
    );
    await expect(
      applies.handlers['apply.undo']({ siteId, commands: shown.steps.map((step) => step.command) }, context),
    ).rejects.toMatchObject({ code: 'invalid', message: expect.stringContaining('nothing was sent') });
    expect((await ask(`?.id=${route.id}`))[0]?.comment).toBe('ISP1 backup');
    // Both taken back, in turn: the comment, then the edit.
    await undo();
    expect((await ask(`?.id=${route.id}`))[0]?.comment).toBe('ISP1 main');
    await undo();
    expect((await ask(`?.id=${route.id}`))[0]?.comment).toBe('ISP1');
  }, 60_000);

  it('keeps what Ctrl+Z takes back across a restart of the app', async () => {
    const [isp1] = await ask('?comment=ISP1');
    const route = parseRoute(isp1!);
    const before = routeFormSchema.parse(routeToForm(route));
    await routes.handlers['routes.update'](
      { siteId, family: 'ip', id: route.id, before, route: { ...before, comment: 'ISP1 kept' } },
      context,
    );
    await until(
      () => states.at(-1)?.lastChange?.summary,
      (summary) => summary === 'Edit 0.0.0.0/0 (ISP1)',
    );
    // Another apply service on the same profile: the app started again.
    const restarted = createApplyService({
      sessions: sessionsFor({ [siteId]: client }),
      events: { emit: () => undefined },
      profileDir,
    });
    try {
      const plan = await restarted.handlers['apply.undoPlan']({ siteId }, context);
      expect(plan.steps.map((step) => step.text)).toEqual([
        '0.0.0.0/0 (ISP1 kept): comment “ISP1 kept” → “ISP1”',
      ]);
      await restarted.handlers['apply.undo'](
        { siteId, commands: plan.steps.map((step) => step.command) },
        context,
      );
      expect((await ask(`?.id=${route.id}`))[0]?.comment).toBe('ISP1');
    } finally {
      await restarted.dispose?.();
    }
  }, 60_000);

  /** ISP2's default route of the family given distance 42 through the dialog's path, kept for Ctrl+Z. */
  const isp2At42 = async (family: RouteFamily) => {
    const [row] = await routerRows({ ...lab.demo.api }, routeMenuOf(family), '?comment=ISP2');
    const route = parseRoute(row!);
    const before = routeFormSchema.parse(routeToForm(route));
    await routes.handlers['routes.update'](
      { siteId, family, id: route.id, before, route: { ...before, distance: 42 } },
      context,
    );
    await until(
      () => states.at(-1)?.lastChange?.summary,
      (summary) => summary === `Edit ${route.dstAddress} (ISP2)`,
    );
    return route;
  };

  it('reads the routes back after an undo: one changed by someone else meanwhile is reported, and the change stays to undo', async () => {
    const route = await isp2At42('ip');
    // Someone else renames the route: the undo's [find where comment="ISP2"] now picks nothing.
    await client.run('/ip/route/set', { '.id': route.id, comment: 'ISP2 moved' });
    await expect(undo()).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(
        /^The router did not take “Undo “Edit 0\.0\.0\.0\/0 \(ISP2\)”” as asked: 0\.0\.0\.0\/0 \(ISP2\) was not found\. Uplink put the previous settings back\.$/,
      ),
    });
    expect((await ask(`?.id=${route.id}`))[0]).toMatchObject({ distance: '42', comment: 'ISP2 moved' });
    expect(await client.print('/system/scheduler', { query: ['name=uplink-rollback'] })).toHaveLength(0);
    // Not taken, so not taken away: once the route has its name back, the same undo goes through.
    await client.run('/ip/route/set', { '.id': route.id, comment: 'ISP2' });
    const retried = await undo();
    expect(retried.result.outcome).toBe('applied');
    expect((await ask(`?.id=${route.id}`))[0]?.distance).toBe(String(route.distance));
  }, 60_000);

  it('takes back a blackhole route given a gateway by putting it back whole, and reads it back so', async () => {
    await client.run('/ip/route/add', {
      'dst-address': '192.0.2.64/26',
      blackhole: 'yes',
      comment: 'undo-sink',
    });
    const [row] = await ask('?comment=undo-sink');
    const hole = parseRoute(row!);
    const before = routeFormSchema.parse(routeToForm(hole));
    await routes.handlers['routes.update'](
      {
        siteId,
        family: 'ip',
        id: hole.id,
        before,
        route: { ...before, blackhole: false, gateway: '10.0.1.1' },
      },
      context,
    );
    expect((await ask('?comment=undo-sink'))[0]?.gateway).toBe('10.0.1.1');
    await until(
      () => states.at(-1)?.lastChange,
      (last) => last?.summary === 'Edit 192.0.2.64/26 (undo-sink)' && last.reason === undefined,
    );
    const { plan, result } = await undo();
    expect(plan.steps.map((step) => step.text)).toEqual([
      '192.0.2.64/26 (undo-sink): remove',
      '192.0.2.64/26 (undo-sink): add back with every setting it had (gateway as it was)',
    ]);
    expect(result.outcome).toBe('applied');
    const back = (await ask('?comment=undo-sink')).map(parseRoute);
    expect(back).toHaveLength(1);
    expect(back[0]?.gateway).toBe('');
    expect(back[0]?.flags).toContain('blackhole');
  });

  it('reads an IPv6 undo back from /ipv6/route', async () => {
    const route = await isp2At42('ipv6');
    const { plan, result } = await undo();
    expect(plan.steps.map((step) => step.command)).toEqual([
      `/ipv6 route set [find where dst-address="::/0" and comment="ISP2"] distance=${route.distance}`,
    ]);
    expect(result.outcome).toBe('applied');
    const [after] = await routerRows({ ...lab.demo.api }, '/ipv6/route', `?.id=${route.id}`);
    expect(after?.distance).toBe(String(route.distance));
  }, 60_000);
});
