// `npm run bench -- channels-latency`: what a Transient Access grant through a relay costs, through
// the latency proxy at 150 ms RTT beside the same figures on loopback API. Uplink's own services and
// RouterClients against demo routers (the routes' in a process of their own), no browser: figures
// are from the call to the service's event.
// `UPLINK_BENCH_MONITOR_SECONDS=600` runs the monitoring figure for the 10 minutes (20 s by
// default). Prints figures; asserts nothing.
import { createApplyService } from '../../electron/apply/apply-service';
import { createFailoverService } from '../../electron/failover/failover-service';
import { EventHub } from '../../electron/ipc/event-hub';
import { createMonitorService } from '../../electron/monitor/monitor-service';
import { connectRouter } from '../../electron/routeros/connect-router';
import { createRoutesService } from '../../electron/routes/routes-service';
import type { MonitorTick } from '../../shared/ipc/channels/monitor';
import type { RouteTableStatus } from '../../shared/ipc/channels/routes';
import { applyChange, labWans, startLab } from '../failover/demo-session';
import { routesOptionsFor, sessionsFor } from '../routes/session-adapter';
import type { Channel } from '../support/channels';
import { type Latency, RELAY_150MS, startLatencyProxy } from '../support/latency-proxy';
import { spawnDemoRouter } from './routes-table.bench';

const viewer = { clientId: 'bench' };
const monitorSeconds = Number(process.env.UPLINK_BENCH_MONITOR_SECONDS ?? 20);

const ms = (value: number) => `${value.toFixed(0)} ms`;
const label = (channel: Channel, latency?: Latency) => `${channel}${latency ? ' @150 ms RTT' : ' loopback'}`;

/** Reorders back and forth; the time from Apply to the service saying the other WAN is active. */
async function applyToActive(channel: Channel, latency?: Latency, rounds = 4): Promise<number[]> {
  const lab = await startLab('bench', { channel, latency, checkGatewayIntervalMs: 100 });
  const hub = new EventHub();
  const applies = createApplyService({ sessions: lab.session, events: hub, profileDir: lab.profileDir });
  const failover = createFailoverService({ sessions: lab.session, events: hub, applies });
  let active = '';
  hub.subscribe((event, payload) => {
    if (event === 'failover.state')
      active = (payload as { active?: { label: string } }).active?.label ?? active;
  });
  const times: number[] = [];
  try {
    await lab.session.connect();
    await applies.handlers['apply.setSettings']({ graceSeconds: 30 }, viewer);
    for (const wan of labWans) await applyChange(failover, 'bench', { kind: 'configure', wan });
    await applyChange(failover, 'bench', { kind: 'renumber' });
    for (let round = 0; round < rounds; round += 1) {
      const change = { kind: 'reorder', order: round % 2 === 0 ? [2, 1] : [1, 2] } as const;
      const { order } = change;
      // As in the tab: the plan is on screen first; the time runs from the press on Apply.
      const plan = await failover.handlers['failover.plan']({ siteId: 'bench', change }, viewer);
      const started = performance.now();
      await failover.handlers['failover.apply'](
        { siteId: 'bench', change, commands: plan.steps.map((step) => step.command) },
        viewer,
      );
      while (active !== `WAN ${order[0]}`) await new Promise((resolve) => setTimeout(resolve, 5));
      times.push(performance.now() - started);
    }
  } finally {
    await failover.dispose?.();
    await applies.dispose?.();
    await lab.stop();
  }
  return times.sort((a, b) => a - b);
}

/**
 * A demo router with `routes` routes in a process of its own, as a router is another machine (its
 * console's scripts would otherwise take their CPU from Uplink's), reached over `channel`.
 */
async function spawnedRouter(channel: Channel, routes: number, latency?: Latency) {
  const router = await spawnDemoRouter(routes, '', true);
  const timing = { connectTimeoutMs: 120_000, callTimeoutMs: 120_000 };
  const trustAll = async () => undefined;
  const admin = { user: 'admin', password: '' };
  if (channel === 'ssh-tunnel') {
    const { client } = await connectRouter({ ...router.api, transport: 'api', ...admin }, timing, trustAll);
    await client.run('/ip/ssh/set', { 'forwarding-enabled': 'local' });
    await client.close();
  }
  const door = channel === 'api' ? router.api : router.ssh;
  if (!door) throw new Error('the demo router started without SSH');
  const proxy = latency ? await startLatencyProxy({ ...latency, target: door }) : undefined;
  const target = { host: '127.0.0.1', port: proxy?.port ?? door.port, ...admin };
  return {
    connect: async () =>
      (await connectRouter({ ...target, transport: channel === 'api' ? 'api' : 'ssh' }, timing, trustAll))
        .client,
    stop: async () => {
      await proxy?.close();
      await router.stop();
    },
  };
}

