import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApplyService } from '../../electron/apply/apply-service';
import type { DemoRouter } from '../../electron/demo-router';
import { createFailoverService } from '../../electron/failover/failover-service';
import { EventHub } from '../../electron/ipc/event-hub';
import { createMonitorService } from '../../electron/monitor/monitor-service';
import { createRoutesService } from '../../electron/routes/routes-service';
import { qualityDefaults, type WanConfig } from '../../shared/failover/wan';
import type { FleetSite, MonitorStatus, MonitorTick } from '../../shared/ipc/channels/monitor';
import type { EventName } from '../../shared/ipc/contract';
import {
  applyChange,
  type DemoSession,
  type Lab,
  type LabOptions,
  labWans,
  startLab,
} from '../failover/demo-session';
import { channelCases } from '../support/channels';
import { until } from '../support/until';

// The monitor service beside the failover service, on one event hub as in the app, against a real
// two-wan demo router: sampling on every channel, the rest over the API, where what runs on the
// router is asked of the router.

const siteId = 'lab';
const viewer = { clientId: 'viewer' };
const [wan1, wan2] = labWans;

let lab: Lab;
let demo: DemoRouter;
let session: DemoSession;
let events: EventHub;
let seen: { event: EventName; payload: unknown; at: number; to?: ReadonlySet<string> }[];
let failover: ReturnType<typeof createFailoverService>;
let applies: ReturnType<typeof createApplyService>;
let monitor: ReturnType<typeof createMonitorService>;
let routes: ReturnType<typeof createRoutesService>;

const ticks = (wan: number) =>
  seen
    .filter((item) => item.event === 'monitor.tick')
    .flatMap((item) => (item.payload as MonitorTick).wans.filter((sample) => sample.wan === wan));
const monitorStreams = () => demo.router.streams().filter((command) => command !== '/ip/route/listen');

/**
 * A moment after every entry the set-up logged: a change's entry is stamped when it is confirmed,
 * and a test that read the clock in that same millisecond took it for one of its own (the CI
 * failure of 'logs a link down…': the set-up's last change missing from the entries before it).
 */
async function clockPastSetup(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return Date.now();
}

/**
 * A lab of each test's own, its session on `options`' channel; both WANs configured unless
 * `failover` is false (the router as it comes: three plain default routes).
 */
function useLab(
  options: Pick<LabOptions, 'channel' | 'latency'> & { failover?: boolean; wans?: readonly WanConfig[] } = {},
): void {
  beforeEach(async () => {
    seen = [];
    lab = await startLab(siteId, { checkGatewayIntervalMs: 100, ...options });
    ({ demo, session } = lab);
    const { profileDir } = lab;
    events = new EventHub();
    events.subscribe((event, payload, to) =>
      seen.push({ event, payload, at: Date.now(), ...(to && { to }) }),
    );
    applies = createApplyService({ sessions: session, events, profileDir });
    failover = createFailoverService({ sessions: session, events, applies });
    monitor = createMonitorService({ sessions: session, events, profileDir });
    routes = createRoutesService({ sessions: session, events, applies });
    await session.connect();
    if (options.failover === false) return;
    await applies.handlers['apply.setSettings']({ graceSeconds: 5 }, viewer);
    // Each one a change that took: the log test below counts them (it once missed the last).
    const [first = wan1, second = wan2] = options.wans ?? [];
    for (const change of [
      { kind: 'configure', wan: first },
      { kind: 'configure', wan: second },
      { kind: 'renumber' },
    ] as const) {
      const report = await applyChange(failover, siteId, change);
      expect(report, change.kind).toMatchObject({
        outcome: 'applied',
      });
    }
  });

  afterEach(async () => {
    await routes.dispose?.();
    await monitor.dispose?.();
    await failover.dispose?.();
    await applies.dispose?.();
    await lab.stop();
  });
}

