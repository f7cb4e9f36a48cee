// `npm run bench -- safe-mode`: what Safe Mode costs a Routes tab edit of a default route, beside
// the same edit as a confirmed apply (its own net on and off), over the API and SSH's console, on
// loopback and through the latency proxy at a relay's 150 ms RTT; and how long after the session is
// lost the router alone puts the changes back, against the grace period. Uplink's own services and
// RouterClients against demo routers, no browser: figures are from the call to its answer.
// Prints figures; asserts nothing.
import { createApplyService } from '../../electron/apply/apply-service';
import { createRoutesService } from '../../electron/routes/routes-service';
import { parseRoute, type Route } from '../../shared/routes/route';
import { routeToForm } from '../../shared/routes/route-attrs';
import type { RouteFormValues } from '../../shared/routes/route-form';
import { startLab } from '../failover/demo-session';
import type { Channel } from '../support/channels';
import { type Latency, RELAY_150MS } from '../support/latency-proxy';

const viewer = { clientId: 'bench' };
const grace = 10;
const rounds = 4;

const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function measure(channel: Channel, latency?: Latency) {
  // Seen from a relay on the internet, as a grant's session is: the edit reads the route carrying it too.
  const lab = await startLab('bench', { channel, latency, loginsFrom: '203.0.113.50' });
  const events = { emit: () => undefined };
  const applies = createApplyService({ sessions: lab.session, events, profileDir: lab.profileDir });
  const routes = createRoutesService({ sessions: lab.session, events, applies });
  const isp1 = async () =>
    parseRoute((await lab.checker.print('/ip/route', { query: ['comment=ISP1'] }))[0] ?? {}) as Route;
  const edit = async (distance: number) => {
    const route = await isp1();
    const form = routeToForm(route) as RouteFormValues;
    const started = performance.now();
    await routes.handlers['routes.update'](
      { siteId: 'bench', family: 'ip', id: route.id, before: form, route: { ...form, distance } },
      viewer,
    );
    return performance.now() - started;
  };
  try {
    await lab.session.connect();
    await applies.handlers['apply.setSettings']({ graceSeconds: grace }, viewer);
    const confirmed: number[] = [];
    for (let round = 0; round < rounds; round++) confirmed.push(await edit(round % 2 === 0 ? 5 : 1));
    let started = performance.now();
    await applies.handlers['apply.setSafeMode']({ siteId: 'bench', on: true }, viewer);
    const on = performance.now() - started;
    const held: number[] = [];
    for (let round = 0; round < rounds; round++) held.push(await edit(round % 2 === 0 ? 5 : 7));
    // The session is lost with Safe Mode on: the router alone takes the distances back.
    started = performance.now();
    lab.session.lose();
    while ((await isp1()).distance !== 1) await new Promise((resolve) => setTimeout(resolve, 100));
    const putBack = performance.now() - started;
    const where = `${channel}${latency ? ' @150 ms RTT' : ' loopback'}`;
    console.log(
      `${where}: default route edit as a confirmed apply ${ms(median(confirmed))}, in Safe Mode ${ms(median(held))} (medians of ${rounds}); Safe Mode on ${ms(on)}; session lost → put back by the router after ${(putBack / 1000).toFixed(1)} s (grace ${grace} s, pushed every ${grace / 4} s)`,
    );
  } finally {
    await routes.dispose?.();
    await applies.dispose?.();
    await lab.stop();
  }
}

export default async function run(): Promise<void> {
  await measure('api');
  await measure('ssh-cli');
  await measure('api', RELAY_150MS);
  await measure('ssh-cli', RELAY_150MS);
}
