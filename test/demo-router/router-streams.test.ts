// /ping and /interface/monitor-traffic as streams, following the WAN links a test changes.
import { afterEach, describe, expect, it } from 'vitest';
import type { RouterModel } from '../../electron/demo-router/router';
import { byComment, collect, done, milliseconds, print, route, router, run, trapOf } from './router-harness';

let target: RouterModel;
afterEach(() => target?.stop());

const ping = (attrs: Record<string, string>) => collect(run(target, '/ping', { interval: '50ms', ...attrs }));

describe('/ping', () => {
  it('answers at the latency of the link the route picks, with running totals on every reply', async () => {
    target = router();
    target.links.set('ether1', { latencyMs: 20, jitterMs: 0 });
    const { rows, ended, trap } = await ping({ address: '1.1.1.1', count: '3' });
    expect(ended).toBe(true);
    expect(trap).toBeUndefined();
    expect(rows.map((row) => Object.keys(row))).toEqual(
      Array(3).fill([
        'seq',
        'host',
        'size',
        'ttl',
        'time',
        'sent',
        'received',
        'packet-loss',
        'min-rtt',
        'avg-rtt',
        'max-rtt',
      ]),
    );
    expect(rows.map((row) => [row.seq, row.sent, row.received, row['packet-loss']])).toEqual([
      ['0', '1', '1', '0'],
      ['1', '2', '2', '0'],
      ['2', '3', '3', '0'],
    ]);
    expect(rows[2]).toMatchObject({ host: '1.1.1.1', size: '56', ttl: '57' });
    for (const row of rows) expect(milliseconds(row.time)).toBeCloseTo(20, 1);
  });

  it('reports a lost echo as status=timeout, without round-trip figures until one comes back', async () => {
    target = router();
    target.links.set('ether1', { lossPct: 100 });
    const { rows } = await ping({ address: '1.1.1.1', count: '2' });
    expect(rows).toEqual([
      { seq: '0', host: '1.1.1.1', status: 'timeout', sent: '1', received: '0', 'packet-loss': '100' },
      { seq: '1', host: '1.1.1.1', status: 'timeout', sent: '2', received: '0', 'packet-loss': '100' },
    ]);
  });

  it('goes where a probe host /32 pins it, or out of the interface it is given', async () => {
    target = router();
    target.links.set('ether1', { latencyMs: 20, jitterMs: 0 });
    target.links.set('ether2', { latencyMs: 80, jitterMs: 0 });
    done(target, '/ip/route/add', { 'dst-address': '9.9.9.9/32', gateway: '10.0.2.1%ether2', scope: '10' });
    const pinned = await ping({ address: '9.9.9.9', count: '1' });
    expect(milliseconds(pinned.rows[0]?.time)).toBeCloseTo(80, 1);
    const unpinned = await ping({ address: '8.8.8.8', count: '1' });
    expect(milliseconds(unpinned.rows[0]?.time)).toBeCloseTo(20, 1);
    const viaEther2 = await ping({ address: '8.8.8.8', count: '1', interface: 'ether2' });
    // ether2 has no route to 8.8.8.8 of its own (its default route is not the active one, but usable).
    expect(milliseconds(viaEther2.rows[0]?.time)).toBeCloseTo(80, 1);
  });

  it('reaches the ISP router without the internet, and nothing beyond it', async () => {
    target = router();
    target.links.set('ether1', { internet: false });
    const gateway = await ping({ address: '10.0.1.1', count: '1' });
    expect(gateway.rows[0]).toMatchObject({ ttl: '64', received: '1' });
    const beyond = await ping({ address: '1.1.1.1', count: '1' });
    expect(beyond.rows[0]).toMatchObject({ status: 'timeout' });
    const self = await ping({ address: '192.168.88.1', count: '1' });
    expect(self.rows[0]).toMatchObject({ received: '1' });
  });

  it('runs until cancelled without a count, and refuses bad arguments', async () => {
    target = router();
    const { rows, ended } = await collect(
      run(target, '/ping', { address: '1.1.1.1', interval: '10ms' }),
      (got) => got.length >= 5,
    );
    expect(rows).toHaveLength(5);
    expect(ended).toBe(false);
    expect(trapOf(() => run(target, '/ping', { address: 'one.one' })).message).toBe(
      'invalid value for argument address',
    );
    expect(trapOf(() => run(target, '/ping', { address: '1.1.1.1', interval: '1ms' })).message).toBe(
      'value of interval out of range (10ms..5s)',
    );
    expect(trapOf(() => run(target, '/ping', { address: '1.1.1.1', interface: 'wlan1' })).message).toBe(
      'input does not match any value of interface',
    );
    expect(trapOf(() => run(target, '/ping', { address: '1.1.1.1', flood: 'yes' })).message).toBe(
      'unknown parameter',
    );
  });
});

