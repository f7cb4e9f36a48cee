// Netwatch, the connection table and the link console on the demo router, with the router's clock
// simulated so each test steps through seconds of probing at once. The router's logic is the same
// as in real time: the clock only decides when its timers fire.
import { afterEach, describe, expect, it } from 'vitest';
import type { Attrs } from '../../electron/demo-router/command';
import { runLinkCommand } from '../../electron/demo-router/link-console';
import { type RouterModel, SimulatedClock } from '../../electron/demo-router/router';
import {
  addRecipeWan,
  byComment,
  done,
  milliseconds,
  print,
  removePlainDefaults,
  route,
  router,
} from './router-harness';

let target: RouterModel;
let clock: SimulatedClock;
afterEach(() => target?.stop());

function site(): RouterModel {
  clock = new SimulatedClock();
  // Repeatable loss and jitter: a fixed sequence instead of Math.random.
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  target = router({ clock, random });
  removePlainDefaults(target);
  addRecipeWan(target, 1, '10.0.1.1', 'ether1', '1.1.1.1', 1);
  addRecipeWan(target, 2, '10.0.2.1', 'ether2', '9.9.9.9', 2);
  return target;
}

const watch = (host: string): Attrs => {
  const row = print(target, '/tool/netwatch/print').find((each) => each.host === host);
  if (!row) throw new Error(`no netwatch for ${host}`);
  return row;
};
const activeDefault = () =>
  [...target.routes.rows()].find((row) => row['dst-address'] === '0.0.0.0/0' && row.active === 'true')
    ?.comment;