/** The routes service over `channel`: the first rows, then every route, from the connect on. */
async function loadRoutes(channel: Channel, routes: number, latency?: Latency) {
  const router = await spawnedRouter(channel, routes, latency);
  try {
    const started = performance.now();
    const client = await router.connect();
    let first = 0;
    let ready = 0;
    const service = createRoutesService({
      ...routesOptionsFor(sessionsFor({ bench: client })),
      events: {
        emit: (_event, payload) => {
          const status = payload as RouteTableStatus;
          if (!first && status.loaded > 0) first = performance.now() - started;
          if (!ready && status.phase === 'ready') ready = performance.now() - started;
        },
      },
      keepUnwatchedMs: 0,
    });
    await service.handlers['routes.watch']({ siteId: 'bench', family: 'ip' }, viewer);
    while (!ready) await new Promise((resolve) => setTimeout(resolve, 10));
    await service.dispose?.();
    await client.close();
    return { first, ready };
  } finally {
    await router.stop();
  }
}

/** Every probe's arrival per WAN over `seconds`: how many, and the longest wait between two. */
async function monitor(channel: Channel, seconds: number, latency?: Latency) {
  const lab = await startLab('bench', { channel, latency });
  const hub = new EventHub();
  const applies = createApplyService({ sessions: lab.session, events: hub, profileDir: lab.profileDir });
  const failover = createFailoverService({ sessions: lab.session, events: hub, applies });
  const service = createMonitorService({ sessions: lab.session, events: hub, profileDir: lab.profileDir });
  const arrivals = new Map<number, number[]>();
  try {
    await lab.session.connect();
    for (const wan of labWans) await applyChange(failover, 'bench', { kind: 'configure', wan });
    hub.subscribe((event, payload) => {
      if (event !== 'monitor.tick') return;
      for (const sample of (payload as MonitorTick).wans) {
        if (sample.rttMs === null) continue;
        arrivals.set(sample.wan, [...(arrivals.get(sample.wan) ?? []), (payload as MonitorTick).at]);
      }
    });
    await service.handlers['monitor.watch']({ siteId: 'bench' }, viewer);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  } finally {
    await service.dispose?.();
    await failover.dispose?.();
    await applies.dispose?.();
    await lab.stop();
  }
  return [...arrivals].map(([wan, times]) => {
    const steady = times.slice(1);
    const gaps = steady.slice(1).map((at, index) => at - (steady[index] as number));
    return { wan, samples: times.length, longestGap: Math.max(...gaps) };
  });
}

export default async function bench(): Promise<void> {
  console.log('Apply → new active link (failover service, confirmed apply included), median / slowest:');
  for (const [channel, latency] of [
    ['api', undefined],
    ['ssh-cli', RELAY_150MS],
    ['ssh-tunnel', RELAY_150MS],
    ['api', RELAY_150MS],
  ] as const) {
    const times = await applyToActive(channel, latency);
    const median = times[Math.floor(times.length / 2)] as number;
    console.log(
      `  ${label(channel, latency).padEnd(26)} ${ms(median).padStart(8)} / ${ms(times.at(-1) as number).padStart(8)}   goal ≤ 1500 ms`,
    );
  }

  console.log('Routes (connect → first rows on the service, → every route loaded):');
  for (const [channel, routes, latency, goal] of [
    ['api', 10_000, undefined, ''],
    ['ssh-cli', 10_000, RELAY_150MS, 'goal: first ≤ 2000 ms, all ≤ 5000 ms'],
    ['api', 100_000, RELAY_150MS, ''],
    ['ssh-tunnel', 100_000, RELAY_150MS, 'goal: ≤ 2× the API at the same latency'],
  ] as const) {
    const { first, ready } = await loadRoutes(channel, routes, latency);
    console.log(
      `  ${routes.toLocaleString('en')} routes ${label(channel, latency).padEnd(26)} first ${ms(first).padStart(8)}   all ${ms(ready).padStart(9)}   ${goal}`,
    );
  }

  console.log(
    `Monitoring over ssh-cli @150 ms RTT, ${monitorSeconds} s (probes answered per WAN, longest wait):`,
  );
  for (const { wan, samples, longestGap } of await monitor('ssh-cli', monitorSeconds, RELAY_150MS)) {
    console.log(
      `  WAN ${wan}: ${samples} samples in ${monitorSeconds} s, longest gap ${ms(longestGap)}   goal: 1 Hz, none > 2000 ms`,
    );
  }
}