describe.each(channelCases())('the monitor service over $label', ({ channel, latency }) => {
  useLab({ channel, latency });

  it('samples each WAN every second through its own link, with no gaps, sent only while watched', async () => {
    await monitor.handlers['monitor.watch']({ siteId }, viewer);
    const measured = (wan: number) => ticks(wan).filter((sample) => sample.rttMs !== null);
    await until(
      () => [measured(1), measured(2), ticks(1).filter((sample) => sample.rxBps !== null)],
      (lists) => lists.every((list) => list.length >= 4),
    );
    // Every probe after the first answer came back, none more than a second late: no gaps.
    for (const wan of [1, 2]) {
      const times = seen
        .filter((item) => item.event === 'monitor.tick')
        .map((item) => item.payload as MonitorTick)
        .filter((tick) => tick.wans.some((sample) => sample.wan === wan));
      const answered = times.slice(times.findIndex((tick) => tick.wans[0]?.rttMs !== null));
      expect(answered.map((tick) => tick.wans[0]?.rttMs === null)).not.toContain(true);
      const gaps = answered.slice(1).map((tick, index) => tick.at - (answered[index] as MonitorTick).at);
      expect(Math.max(...gaps)).toBeLessThan(1900);
    }
    // Each link's own latency ± its jitter (20 ± 2 ms and 80 ± 6 ms in the scenario).
    expect(Math.max(...measured(1).map((sample) => sample.rttMs as number))).toBeLessThan(23);
    expect(Math.min(...measured(2).map((sample) => sample.rttMs as number))).toBeGreaterThan(73);
    expect(ticks(1).at(-1)?.rxBps).toBeGreaterThan(10_000_000);
    expect(ticks(2).at(-1)?.rxBps).toBeLessThan(100_000);

    expect(
      seen.filter((item) => item.event === 'monitor.tick').map((item) => [...(item.to ?? [])]),
    ).not.toContainEqual([]);
    await monitor.handlers['monitor.unwatch']({ siteId }, viewer);
    const stoppedAt = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(seen.slice(stoppedAt).filter((item) => item.event === 'monitor.tick')).toEqual([]);
    // Measured on in the background, for the history and the fleet view.
    const history = async () =>
      (await monitor.handlers['monitor.history']({ siteId, window: '1m' }, viewer)).wans[0]?.times.length ??
      0;
    const kept = await history();
    await until(history, (length) => length > kept + 1, 5000);
  });
});

describe.each(channelCases())('before failover, the monitor service over $label', ({ channel, latency }) => {
  useLab({ channel, latency, failover: false });

  it('measures every default route’s gateway through its own interface', async () => {
    const status = await until(
      () => monitor.handlers['monitor.watch']({ siteId }, viewer),
      (state) => state.phase === 'running',
    );
    // Numbered as Enable would propose them, so adopting them keeps each link's number.
    expect(status.wans).toEqual([
      { wan: 1, interface: 'ether1', probe: '10.0.1.1', kind: 'gateway', name: 'ISP1' },
      { wan: 2, interface: 'ether2', probe: '10.0.2.1', kind: 'gateway', name: 'ISP2' },
      { wan: 3, interface: 'ether3', probe: '192.168.8.1', kind: 'gateway' },
    ]);
    const measured = (wan: number) => ticks(wan).filter((sample) => sample.rttMs !== null);
    await until(
      () => [measured(1), measured(2), measured(3), ticks(1).filter((sample) => sample.rxBps !== null)],
      (lists) => lists.every((list) => list.length >= 3),
      20_000,
    );
    // The ISP router one hop away answers in about a millisecond; a link cut stops its answers.
    expect(Math.max(...measured(2).map((sample) => sample.rttMs as number))).toBeLessThan(5);
    expect(ticks(1).at(-1)?.rxBps).toBeGreaterThan(10_000_000);
    demo.router.links.set('ether2', { up: false });
    await until(
      () => ticks(2).slice(-2),
      (last) => last.length === 2 && last.every((sample) => sample.rttMs === null),
      10_000,
    );
  });
});

