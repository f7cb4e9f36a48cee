// `/ipv6/address` and `/ipv6/route` as RouterOS 7 has them: connected routes from addresses, `::/0`
// per WAN (one by a link-local gateway pinned to its interface), RouterOS's checks and wording, the
// same table over the API, the console and `listen`.
import { afterEach, describe, expect, it } from 'vitest';
import type { RouterModel } from '../../electron/demo-router/router';
import { collect, done, print, router, run, trapOf } from './router-harness';

let target: RouterModel;
afterEach(() => target?.stop());

const routes = () => print(target, '/ipv6/route/print');
const byDst = (dst: string) => routes().filter((row) => row['dst-address'] === dst);

async function consoleRun(line: string, width = 120) {
  const session = target.openConsole('admin', width);
  let output = '';
  await session.run(line, (text) => {
    output += text;
    return undefined;
  });
  return output;
}

describe('IPv6 on the demo router', () => {
  it('prints the two-wan site: connected networks from its addresses and a ::/0 per WAN', () => {
    target = router();
    expect(routes()).toEqual([
      {
        '.id': '*80000001',
        comment: 'ISP1',
        'dst-address': '::/0',
        'routing-table': 'main',
        gateway: 'fe80::1%ether1',
        'immediate-gw': 'fe80::1%ether1',
        distance: '1',
        scope: '30',
        'target-scope': '10',
        'suppress-hw-offload': 'false',
        dynamic: 'false',
        inactive: 'false',
        active: 'true',
        static: 'true',
        disabled: 'false',
      },
      {
        '.id': '*80000002',
        comment: 'ISP2',
        'dst-address': '::/0',
        'routing-table': 'main',
        gateway: '2001:db8:2::1',
        'immediate-gw': '2001:db8:2::1%ether2',
        distance: '2',
        scope: '30',
        'target-scope': '10',
        'suppress-hw-offload': 'false',
        dynamic: 'false',
        inactive: 'false',
        static: 'true',
        disabled: 'false',
      },
      expect.objectContaining({ 'dst-address': '2001:db8:1::/64', gateway: 'ether1', connect: 'true' }),
      expect.objectContaining({ 'dst-address': '2001:db8:2::/64', gateway: 'ether2', connect: 'true' }),
      expect.objectContaining({
        'dst-address': '2001:db8:88::/64',
        gateway: 'bridge',
        'local-address': '2001:db8:88::1%bridge',
        distance: '0',
        dynamic: 'true',
        active: 'true',
      }),
    ]);
    expect(print(target, '/ipv6/address/print')[0]).toEqual({
      '.id': '*1',
      comment: 'ISP1',
      address: '2001:db8:1::2/64',
      'from-pool': '',
      interface: 'ether1',
      'actual-interface': 'ether1',
      'eui-64': 'false',
      advertise: 'true',
      'no-dad': 'false',
      'link-local': 'false',
      global: 'true',
      invalid: 'false',
      dynamic: 'false',
      disabled: 'false',
    });
  });

  it('fails over when the WAN goes down, and the IPv4 table is not touched by IPv6 changes', () => {
    target = router();
    const ipv4 = print(target, '/ip/route/print');
    target.links.set('ether1', { up: false });
    // Active routes print first: ISP2 now leads.
    expect(byDst('::/0')).toMatchObject([
      { comment: 'ISP2', active: 'true' },
      { comment: 'ISP1', inactive: 'true', 'immediate-gw': '' },
    ]);
    target.links.set('ether1', { up: true });
    done(target, '/ipv6/route/add', { 'dst-address': '2001:db8:100::/48', blackhole: 'yes' });
    expect(print(target, '/ip/route/print')).toEqual(ipv4);
    expect(byDst('2001:db8:100::/48')[0]).toMatchObject({ blackhole: 'true', active: 'true' });
  });

  it('adds, sets and removes routes with RouterOS checks and wording', () => {
    target = router();
    const id = done(target, '/ipv6/route/add', {
      'dst-address': '2001:DB8:abcd:12::5/56',
      gateway: 'fe80::2%ether2,2001:db8:1::1',
      distance: '7',
    });
    // Host bits cleared and the address written the short way, as RouterOS stores it.
    expect(byDst('2001:db8:abcd::/56')[0]).toMatchObject({
      '.id': id,
      gateway: 'fe80::2%ether2,2001:db8:1::1',
      'immediate-gw': 'fe80::2%ether2,2001:db8:1::1%ether1',
      distance: '7',
    });
    done(target, '/ipv6/route/set', { '.id': id!, distance: '9', disabled: 'yes' });
    expect(byDst('2001:db8:abcd::/56')[0]).toMatchObject({
      distance: '9',
      disabled: 'true',
      inactive: 'false',
    });
    expect(
      trapOf(() => run(target, '/ipv6/route/add', { 'dst-address': '::/129', gateway: 'ether1' })).message,
    ).toBe('value of dst-address out of range');
    expect(
      trapOf(() => run(target, '/ipv6/route/add', { 'dst-address': '10.0.0.0/8', gateway: 'ether1' }))
        .message,
    ).toBe('invalid value for argument dst-address');
    expect(trapOf(() => run(target, '/ipv6/route/add', { gateway: '10.0.1.1' })).message).toBe(
      'invalid value for argument gateway',
    );
    expect(
      trapOf(() => run(target, '/ipv6/route/add', { gateway: 'ether1', 'pref-src': '2001:db8:1::2' }))
        .message,
    ).toBe('unknown parameter');
    expect(
      trapOf(() => run(target, '/ipv6/route/add', { gateway: 'ether1', 'check-gateway': 'arp' })).message,
    ).toBe('input does not match any value of check-gateway');
    const connected = byDst('2001:db8:1::/64')[0]!['.id']!;
    expect(trapOf(() => run(target, '/ipv6/route/set', { '.id': connected, distance: '3' })).message).toBe(
      'failure: cannot change dynamic route',
    );
    done(target, '/ipv6/route/remove', { '.id': id! });
    expect(byDst('2001:db8:abcd::/56')).toEqual([]);
  });

  it('makes and drops connected routes as addresses come and go', () => {
    target = router();
    const id = done(target, '/ipv6/address/add', { address: '2001:db8:5::1', interface: 'ether3' });
    // A bare IPv6 address is a /64.
    expect(byDst('2001:db8:5::/64')[0]).toMatchObject({ gateway: 'ether3', connect: 'true' });
    done(target, '/ipv6/address/disable', { '.id': id! });
    expect(byDst('2001:db8:5::/64')).toEqual([]);
  });

  it('streams changes to listen', async () => {
    target = router();
    const listening = collect(run(target, '/ipv6/route/listen'), (rows) => rows.length >= 1);
    const id = done(target, '/ipv6/route/set', { '.id': '*80000002', distance: '5' });
    expect(id).toBeUndefined();
    const { rows } = await listening;
    expect(rows[0]).toMatchObject({ '.id': '*80000002', distance: '5' });
  });

  it('prints on the console as the API does', async () => {
    target = router();
    expect(await consoleRun('/ipv6 route print')).toBe(
      [
        'Flags: D - DYNAMIC; A - ACTIVE; c - CONNECT, s - STATIC',
        'Columns: DST-ADDRESS, GATEWAY, ROUTING-TABLE, DISTANCE',
        '#     DST-ADDRESS       GATEWAY         ROUTING-TABLE  DISTANCE',
        ';;; ISP1',
        '0  As ::/0              fe80::1%ether1  main                  1',
        ';;; ISP2',
        '1   s ::/0              2001:db8:2::1   main                  2',
        '  DAc 2001:db8:1::/64   ether1          main                  0',
        '  DAc 2001:db8:2::/64   ether2          main                  0',
        '  DAc 2001:db8:88::/64  bridge          main                  0',
        '',
      ].join('\n'),
    );
    expect(await consoleRun('/ipv6 address print')).toContain('2001:db8:88::1/64');
  });
});