describe('/interface/monitor-traffic', () => {
  const monitor = async (names: string) => {
    const { rows } = await collect(run(target, '/interface/monitor-traffic', { interface: names, once: '' }));
    return Object.fromEntries(rows.map((row) => [row.name, row]));
  };
  const bits = (value: string | undefined) => Number(value);

  it('shows the LAN traffic on the WAN that carries the active default route, and a trickle on the others', async () => {
    target = router();
    const first = await monitor('ether1,ether2,bridge');
    expect(Object.keys(first.ether1!)).toEqual([
      'name',
      'rx-packets-per-second',
      'rx-bits-per-second',
      'fp-rx-packets-per-second',
      'fp-rx-bits-per-second',
      'rx-drops-per-second',
      'rx-errors-per-second',
      'tx-packets-per-second',
      'tx-bits-per-second',
      'fp-tx-packets-per-second',
      'fp-tx-bits-per-second',
      'tx-drops-per-second',
      'tx-queue-drops-per-second',
      'tx-errors-per-second',
      '.section',
    ]);
    expect(bits(first.ether1!['rx-bits-per-second'])).toBeGreaterThan(10_000_000);
    expect(bits(first.ether2!['rx-bits-per-second'])).toBeLessThan(100_000);
    // The LAN side carries the same traffic the other way.
    expect(bits(first.bridge!['tx-bits-per-second'])).toBe(bits(first.ether1!['rx-bits-per-second']));

    done(target, '/ip/route/set', { '.id': route(target, byComment('ISP1'))['.id']!, distance: '9' });
    target.links.set('ether2', { bandwidthMbps: 5 });
    const second = await monitor('ether1,ether2');
    expect(bits(second.ether1!['rx-bits-per-second'])).toBeLessThan(100_000);
    expect(bits(second.ether2!['rx-bits-per-second'])).toBeGreaterThan(4_000_000);
    expect(bits(second.ether2!['rx-bits-per-second'])).toBeLessThanOrEqual(5_000_000);
  });

  it('shows nothing on a link that is down, and streams a round a second until stopped', async () => {
    target = router();
    target.links.set('ether1', { up: false });
    const { rows } = await collect(
      run(target, '/interface/monitor-traffic', { interface: 'ether1' }),
      (got) => got.length >= 2,
    );
    expect(rows.map((row) => [row['.section'], row['rx-bits-per-second']])).toEqual([
      ['0', '0'],
      ['1', '0'],
    ]);
    expect(trapOf(() => run(target, '/interface/monitor-traffic', { interface: 'ether9' })).message).toBe(
      'input does not match any value of interface',
    );
  });

  it('counts bytes on /interface as traffic flows', async () => {
    target = router();
    const bytes = () =>
      Number(print(target, '/interface/print').find((row) => row.name === 'ether1')!['rx-byte']);
    const before = bytes();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bytes()).toBeGreaterThan(before + 100_000);
  });
});