/**
 * Quality-aware failover on both WANs: WAN 1 with three probe hosts, down when all fail; WAN 2 with
 * two, down when any fails (its verdict script then takes its route out, as the router would).
 */
const qualityLabWans: readonly WanConfig[] = [
  { ...wan1, quality: { ...qualityDefaults, moreProbes: ['1.0.0.1', '8.8.4.4'], downWhen: 'all' } },
  { ...wan2, quality: { ...qualityDefaults, moreProbes: ['149.112.112.112'], downWhen: 'any' } },
];

describe.each(channelCases())(
  'with several probe hosts per WAN, the monitor service over $label',
  ({ channel, latency }) => {
    useLab({ channel, latency, wans: qualityLabWans });

    it('measures every probe host of each WAN and judges the WAN as the router’s verdict does', async () => {
      const status = await until(
        () => monitor.handlers['monitor.watch']({ siteId }, viewer),
        // The quality watch's settings come with a read of netwatch after the routes'.
        (state) => state.phase === 'running' && state.wans[1]?.downWhen !== undefined,
        10_000,
      );
      expect(status.wans.slice(0, 2)).toEqual([
        { ...status.wans[0], probe: '1.1.1.1', moreProbes: ['1.0.0.1', '8.8.4.4'], downWhen: 'all' },
        { ...status.wans[1], probe: '9.9.9.9', moreProbes: ['149.112.112.112'], downWhen: 'any' },
      ]);
      const answered = (wan: number, host: number) =>
        ticks(wan).filter((sample) => typeof sample.hosts?.[host]?.rttMs === 'number');
      await until(
        () => [answered(1, 0), answered(1, 1), answered(1, 2), answered(2, 0), answered(2, 1)],
        (lists) => lists.every((list) => list.length >= 3),
        20_000,
      );
      // Every host of a WAN crosses its link: WAN 1's at 20 ± 2 ms, WAN 2's at 80 ± 6 ms.
      const rtts = (wan: number, host: number) =>
        answered(wan, host).map((each) => each.hosts?.[host]?.rttMs);
      for (const host of [0, 1, 2]) for (const rtt of rtts(1, host)) expect(rtt).toBeLessThan(23);
      for (const host of [0, 1]) for (const rtt of rtts(2, host)) expect(rtt).toBeGreaterThan(73);
      // The WAN's own figures are its first host's.
      const last = ticks(1).at(-1);
      expect(last?.rttMs).toBe(last?.hosts?.[0]?.rttMs);
      const history = await monitor.handlers['monitor.history']({ siteId, window: '1m' }, viewer);
      const one = history.wans.find((wan) => wan.wan === 1);
      expect(one?.hosts).toHaveLength(3);
      expect(one?.hosts?.[2]?.rttMs.filter((rtt) => rtt !== null).length).toBeGreaterThanOrEqual(3);
      expect(one?.hosts?.[2]?.rttMs).toHaveLength(one?.times.length ?? -1);

      // One of WAN 1's three hosts goes silent: that host is down, the WAN (down when all fail) is not.
      demo.router.links.setHostAnswers('8.8.4.4', false);
      // One of WAN 2's two: the WAN (down when any fails) is down.
      demo.router.links.setHostAnswers('149.112.112.112', false);
      const judged = await until(
        () => [ticks(1).at(-1), ticks(2).at(-1)],
        ([one, two]) => one?.hosts?.[2]?.health === 'down' && two?.hosts?.[1]?.health === 'down',
        20_000,
      );
      expect(judged[0]?.hosts?.map((host) => host.health)).toEqual(['up', 'up', 'down']);
      expect(judged[0]?.health).toBe('up');
      expect(judged[1]?.hosts?.map((host) => host.health)).toEqual(['up', 'down']);
      expect(judged[1]?.health).toBe('down');
    });
  },
);

