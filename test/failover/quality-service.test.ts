import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplyService } from '../../electron/apply/apply-service';
import type { DemoRouter } from '../../electron/demo-router';
import { createFailoverService } from '../../electron/failover/failover-service';
import { readFailoverRoutes, readQualityRows } from '../../electron/failover/router-reads';
import { EventHub } from '../../electron/ipc/event-hub';
import { createMonitorService } from '../../electron/monitor/monitor-service';
import type { RouterClient } from '../../electron/routeros/router-client';
import type { FailoverState } from '../../shared/ipc/channels/failover';
import type { EventName } from '../../shared/ipc/contract';
import type { FailoverLogEntry } from '../../shared/monitor/failover-log';
import { channelCases } from '../support/channels';
import { qualityWans } from '../support/quality-site';
import { until } from '../support/until';
import { applyChange, type DemoSession, type Lab, startLab } from './demo-session';

// The quality watch through the services as the app runs them (failover, apply and monitor on one
// event hub) against a real two-wan demo router, on every channel: planned and shown in words with
// its commands, written in the one confirmed apply, read back as settings and verdicts; the router
// then fails a dead WAN over by itself while the app is away, the log names the router's cause on
// reconnect, and Deactivate (planned too) takes every piece away. The netwatch probes test every
// second in real time here; test/failover/quality-watch.test.ts steps the router's clock instead.

const siteId = 'lab';
const context = { clientId: 'test' };
const [wan1, wan2] = qualityWans({ holdSeconds: 600, clearConnections: true });

let lab: Lab;
let demo: DemoRouter;
let session: DemoSession;
let checker: RouterClient;
let seen: { event: EventName; payload: unknown }[];
let failover: ReturnType<typeof createFailoverService>;
let applies: ReturnType<typeof createApplyService>;
let monitor: ReturnType<typeof createMonitorService>;

const states = () =>
  seen
    .filter((item) => item.event === 'failover.state')
    .map((item) => item.payload as FailoverState)
    .filter((state) => state.phase === 'ready');
const logEntries = () =>
  seen.filter((item) => item.event === 'monitor.logEntry').map((item) => item.payload as FailoverLogEntry);
const latestState = () => states().at(-1);
const ourRows = async () => {
  const rows = await readQualityRows(checker);
  return [...rows.netwatch, ...rows.scripts, ...rows.schedulers].map((row) => row.comment);
};

