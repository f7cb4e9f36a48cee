// The quality watch over every channel a session may take: the commands a Configure WAN plan writes
// (netwatch probes, a multi-line verdict script with quotes and `$`) go through Uplink's own
// RouterClient.runCommands, as the confirmed apply sends them, and read back the same; the router
// then fails over by itself in real time, and what Uplink reads afterwards (verdicts, the cause in
// /log) says why.
import { afterEach, describe, expect, it } from 'vitest';
import { readFailoverRoutes, readQualityRows } from '../../electron/failover/router-reads';
import { qualityChanges, readQuality, wanVerdicts } from '../../shared/failover/quality';
import { desiredRoutes, routeChanges } from '../../shared/failover/recipe';
import { readSetup } from '../../shared/failover/setup';
import { routerFailoverEntries } from '../../shared/monitor/failover-log';
import { waitUntil } from '../demo-router/waiting';
import { CHANNELS, type ChannelLab, startChannel } from '../support/channels';
import { qualityWans } from '../support/quality-site';

let lab: ChannelLab | undefined;
afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

describe.each(CHANNELS)('the quality watch over %s', (channel) => {
  it('is written, read back, fails a dead WAN over by itself with its cause, and is taken away', async () => {
    lab = await startChannel(channel);
    const client = await lab.connect();
    await lab.demo.router.runScript('/ip route remove [find where comment="ISP1" or comment="ISP2"]');
    const wans = qualityWans({ holdSeconds: 600, clearConnections: true });
    const planned = new Set([1, 2]);
    const routes = routeChanges(await readFailoverRoutes(client), desiredRoutes(wans, [1, 2]));
    const watch = qualityChanges(await readQualityRows(client), wans, planned);
    await client.runCommands([...routes.forward, ...watch.forward]);

    const rows = await readQualityRows(client);
    expect(readQuality(rows, 1)).toEqual(wans[0]?.quality);
    expect(readQuality(rows, 2)).toEqual(wans[1]?.quality);
    expect(qualityChanges(rows, wans, planned).forward).toEqual([]);
    const setup = readSetup(await readFailoverRoutes(client), rows);
    expect(setup.wans.map((wan) => [wan.wan, wan.watched, wan.moreProbes, wan.state])).toEqual([
      [1, true, ['1.0.0.1'], 'active'],
      [2, true, ['149.112.112.112'], 'standby'],
    ]);

    // Real time now: the probes test every second.
    lab.demo.router.links.set('ether1', { internet: false });
    expect(await waitUntil(() => readSetupState(lab) === 'down', 8000), 'the router set WAN 1 aside').toBe(
      true,
    );
    const after = await readQualityRows(client);
    expect(wanVerdicts(after)[0]?.probes.map((probe) => probe.tripped)).toEqual([
      ['loss 100 % > 20 %'],
      ['loss 100 % > 20 %'],
    ]);
    const log = await client.print('/log', { proplist: ['time', 'message'] });
    expect(routerFailoverEntries('lab', log).map((entry) => entry.cause)).toEqual([
      'Router failed over: loss 100 % > 20 % on 1.1.1.1 and 1.0.0.1',
    ]);

    const removal = qualityChanges(after, [], planned);
    await client.runCommands(removal.forward);
    expect(await readQualityRows(client)).toEqual({ netwatch: [], scripts: [], schedulers: [] });
  });
});

/** WAN 1 as the router has it now, read behind the session's back. */
function readSetupState(current: ChannelLab | undefined): string | undefined {
  const route = [...(current?.demo.router.routes.rows() ?? [])].find((row) => row.comment === 'uplink:wan1');
  return route?.disabled === 'true' ? 'down' : 'up';
}