describe('/tool/netwatch', () => {
  it('prints an icmp probe with RouterOS defaults, Unknown until its first test after start-delay', async () => {
    site();
    done(target, '/tool/netwatch/add', { host: '1.1.1.1', type: 'icmp', comment: 'isp1' });
    expect(watch('1.1.1.1')).toMatchObject({
      type: 'icmp',
      interval: '10s',
      timeout: '3s',
      'start-delay': '3s',
      'packet-interval': '50ms',
      'packet-count': '10',
      'thr-avg': '100ms',
      'thr-max': '1s',
      'thr-stdev': '250ms',
      'thr-jitter': '1s',
      'thr-loss-percent': '85%',
      'thr-loss-count': '4294967295',
      status: 'unknown',
      'done-tests': '0',
      disabled: 'false',
    });
    await clock.advance(2900);
    expect(watch('1.1.1.1').status).toBe('unknown');
    await clock.advance(700);
    const row = watch('1.1.1.1');
    expect(row).toMatchObject({
      status: 'up',
      'done-tests': '1',
      'sent-count': '10',
      'response-count': '10',
    });
    expect(row['loss-percent']).toBe('0%');
    // ether1's link: 20 ms ± 2 ms.
    expect(milliseconds(row['rtt-avg'])).toBeGreaterThan(17);
    expect(milliseconds(row['rtt-avg'])).toBeLessThan(23);
    expect(milliseconds(row['rtt-jitter'])).toBeLessThanOrEqual(4);
    expect(row.since).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('fails a test on loss above thr-loss-percent and runs down-script, then up-script when it heals', async () => {
    site();
    done(target, '/tool/netwatch/add', {
      host: '1.1.1.1',
      type: 'icmp',
      interval: '1s',
      'start-delay': '0s',
      'packet-count': '50',
      'packet-interval': '20ms',
      timeout: '1s',
      'thr-loss-percent': '20',
      'down-script': '/ip route disable [find where comment="uplink:wan1"]',
      'up-script': '/ip route enable [find where comment="uplink:wan1"]',
    });
    await clock.advance(3000);
    expect(watch('1.1.1.1').status).toBe('up');
    expect(activeDefault()).toBe('uplink:wan1');

    target.links.set('ether1', { lossPct: 60 });
    await clock.advance(5000);
    const row = watch('1.1.1.1');
    expect(row.status).toBe('down');
    expect(Number.parseFloat(row['loss-percent'] ?? '')).toBeGreaterThan(20);
    expect(Number(row['failed-tests'])).toBeGreaterThan(0);
    // The down-script ran through the script interpreter, as *sys.
    expect(route(target, byComment('uplink:wan1')).disabled).toBe('true');
    expect(activeDefault()).toBe('uplink:wan2');

    target.links.set('ether1', { lossPct: 0 });
    await clock.advance(3000);
    expect(watch('1.1.1.1').status).toBe('up');
    expect(activeDefault()).toBe('uplink:wan1');
  });

  it('fails on the average round trip above thr-avg, and on jitter (max - min) above thr-jitter', async () => {
    site();
    const probe = {
      type: 'icmp',
      interval: '1s',
      'start-delay': '0s',
      'thr-avg': '500ms',
      'thr-jitter': '100ms',
    };
    done(target, '/tool/netwatch/add', { host: '1.1.1.1', ...probe });
    done(target, '/tool/netwatch/add', { host: '9.9.9.9', ...probe });
    await clock.advance(2000);
    expect([watch('1.1.1.1').status, watch('9.9.9.9').status]).toEqual(['up', 'up']);

    target.links.set('ether1', { latencyMs: 600 });
    target.links.set('ether2', { jitterMs: 150 });
    await clock.advance(3000);
    expect(watch('1.1.1.1')).toMatchObject({ status: 'down', 'loss-percent': '0%' });
    expect(milliseconds(watch('1.1.1.1')['rtt-avg'])).toBeGreaterThan(500);
    expect(watch('9.9.9.9').status).toBe('down');
    expect(milliseconds(watch('9.9.9.9')['rtt-jitter'])).toBeGreaterThan(100);
  });

  it('with early-failure-detection, knows a dead link before the test has sent all its echoes', async () => {
    site();
    done(target, '/tool/netwatch/add', {
      host: '1.1.1.1',
      type: 'icmp',
      interval: '10s',
      'start-delay': '0s',
      'packet-count': '50',
      'packet-interval': '100ms',
      timeout: '500ms',
      'thr-loss-percent': '20',
      'early-failure-detection': 'yes',
      'test-script': ':log info "netwatch tested"',
    });
    await clock.advance(10);
    // The ISP's side dies; the cable stays in (with it out, the /32 goes and the probe finds WAN 2).
    target.links.set('ether1', { internet: false });
    // 11 lost echoes (> 20 % of 50) are known 10 × 100 ms + 500 ms after the test began: 1.5 s,
    // where waiting for all 50 would take 5.5 s.
    await clock.advance(1600);
    // The first echo left before the link died and came back.
    expect(watch('1.1.1.1')).toMatchObject({ status: 'down', 'done-tests': '1', 'response-count': '1' });
    expect(target.logEntries().filter((entry) => entry.message === 'netwatch tested')).toHaveLength(1);
  });

  it('sets, disables and removes entries; a bad value is refused in RouterOS words', async () => {
    site();
    const id =
      done(target, '/tool/netwatch/add', { host: '1.1.1.1', type: 'icmp', 'start-delay': '0s' }) ?? '';
    done(target, '/tool/netwatch/set', { '.id': id, 'thr-avg': '250ms', comment: 'uplink:wan1:watch' });
    expect(watch('1.1.1.1')).toMatchObject({ 'thr-avg': '250ms', comment: 'uplink:wan1:watch' });
    done(target, '/tool/netwatch/disable', { '.id': id });
    await clock.advance(30_000);
    expect(watch('1.1.1.1')).toMatchObject({ disabled: 'true', status: 'unknown', 'done-tests': '0' });
    expect(() => done(target, '/tool/netwatch/set', { '.id': id, type: 'carrier-pigeon' })).toThrow(
      'input does not match any value of type',
    );
    expect(() => done(target, '/tool/netwatch/add', { host: 'nowhere', type: 'icmp' })).toThrow(
      'invalid value for argument host',
    );
    done(target, '/tool/netwatch/remove', { '.id': id });
    expect(print(target, '/tool/netwatch/print')).toEqual([]);
  });
});

describe('/ip/firewall/connection', () => {
  it('pins connections to the WAN they opened on until they are removed', async () => {
    site();
    const wans = () => target.connections.wans();
    expect(new Set(wans())).toEqual(new Set(['ether1']));
    const [first] = print(target, '/ip/firewall/connection/print');
    expect(first).toMatchObject({
      protocol: 'tcp',
      'reply-dst-address': expect.stringMatching(/^10\.0\.1\.2:/),
    });

    done(target, '/ip/route/disable', { '.id': route(target, byComment('uplink:wan1'))['.id']! });
    expect(new Set(wans())).toEqual(new Set(['ether1']));
    // What a failover script does: clear the table; clients reconnect by the new WAN.
    await target.runScript('/ip firewall connection remove [find]');
    expect(new Set(wans())).toEqual(new Set(['ether2']));
    expect(print(target, '/ip/firewall/connection/print')[0]?.['reply-dst-address']).toMatch(/^10\.0\.2\.2:/);
  });
});

describe('link console', () => {
  it('changes a link while the router runs and says how it stands', () => {
    site();
    expect(runLinkCommand(target.links, 'link ether1 loss=25 latency=600ms jitter=10')).toBe(
      'ether1 (gateway 10.0.1.1): up, latency 600 ms ± 10 ms, loss 25 %, 100 Mbps',
    );
    expect(target.links.get('ether1')).toMatchObject({ lossPct: 25, latencyMs: 600, jitterMs: 10 });
    expect(runLinkCommand(target.links, 'link ether2 down')).toContain('ether2 (gateway 10.0.2.1): down');
    expect(runLinkCommand(target.links, 'links').split('\n')).toHaveLength(3);
    expect(() => runLinkCommand(target.links, 'link ether9 down')).toThrow(
      'no WAN link on interface "ether9"',
    );
    expect(() => runLinkCommand(target.links, 'link ether1 loss=lots')).toThrow('cannot read "loss=lots"');
    expect(() => runLinkCommand(target.links, 'link ether1 loss=101')).toThrow('lossPct is at most 100');
  });

  it('takes one host on the internet away, the links and the other hosts as they were', async () => {
    site();
    for (const host of ['1.1.1.1', '9.9.9.9'])
      done(target, '/tool/netwatch/add', { host, type: 'icmp', interval: '1s', 'start-delay': '0s' });
    expect(runLinkCommand(target.links, 'host 1.1.1.1 down')).toBe('1.1.1.1: answers no echo');
    await clock.advance(5000);
    expect([watch('1.1.1.1').status, watch('9.9.9.9').status]).toEqual(['down', 'up']);
    expect(target.links.get('ether1')).toMatchObject({ up: true, internet: true });
    expect(runLinkCommand(target.links, 'host 1.1.1.1 up')).toBe('1.1.1.1: answers');
    await clock.advance(5000);
    expect(watch('1.1.1.1').status).toBe('up');
    expect(() => runLinkCommand(target.links, 'host nowhere down')).toThrow(
      '"nowhere" is not an IPv4 address',
    );
  });
});