describe('the monitor service against the two-wan demo router', () => {
  useLab();

  it('measures each link through its own interface in the background, watched or not, samples only to watchers', async () => {
    const status = await until(
      () => monitor.handlers['monitor.watch']({ siteId }, viewer),
      (state) => state.phase === 'running',
    );
    // The LTE modem's default route stays outside failover: measured to its gateway.
    expect(status.wans).toEqual([
      { wan: 1, interface: 'ether1', probe: '1.1.1.1', kind: 'wan', name: 'ISP1' },
      { wan: 2, interface: 'ether2', probe: '9.9.9.9', kind: 'wan', name: 'ISP2' },
      { wan: 3, interface: 'ether3', probe: '192.168.8.1', kind: 'gateway' },
    ]);
    await until(monitorStreams, (streams) => streams.length === 4, 5000);
    expect(monitorStreams().sort()).toEqual(['/interface/monitor-traffic', '/ping', '/ping', '/ping']);

    await until(
      () => [ticks(1), ticks(2)],
      ([one, two]) => (one?.filter((s) => s.rxBps !== null).length ?? 0) >= 3 && (two?.length ?? 0) >= 3,
    );
    const rtts = (wan: number) => ticks(wan).flatMap((sample) => sample.rttMs ?? []);
    // Each link's latency ± its jitter (2 ms and 6 ms in the scenario).
    expect(Math.min(...rtts(1))).toBeGreaterThan(17);
    expect(Math.max(...rtts(1))).toBeLessThan(23);
    expect(Math.min(...rtts(2))).toBeGreaterThan(73);
    expect(Math.max(...rtts(2))).toBeLessThan(87);
    // WAN 1 carries the LAN's traffic; WAN 2 only a trickle.
    expect(ticks(1).at(-1)?.rxBps).toBeGreaterThan(10_000_000);
    expect(ticks(2).at(-1)?.rxBps).toBeLessThan(100_000);
    expect(ticks(1).at(-1)?.health).toBe('up');
    const tickRecipients = seen
      .filter((item) => item.event === 'monitor.tick')
      .map((item) => [...(item.to ?? [])]);
    expect(new Set(tickRecipients.map(String))).toEqual(new Set(['viewer']));

    // No one watches: still measured, its history still grows, and no sample is sent.
    await monitor.handlers['monitor.unwatch']({ siteId }, viewer);
    const unwatchedAt = seen.length;
    const before = await monitor.handlers['monitor.history']({ siteId, window: '1m' }, viewer);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const after = await monitor.handlers['monitor.history']({ siteId, window: '1m' }, viewer);
    expect(after.wans.map((wan) => wan.wan)).toEqual([1, 2, 3]);
    expect(after.wans[1]?.times.length).toBeGreaterThan(before.wans[1]?.times.length ?? 0);
    expect(seen.slice(unwatchedAt).filter((item) => item.event === 'monitor.tick')).toEqual([]);
    expect(monitorStreams()).toHaveLength(4);

    // Two windows: one set of streams, not two.
    await monitor.handlers['monitor.watch']({ siteId }, viewer);
    await monitor.handlers['monitor.watch']({ siteId }, { clientId: 'second window' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(monitorStreams()).toHaveLength(4);
    monitor.clientGone?.(viewer);
    monitor.clientGone?.({ clientId: 'second window' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(monitorStreams()).toHaveLength(4);
  });

  it('measures as many sites at once as the cap allows, those on screen first, and the cap can change', async () => {
    const other = 'lab-twin';
    const twin = createMonitorService({
      // Two sites on one router: the second reaches it through the lab's own session.
      sessions: { client: () => session.client(siteId) },
      events,
      profileDir: lab.profileDir,
    });
    try {
      expect(await twin.handlers['monitor.setMaxSites']({ maxSites: 1 }, viewer)).toMatchObject({
        maxSites: 1,
      });
      const state = await until(
        () => failover.handlers['failover.get']({ siteId }, viewer),
        (each) => each.phase === 'ready',
      );
      const status = () => twin.handlers['monitor.watch']({ siteId: 'nobody' }, viewer);
      await status();
      events.emit('failover.state', state);
      await until(
        () => twin.handlers['monitor.capacity'](undefined, viewer),
        (capacity) => capacity.monitored === 1,
      );
      events.emit('failover.state', { ...state, siteId: other });
      expect(await twin.handlers['monitor.capacity'](undefined, viewer)).toEqual({
        maxSites: 1,
        monitored: 1,
        wanting: 2,
      });
      // The first online keeps its place until a site is shown.
      const phase = (id: string) =>
        (
          seen
            .filter((item) => item.event === 'monitor.status')
            .map((item) => item.payload) as MonitorStatus[]
        )
          .filter((each) => each.siteId === id)
          .at(-1)?.phase;
      expect(phase(other)).toBe('capped');
      expect((await twin.handlers['monitor.watch']({ siteId: other }, viewer)).phase).toBe('running');
      expect(phase(siteId)).toBe('capped');
      // A cap for both: the first site is measured again, beside the one shown.
      expect(await twin.handlers['monitor.setMaxSites']({ maxSites: 2 }, viewer)).toEqual({
        maxSites: 2,
        monitored: 2,
        wanting: 2,
      });
      expect(phase(siteId)).toBe('running');
      const capacities = seen.filter((item) => item.event === 'monitor.capacity').map((item) => item.payload);
      expect(capacities.at(-1)).toEqual({ maxSites: 2, monitored: 2, wanting: 2 });
      // Kept in the profile.
      const reopened = createMonitorService({
        sessions: session,
        events: new EventHub(),
        profileDir: lab.profileDir,
      });
      expect(await reopened.handlers['monitor.capacity'](undefined, viewer)).toMatchObject({ maxSites: 2 });
      await reopened.dispose?.();
    } finally {
      await twin.dispose?.();
    }
  });

  it('sums each site up for the fleet view at most once a second: health, figures now, sparkline, failovers of the day', async () => {
    const fleet = () =>
      seen
        .filter((item) => item.event === 'monitor.fleet')
        .map((item) => ({ at: item.at, sites: item.payload as FleetSite[] }));
    const lastOf = () =>
      fleet()
        .flatMap((push) => push.sites.filter((each) => each.siteId === siteId))
        .at(-1);
    const first = await until(
      lastOf,
      (site) => site?.phase === 'running' && site.links.every((link) => link.health === 'up'),
    );
    expect(first?.links.map(({ wan, kind, name }) => [wan, kind, name])).toEqual([
      [1, 'wan', 'ISP1'],
      [2, 'wan', 'ISP2'],
      [3, 'gateway', undefined],
    ]);
    // Asked, the sparklines come whole; a point per 10 s, so the first may take that long.
    const [asked] = await until(
      () => monitor.handlers['monitor.fleet'](undefined, viewer),
      ([site]) => site?.links[0]?.spark?.some((point) => point !== null) === true,
      15_000,
    );
    expect(asked?.links.map((link) => link.spark?.length)).toEqual([60, 60, 60]);
    // WAN 1's probe host at 20 ms, the LTE modem's gateway one hop away.
    expect(asked?.links[0]?.spark?.findLast((point) => point !== null)).toBeGreaterThan(15);

    const before = Date.now();
    demo.router.links.set('ether1', { up: false });
    const down = await until(
      lastOf,
      (site) => site?.links[0]?.health === 'down' && site.failovers24h >= 1,
      10_000,
    );
    expect(down?.links[1]?.health).toBe('up');
    expect(Date.now() - before).toBeLessThan(8000);
    // Compact: no raw samples, and one push a second at most.
    const pushes = fleet();
    expect(JSON.stringify(pushes)).not.toMatch(/rxBps|jitterMs/);
    const steps = pushes.slice(1).map((push, index) => push.at - (pushes[index] as { at: number }).at);
    expect(Math.min(...steps)).toBeGreaterThan(800);
  });

  it('pauses when the session goes and resumes with fresh streams when it is back', async () => {
    await until(
      () => monitor.handlers['monitor.watch']({ siteId }, viewer),
      (state) => state.phase === 'running',
    );
    await until(monitorStreams, (streams) => streams.length === 4, 5000);
    session.lose();
    await until(monitorStreams, (streams) => streams.length === 0, 5000);
    await session.connect();
    await until(monitorStreams, (streams) => streams.length === 4, 5000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(monitorStreams()).toHaveLength(4);
  });

  it('logs a link down and the failover it causes, on disk, and exports them as CSV', async () => {
    await until(
      () => failover.handlers['failover.get']({ siteId }, viewer),
      (state) => state.active?.label === 'WAN 1',
    );
    const before = await clockPastSetup();
    demo.router.links.set('ether1', { up: false });
    const log = await until(
      () => monitor.handlers['monitor.log']({ siteId }, viewer),
      (entries) => entries.some((entry) => entry.kind === 'failover' && Date.parse(entry.at) >= before),
    );
    const failed = log.find((entry) => entry.kind === 'failover' && Date.parse(entry.at) >= before);
    expect(failed).toMatchObject({ from: 'WAN 1', to: 'WAN 2', cause: 'WAN 1 down' });
    expect(Date.parse(failed?.at ?? '')).toBeGreaterThanOrEqual(before);
    expect(log.find((entry) => entry.kind === 'link-down')).toMatchObject({
      from: 'WAN 1 active',
      to: 'WAN 1 down',
    });
    // Setting failover up was Uplink's doing: one event per change it applied, with its cause and
    // outcome, and none of the failovers the router made along the way.
    const setup = log.filter((entry) => Date.parse(entry.at) < before);
    expect(setup.map(({ kind, from, cause }) => [kind, from, cause])).toEqual([
      ['change', 'Configure WAN 1', 'Uplink, WAN Failover tab'],
      ['change', 'Configure WAN 2', 'Uplink, WAN Failover tab'],
      ['change', 'Move the other default routes behind the WANs', 'Uplink, WAN Failover tab'],
    ]);
    expect(setup.at(-1)?.to).toBe('active link ISP1 (ether1)');

    const csv = await monitor.handlers['monitor.exportLog']({ siteId }, viewer);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,event,from,to,cause');
    expect(lines).toContain(`${failed?.at},Failover,WAN 1,WAN 2,WAN 1 down`);
  });

  it('logs one event per Uplink action, named by its tab: a Routes tab disable of the active WAN’s route, then Deactivate', async () => {
    await until(
      () => failover.handlers['failover.get']({ siteId }, viewer),
      (state) => state.active?.label === 'WAN 1',
    );
    const before = await clockPastSetup();
    const since = async () =>
      (await monitor.handlers['monitor.log']({ siteId }, viewer))
        .filter((entry) => Date.parse(entry.at) >= before)
        .map(({ kind, from, cause }) => [kind, from, cause]);
    // Past the quiet time after each change: a failover the router reports late would be logged by then.
    const settled = () => new Promise((resolve) => setTimeout(resolve, 4000));

    const [wan1Route] = await lab.checker.print('/ip/route', { query: ['comment=uplink:wan1'] });
    await routes.handlers['routes.setDisabled'](
      { siteId, family: 'ip', ids: [wan1Route?.['.id'] ?? ''], disabled: true },
      viewer,
    );
    await until(
      () => failover.handlers['failover.get']({ siteId }, viewer),
      (state) => state.active?.label === 'WAN 2',
    );
    await settled();
    expect(await since()).toEqual([['change', 'Disable 0.0.0.0/0 (uplink:wan1)', 'Uplink, Routes tab']]);

    await applyChange(failover, siteId, { kind: 'deactivate' });
    await settled();
    expect(await since()).toEqual([
      ['change', 'Disable 0.0.0.0/0 (uplink:wan1)', 'Uplink, Routes tab'],
      ['change', 'Turn off WAN failover', 'Uplink, WAN Failover tab'],
    ]);
  });
});