describe.each(channelCases())(
  'the quality watch through the services over $label',
  ({ channel, latency }) => {
    beforeEach(async () => {
      seen = [];
      lab = await startLab(siteId, { channel, latency });
      ({ demo, session, checker } = lab);
      const events = new EventHub();
      events.subscribe((event, payload) => seen.push({ event, payload }));
      applies = createApplyService({ sessions: session, events, profileDir: lab.profileDir });
      failover = createFailoverService({ sessions: session, events, applies });
      monitor = createMonitorService({ sessions: session, events, profileDir: lab.profileDir });
      await session.connect();
      await applies.handlers['apply.setSettings']({ graceSeconds: 5 }, context);
    });

    afterEach(async () => {
      await monitor.dispose?.();
      await failover.dispose?.();
      await applies.dispose?.();
      await lab.stop();
    });

    it('is planned in words, applied, fails a dead WAN over with the app away, logs the cause on reconnect, and goes with Deactivate', async () => {
      if (!wan1 || !wan2) throw new Error('two WANs expected');
      const plan = await failover.handlers['failover.plan'](
        { siteId, change: { kind: 'configure', wan: wan1 } },
        context,
      );
      const lines = plan.steps.map((step) => step.text);
      expect(lines).toEqual(
        expect.arrayContaining([
          'WAN 1 (ISP1) probe route: add, to probe host 1.0.0.1/32 through 10.0.1.1 on ether1',
          'WAN 1 (ISP1) default route: add, through probe host 1.1.1.1 judged by its quality watch, distance 1',
          'WAN 1 (ISP1) verdict script: add (down-when=all hold=600s clear-connections=yes)',
          'WAN 1 (ISP1) quality probe 1, of 1.1.1.1: add, down on loss > 20 %, round trip > 500ms, jitter > 500ms, tested every 1s',
          'WAN 1 (ISP1) quality probe 2, of 1.0.0.1: add, down on loss > 20 %, round trip > 500ms, jitter > 500ms, tested every 1s',
        ]),
      );
      // The watch comes after the routes its probes are pinned by; every command finds by tag, never id.
      expect(lines.findIndex((line) => line.includes('quality probe'))).toBeGreaterThan(
        lines.findIndex((line) => line.includes('default route: add')),
      );
      expect(plan.steps.every((step) => !/\*[0-9A-F]+/.test(step.command))).toBe(true);
      expect(plan.steps.find((step) => step.text.includes('quality probe 2'))?.command).toMatch(
        /^\/tool netwatch add host=1\.0\.0\.1 type=icmp .*comment=uplink:wan1:watch2$/,
      );
      expect(await ourRows()).toEqual([]);

      const report = await failover.handlers['failover.apply'](
        {
          siteId,
          change: { kind: 'configure', wan: wan1 },
          commands: plan.steps.map((step) => step.command),
        },
        context,
      );
      expect(report.outcome).toBe('applied');
      await applyChange(failover, siteId, { kind: 'configure', wan: wan2 });
      await applyChange(failover, siteId, { kind: 'renumber' });
      expect((await ourRows()).sort()).toEqual([
        'uplink:wan1:verdict',
        'uplink:wan1:watch1',
        'uplink:wan1:watch2',
        'uplink:wan2:verdict',
        'uplink:wan2:watch1',
        'uplink:wan2:watch2',
      ]);
      expect(await checker.print('/system/scheduler', { query: ['name=uplink-rollback'] })).toEqual([]);

      // Read back as the technician set it, and the router's verdict beside it.
      const watching = await until(latestState, (state) =>
        Boolean(
          state?.wans.length === 2 &&
            state.wans.every((wan) => wan.verdict?.probes.every((probe) => probe.status === 'up')),
        ),
      );
      expect(watching?.wans.map((wan) => [wan.wan, wan.watched, wan.quality, wan.state])).toEqual([
        [1, true, wan1.quality, 'active'],
        [2, true, wan2.quality, 'standby'],
      ]);

      // The app goes away; WAN 1's ISP dies; the router alone moves traffic to WAN 2.
      await session.close();
      demo.router.links.set('ether1', { internet: false });
      await until(
        async () => (await readFailoverRoutes(checker)).find((route) => route.comment === 'uplink:wan1'),
        (route) => route?.flags.includes('disabled') === true,
      );

      seen = [];
      await session.connect();
      // The loss when the verdict fell: early failure detection ends a test once enough echoes are lost.
      const cause = /^Router failed over: loss \d+ % > 20 % on 1\.1\.1\.1 and 1\.0\.0\.1$/;
      const [logged] = await until(
        () => logEntries().filter((entry) => entry.cause.startsWith('Router failed')),
        (entries) => entries.length > 0,
      );
      expect(logged).toMatchObject({ kind: 'link-down', from: 'WAN 1 up', to: 'WAN 1 down' });
      expect(logged?.cause).toMatch(cause);
      // WAN 1 keeps its place in the priority order, set aside by its verdict.
      const wan1Verdict = (state: FailoverState | undefined) =>
        state?.wans.find((wan) => wan.wan === 1)?.verdict;
      const after = await until(latestState, (state) =>
        Boolean(wan1Verdict(state)?.probes.every((probe) => probe.tripped.length > 0)),
      );
      expect(after?.active?.wan).toBe(2);
      expect(after?.wans.map((wan) => [wan.wan, wan.state])).toEqual([
        [1, 'down'],
        [2, 'active'],
      ]);
      expect(wan1Verdict(after)?.probes.map((probe) => [probe.host, probe.status])).toEqual([
        ['1.1.1.1', 'down'],
        ['1.0.0.1', 'down'],
      ]);
      for (const probe of wan1Verdict(after)?.probes ?? [])
        expect(probe.tripped).toEqual([expect.stringMatching(/^loss \d+ % > 20 %$/)]);
      // Kept in the site's saved log as well.
      expect(await monitor.handlers['monitor.log']({ siteId }, context)).toContainEqual(logged);

      const off = await failover.handlers['failover.plan'](
        { siteId, change: { kind: 'deactivate' } },
        context,
      );
      const offLines = off.steps.map((step) => step.text);
      expect(offLines).toEqual(
        expect.arrayContaining([
          'WAN 1 (ISP1) quality probe 1: remove',
          'WAN 2 (ISP2) quality probe 2: remove',
          'WAN 1 (ISP1) verdict script: remove',
        ]),
      );
      // The watch goes first, so no verdict runs on routes that are going.
      expect(offLines.findLastIndex((line) => line.includes('verdict script'))).toBeLessThan(
        offLines.findIndex((line) => line.includes('route: remove')),
      );
      await applyChange(failover, siteId, { kind: 'deactivate' });
      expect(await ourRows()).toEqual([]);
      expect(
        (await readFailoverRoutes(checker)).filter((route) => route.comment.startsWith('uplink:')),
      ).toEqual([]);
      const carrying = (await readFailoverRoutes(checker)).find(
        (route) => route.dstAddress === '0.0.0.0/0' && route.flags.includes('active'),
      );
      expect(carrying?.immediateGw).toBe('10.0.2.1%ether2');
    }, 60_000);
  },
);
