// Uplink's quality-aware failover as the router runs it with no app connected: the commands the plan
// writes, run as a script on the demo router (its netwatch, interpreter, scheduler and route table
// as they are), on a simulated clock so seconds of probing pass in moments.
import { afterEach, describe, expect, it } from 'vitest';
import {
  noQualityRows,
  parseRouterFailover,
  qualityChanges,
  qualityRows,
  readQuality,
  wanVerdicts,
} from '../../shared/failover/quality';
import { toScript } from '../../shared/routeros/command';
import { type QualitySite, qualityWans, startQualitySite } from '../support/quality-site';

let site: QualitySite;
afterEach(() => site?.stop());

const rows = (menu: string) => {
  const result = site.router.execute({ path: `${menu}/print`, attrs: {}, queries: [] }, { user: 'admin' });
  if (result.type !== 'rows') throw new Error(`${menu} gave ${result.type}`);
  return [...result.rows];
};
const routerRows = () =>
  qualityRows(rows('/tool/netwatch'), rows('/system/script'), rows('/system/scheduler'));
const logLines = () => site.router.logEntries().map((entry) => entry.message);

describe('quality-aware failover on the router', () => {
  it('moves traffic off a dead link within 3 s, logs why, and fails back only after the hold time', async () => {
    site = await startQualitySite();
    await site.clock.advance(4000);
    expect(site.activeWan()).toBe(1);
    expect(wanVerdicts(routerRows()).map((wan) => wan.probes.map((probe) => probe.status))).toEqual([
      ['up', 'up'],
      ['up', 'up'],
    ]);

    site.router.links.set('ether1', { internet: false });
    const moved = await site.until(() => site.activeWan() === 2, 10_000);
    expect(moved).toBeLessThanOrEqual(3000);
    const down = logLines()
      .map(parseRouterFailover)
      .find((event) => event?.event === 'down');
    expect(down).toEqual({ wan: 1, event: 'down', cause: 'loss 100 % > 20 % on 1.1.1.1 and 1.0.0.1' });
    const [wan1] = wanVerdicts(routerRows());
    expect(wan1?.probes.map((probe) => probe.tripped)).toEqual([
      ['loss 100 % > 20 %'],
      ['loss 100 % > 20 %'],
    ]);

    site.router.links.set('ether1', { internet: true });
    // Healthy again within a test or two, then the hold: the failback is scheduled, not done.
    await site.until(() => wanVerdicts(routerRows())[0]?.holding === true, 5000);
    const healed = site.clock.now();
    await site.until(() => site.activeWan() === 1, 60_000);
    expect(site.clock.now() - healed).toBeGreaterThanOrEqual(29_000);
    expect(logLines().map(parseRouterFailover).at(-1)).toEqual({
      wan: 1,
      event: 'up',
      cause: 'healthy for 30 s',
    });
  });

  it('with down-when=all keeps a WAN whose one probe host fails; with any, moves it', async () => {
    // Only 1.1.1.1 goes quiet: its /32 is sent to a next hop that is not the ISP router.
    const silenceFirstHost = () =>
      site.router.runScript(
        '/ip route set [find where comment="uplink:wan1:probe"] gateway=10.0.1.99%ether1',
      );
    site = await startQualitySite(qualityWans({ downWhen: 'all' }));
    await site.clock.advance(4000);
    await silenceFirstHost();
    // Longer than check-gateway's 20 s: with the quality watch it is off and cannot overrule `all`.
    await site.clock.advance(30_000);
    expect(wanVerdicts(routerRows())[0]?.probes.map((probe) => probe.status)).toEqual(['down', 'up']);
    expect(site.activeWan()).toBe(1);
    site.stop();

    site = await startQualitySite(qualityWans({ downWhen: 'any' }));
    await site.clock.advance(4000);
    await silenceFirstHost();
    expect(await site.until(() => site.activeWan() === 2, 6000)).toBeDefined();
  });

  it('reads its settings back from the router, and Deactivate takes every piece away', async () => {
    const wans = qualityWans({
      lossPercent: 15,
      rttMs: 300,
      jitterMs: 250,
      holdSeconds: 45,
      clearConnections: true,
    });
    site = await startQualitySite(wans);
    expect(readQuality(routerRows(), 1)).toEqual(wans[0]?.quality);
    expect(readQuality(routerRows(), 2)).toEqual(wans[1]?.quality);
    // Applying the same settings again changes nothing.
    expect(qualityChanges(routerRows(), wans, new Set([1, 2])).forward).toEqual([]);

    site.router.links.set('ether1', { internet: false });
    await site.until(() => site.activeWan() === 2, 10_000);
    site.router.links.set('ether1', { internet: true });
    await site.until(() => wanVerdicts(routerRows())[0]?.holding === true, 5000);
    // Connections were cleared when traffic left WAN 1: the LAN reopened them through WAN 2.
    expect(new Set(site.router.connections.wans())).toEqual(new Set(['ether2']));

    const removal = qualityChanges(routerRows(), [], new Set([1, 2]));
    await site.router.runScript(toScript(removal.forward));
    expect(routerRows()).toEqual(noQualityRows);
    // Its undo puts the probes and scripts back as they were.
    await site.router.runScript(toScript(removal.inverse));
    expect(readQuality(routerRows(), 1)).toEqual(wans[0]?.quality);
  });
});

describe('reading the router’s verdicts', () => {
  it('names the thresholds a failover broke, worst figure first, and the hosts that broke them', () => {
    expect(
      parseRouterFailover(
        'uplink:wan2 down; 8.8.8.8 loss=32%/20% avg=25ms/500ms jitter=3ms/500ms; 1.1.1.1 loss=24%/20% avg=612ms/500ms jitter=9ms/500ms',
      ),
    ).toEqual({
      wan: 2,
      event: 'down',
      cause: 'loss 32 % > 20 % on 8.8.8.8 and 1.1.1.1; round trip 612 ms > 500 ms on 1.1.1.1',
    });
    expect(parseRouterFailover('uplink:wan1 up; healthy for 30s')).toEqual({
      wan: 1,
      event: 'up',
      cause: 'healthy for 30 s',
    });
    expect(parseRouterFailover('user admin logged in from 192.168.88.10 via api')).toBeUndefined();
  });
});
