// /ip/route on the router model: rows as RouterOS 7 prints them, add/set/remove and their traps,
// dynamic routes that cannot be changed, active selection by distance, recursive resolution
// through scope and target-scope, listen, and the generated routes of `routes: N`.
import { afterEach, describe, expect, it } from 'vitest';
import type { Attrs } from '../../electron/demo-router/command';
import type { RouterModel } from '../../electron/demo-router/router';
import { byComment, CONTEXT, collect, done, print, route, router, run, trapOf } from './router-harness';

let target: RouterModel;
afterEach(() => target?.stop());

const defaults = () => print(target, '/ip/route/print').filter((row) => row['dst-address'] === '0.0.0.0/0');
const activeDefault = () => defaults().find((row) => row.active === 'true');

describe('the two-wan site', () => {
  it('lists its routes as RouterOS 7.18 sends them over the API, by destination', () => {
    target = router();
    const rows = print(target, '/ip/route/print');
    expect(rows.map((row) => row['dst-address'])).toEqual([
      '0.0.0.0/0',
      '0.0.0.0/0',
      '0.0.0.0/0',
      '10.0.1.0/24',
      '10.0.2.0/24',
      '192.168.8.0/24',
      '192.168.88.0/24',
    ]);
    expect(rows[0]).toEqual({
      '.id': '*80000001',
      comment: 'ISP1',
      'dst-address': '0.0.0.0/0',
      'routing-table': 'main',
      gateway: '10.0.1.1',
      'immediate-gw': '10.0.1.1%ether1',
      distance: '1',
      scope: '30',
      'target-scope': '10',
      'suppress-hw-offload': 'false',
      dynamic: 'false',
      inactive: 'false',
      active: 'true',
      static: 'true',
      disabled: 'false',
    });
    // Not active, but usable: neither `active` nor `inactive`.
    expect(rows[1]).toMatchObject({ comment: 'ISP2', distance: '2', inactive: 'false', static: 'true' });
    expect(rows[1]).not.toHaveProperty('active');
    expect(rows[2]).toMatchObject({
      gateway: '192.168.8.1',
      'immediate-gw': '192.168.8.1%ether3',
      distance: '3',
      'vrf-interface': 'ether3',
      dynamic: 'true',
      dhcp: 'true',
    });
    expect(rows[3]).toEqual({
      '.id': expect.stringMatching(/^\*[0-9A-F]+$/),
      'dst-address': '10.0.1.0/24',
      'routing-table': 'main',
      gateway: 'ether1',
      'immediate-gw': 'ether1',
      distance: '0',
      scope: '10',
      'target-scope': '5',
      'local-address': '10.0.1.2%ether1',
      'suppress-hw-offload': 'false',
      dynamic: 'true',
      inactive: 'false',
      active: 'true',
      connect: 'true',
      disabled: 'false',
    });
  });
});

describe('/ip/route add, set, remove', () => {
  it('adds with RouterOS defaults, numbers ids in hex, and clears host bits', () => {
    target = router();
    const ids = Array.from({ length: 10 }, (_, n) =>
      done(target, '/ip/route/add', { 'dst-address': `10.99.${n}.5/24`, gateway: '10.0.2.1' }),
    );
    expect(ids).toEqual([
      '*80000003',
      '*80000004',
      '*80000005',
      '*80000006',
      '*80000007',
      '*80000008',
      '*80000009',
      '*8000000A',
      '*8000000B',
      '*8000000C',
    ]);
    expect(route(target, (row) => row['.id'] === '*8000000A')).toMatchObject({
      'dst-address': '10.99.7.0/24',
      distance: '1',
      scope: '30',
      'target-scope': '10',
      'routing-table': 'main',
      'immediate-gw': '10.0.2.1%ether2',
      active: 'true',
    });
    done(target, '/ip/route/add', { 'dst-address': '203.0.113.9', gateway: 'ether2' });
    expect(route(target, (row) => row.gateway === 'ether2' && row.static === 'true')['dst-address']).toBe(
      '203.0.113.9/32',
    );
    expect(done(target, '/ip/route/add', { gateway: '10.0.2.1', distance: '9' })).toBe('*8000000E');
    expect(route(target, (row) => row['.id'] === '*8000000E')['dst-address']).toBe('0.0.0.0/0');
  });

  it('refuses bad values with RouterOS wording, changing nothing', () => {
    target = router();
    const isp1 = route(target, byComment('ISP1'))['.id']!;
    const set = (attrs: Attrs) =>
      trapOf(() => run(target, '/ip/route/set', { '.id': isp1, ...attrs })).message;
    expect(set({ distance: '0' })).toBe('value of distance out of range (1..255)');
    expect(set({ distance: '256' })).toBe('value of distance out of range (1..255)');
    expect(set({ distance: 'near' })).toBe('invalid value for argument distance');
    expect(set({ scope: '-1' })).toBe('value of scope out of range (0..255)');
    expect(set({ 'dst-address': 'everywhere' })).toBe('invalid value for argument dst-address');
    expect(set({ 'dst-address': '10.0.0.0/33' })).toBe('value of dst-address out of range');
    expect(set({ gateway: 'ether9' })).toBe('invalid value for argument gateway');
    expect(set({ gateway: '10.0.1.1%ether9' })).toBe('invalid value for argument gateway');
    expect(set({ 'check-gateway': 'telepathy' })).toBe('input does not match any value of check-gateway');
    expect(set({ 'routing-table': 'wan2' })).toBe('input does not match any value of routing-table');
    expect(set({ disabled: 'maybe' })).toBe('invalid value for argument disabled');
    expect(set({ colour: 'blue' })).toBe('unknown parameter');
    expect(trapOf(() => run(target, '/ip/route/set', { '.id': '*DEAD', distance: '4' })).message).toBe(
      'no such item',
    );
    expect(trapOf(() => run(target, '/ip/route/remove', { '.id': '*DEAD' }))).toMatchObject({
      message: 'no such item',
      category: 0,
    });
    expect(route(target, byComment('ISP1')).distance).toBe('1');
  });

  it('takes blackhole, ECMP and pref-src routes and prints them as RouterOS 7 does', () => {
    target = router();
    done(target, '/ip/route/add', { 'dst-address': '198.51.100.0/24', blackhole: 'yes' });
    const blackhole = route(target, (row) => row['dst-address'] === '198.51.100.0/24');
    expect(blackhole).toMatchObject({
      blackhole: 'true',
      active: 'true',
      'immediate-gw': '',
      disabled: 'false',
    });
    expect(blackhole).not.toHaveProperty('gateway');

    done(target, '/ip/route/add', {
      'dst-address': '203.0.113.0/24',
      gateway: '10.0.1.1,10.0.2.1%ether2',
      'pref-src': '10.0.1.2',
    });
    expect(route(target, (row) => row['dst-address'] === '203.0.113.0/24')).toMatchObject({
      gateway: '10.0.1.1,10.0.2.1%ether2',
      'immediate-gw': '10.0.1.1%ether1,10.0.2.1%ether2',
      'pref-src': '10.0.1.2',
      active: 'true',
    });
    // One gateway down: the route carries on through the other.
    target.links.set('ether1', { up: false });
    expect(route(target, (row) => row['dst-address'] === '203.0.113.0/24')).toMatchObject({
      'immediate-gw': '10.0.2.1%ether2',
      active: 'true',
    });
    const id = route(target, (row) => row['dst-address'] === '203.0.113.0/24')['.id']!;
    done(target, '/ip/route/unset', { numbers: id, 'value-name': 'pref-src' });
    expect(route(target, (row) => row['.id'] === id)).not.toHaveProperty('pref-src');
    const set = (attrs: Attrs) => trapOf(() => run(target, '/ip/route/set', { '.id': id, ...attrs })).message;
    expect(set({ 'pref-src': '10.0.1' })).toBe('invalid value for argument pref-src');
    expect(set({ gateway: '10.0.1.1,ether9' })).toBe('invalid value for argument gateway');
    expect(set({ blackhole: 'maybe' })).toBe('invalid value for argument blackhole');
  });

  it('refuses a second route just like one it has', () => {
    target = router();
    const trap = trapOf(() => run(target, '/ip/route/add', { gateway: '10.0.1.1', comment: 'again' }));
    expect(trap.message).toBe('failure: already have such route');
    expect(done(target, '/ip/route/add', { gateway: '10.0.1.1', distance: '7' })).toMatch(/^\*8/);
  });

  it('sets, comments, unsets, disables, enables and removes, on ids and lists of ids', () => {
    target = router();
    const isp1 = route(target, byComment('ISP1'))['.id']!;
    const isp2 = route(target, byComment('ISP2'))['.id']!;
    done(target, '/ip/route/set', { numbers: `${isp1},${isp2}`, 'check-gateway': 'ping', distance: '2' });
    expect(route(target, byComment('ISP1'))).toMatchObject({ distance: '2', 'check-gateway': 'ping' });
    expect(route(target, byComment('ISP2'))).toMatchObject({ distance: '2', 'check-gateway': 'ping' });
    done(target, '/ip/route/unset', { '.id': isp2, 'value-name': 'check-gateway' });
    expect(route(target, byComment('ISP2'))).not.toHaveProperty('check-gateway');
    done(target, '/ip/route/comment', { '.id': isp2, comment: 'uplink:wan2' });
    expect(route(target, byComment('uplink:wan2'))['.id']).toBe(isp2);

    done(target, '/ip/route/disable', { '.id': isp1 });
    const disabled = route(target, byComment('ISP1'));
    expect(disabled).toMatchObject({ disabled: 'true', inactive: 'false', 'immediate-gw': '' });
    expect(disabled).not.toHaveProperty('active');
    expect(activeDefault()?.['.id']).toBe(isp2);
    done(target, '/ip/route/enable', { '.id': isp1 });
    expect(route(target, byComment('ISP1'))).toMatchObject({ disabled: 'false' });

    done(target, '/ip/route/remove', { '.id': isp1 });
    expect(defaults().map((row) => row['.id'])).not.toContain(isp1);
  });
});

describe('dynamic routes', () => {
  it('cannot be changed or removed: connected and DHCP routes belong to their address and client', () => {
    target = router();
    const connected = route(target, (row) => row['dst-address'] === '10.0.1.0/24')['.id']!;
    const dhcp = route(target, (row) => row.dhcp === 'true')['.id']!;
    for (const id of [connected, dhcp]) {
      expect(trapOf(() => run(target, '/ip/route/set', { '.id': id, distance: '5' })).message).toBe(
        'failure: cannot change dynamic route',
      );
      expect(trapOf(() => run(target, '/ip/route/remove', { '.id': id })).message).toBe(
        'failure: cannot remove dynamic route',
      );
    }
    expect(route(target, (row) => row.dhcp === 'true').distance).toBe('3');
  });

  it("take a DHCP route's distance from its client's default-route-distance", () => {
    target = router();
    const [client] = print(target, '/ip/dhcp-client/print');
    expect(client).toMatchObject({
      interface: 'ether3',
      status: 'bound',
      address: '192.168.8.100/24',
      gateway: '192.168.8.1',
      'add-default-route': 'yes',
      'default-route-distance': '3',
    });
    done(target, '/ip/dhcp-client/set', { '.id': client!['.id']!, 'default-route-distance': '7' });
    expect(route(target, (row) => row.dhcp === 'true').distance).toBe('7');
    expect(
      trapOf(() =>
        run(target, '/ip/dhcp-client/set', { '.id': client!['.id']!, 'default-route-distance': '300' }),
      ).message,
    ).toBe('value of default-route-distance out of range (0..255)');
    done(target, '/ip/dhcp-client/set', { numbers: 'ether3', 'add-default-route': 'no' });
    expect(defaults().some((row) => row.dhcp === 'true')).toBe(false);
    done(target, '/ip/dhcp-client/set', { numbers: 'ether3', 'add-default-route': 'yes' });
    done(target, '/ip/dhcp-client/disable', { numbers: 'ether3' });
    expect(defaults().some((row) => row.dhcp === 'true')).toBe(false);
    expect(print(target, '/ip/address/print').some((row) => row.interface === 'ether3')).toBe(false);
  });

  it('follow /ip/address: an address brings its connected route, removing it takes the route away', () => {
    target = router();
    const id = done(target, '/ip/address/add', { address: '172.16.5.1/30', interface: 'ether5' })!;
    // ether5 has nothing plugged in: the connected route is there, but inactive.
    expect(route(target, (row) => row['dst-address'] === '172.16.5.0/30')).toMatchObject({
      gateway: 'ether5',
      'local-address': '172.16.5.1%ether5',
      inactive: 'true',
      connect: 'true',
    });
    expect(
      trapOf(() => run(target, '/ip/address/add', { address: '172.16.6.1/24', interface: 'ether9' })).message,
    ).toBe('input does not match any value of interface');
    done(target, '/ip/address/remove', { '.id': id });
    expect([...target.routes.rows()].some((row) => row['dst-address'] === '172.16.5.0/30')).toBe(false);
    const dynamic = print(target, '/ip/address/print').find((row) => row.dynamic === 'true')!;
    expect(trapOf(() => run(target, '/ip/address/remove', { '.id': dynamic['.id']! })).message).toBe(
      'failure: can not change dynamic address',
    );
  });
});

describe('route selection', () => {
  it('makes the reachable route with the lowest distance active', () => {
    target = router();
    expect(activeDefault()?.comment).toBe('ISP1');
    done(target, '/ip/route/set', { '.id': route(target, byComment('ISP1'))['.id']!, distance: '5' });
    expect(activeDefault()?.comment).toBe('ISP2');
    done(target, '/ip/route/set', { '.id': route(target, byComment('ISP2'))['.id']!, distance: '6' });
    expect(activeDefault()?.dhcp).toBe('true');
    // An unreachable gateway never wins, whatever its distance.
    done(target, '/ip/route/add', { gateway: '10.0.9.1', distance: '1', comment: 'nowhere' });
    expect(route(target, byComment('nowhere'))).toMatchObject({ inactive: 'true', 'immediate-gw': '' });
    expect(activeDefault()?.dhcp).toBe('true');
  });

  it('resolves a gateway only through routes whose scope is within its target-scope', () => {
    target = router();
    done(target, '/ip/route/add', { 'dst-address': '1.1.1.1/32', gateway: '10.0.2.1', comment: 'probe' });
    done(target, '/ip/route/add', {
      'dst-address': '198.51.100.0/24',
      gateway: '1.1.1.1',
      comment: 'via probe',
    });
    // The probe route has the static default scope 30; target-scope 10 cannot see it.
    expect(route(target, byComment('via probe'))).toMatchObject({ inactive: 'true', 'immediate-gw': '' });
    done(target, '/ip/route/set', { '.id': route(target, byComment('probe'))['.id']!, scope: '10' });
    expect(route(target, byComment('via probe'))).toMatchObject({
      inactive: 'false',
      active: 'true',
      // Recursive: the immediate gateway is the probe route's.
      'immediate-gw': '10.0.2.1%ether2',
    });
    // Without the /32, a wide enough target-scope resolves 1.1.1.1 through the active default route.
    done(target, '/ip/route/remove', { '.id': route(target, byComment('probe'))['.id']! });
    expect(route(target, byComment('via probe')).inactive).toBe('true');
    done(target, '/ip/route/set', {
      '.id': route(target, byComment('via probe'))['.id']!,
      'target-scope': '30',
    });
    expect(route(target, byComment('via probe'))['immediate-gw']).toBe('10.0.1.1%ether1');
  });

  it('pins a gateway to an interface with gateway=G%I, usable only while that interface runs', () => {
    target = router();
    done(target, '/ip/route/add', {
      'dst-address': '9.9.9.9/32',
      gateway: '10.0.2.1%ether2',
      comment: 'pinned',
    });
    expect(route(target, byComment('pinned'))).toMatchObject({
      'immediate-gw': '10.0.2.1%ether2',
      active: 'true',
    });
    target.links.set('ether2', { up: false });
    expect(route(target, byComment('pinned'))).toMatchObject({ inactive: 'true', 'immediate-gw': '' });
    expect(route(target, (row) => row['dst-address'] === '10.0.2.0/24')).toMatchObject({
      inactive: 'true',
      connect: 'true',
    });
    expect(print(target, '/interface/print').find((row) => row.name === 'ether2')).toMatchObject({
      running: 'false',
      'link-downs': '1',
    });
  });
});

describe('/ip/route/listen', () => {
  it('sends each changed route as a full row and a removed one as .dead, until cancelled', async () => {
    target = router();
    const stream = collect(run(target, '/ip/route/listen'), (rows) =>
      rows.some((row) => row['.dead'] === 'true'),
    );
    const id = done(target, '/ip/route/add', { 'dst-address': '10.77.0.0/16', gateway: '10.0.1.1' })!;
    done(target, '/ip/route/set', { '.id': id, distance: '3' });
    done(target, '/ip/route/remove', { '.id': id });
    const { rows } = await stream;
    expect(rows.map((row) => [row['.id'], row.distance ?? row['.dead']])).toEqual([
      [id, '1'],
      [id, '3'],
      [id, 'true'],
    ]);
    expect(rows[0]).toMatchObject({ 'dst-address': '10.77.0.0/16', active: 'true', static: 'true' });
  });
});

describe('routes: N', () => {
  it('generates /24s through the WAN gateways, in print order among the rest, changeable like any route', () => {
    target = router({ routes: 6 });
    const rows = print(target, '/ip/route/print');
    const generated = rows.filter((row) => row['dst-address']?.startsWith('20.0.'));
    expect(generated.map((row) => [row['.id'], row['dst-address'], row.gateway])).toEqual([
      ['*80000003', '20.0.0.0/24', '10.0.1.1'],
      ['*80000004', '20.0.1.0/24', '10.0.2.1'],
      ['*80000005', '20.0.2.0/24', '10.0.1.1'],
      ['*80000006', '20.0.3.0/24', '10.0.2.1'],
      ['*80000007', '20.0.4.0/24', '10.0.1.1'],
      ['*80000008', '20.0.5.0/24', '10.0.2.1'],
    ]);
    expect(rows.findIndex((row) => row['dst-address'] === '20.0.0.0/24')).toBe(
      rows.findIndex((row) => row['dst-address'] === '10.0.2.0/24') + 1,
    );
    expect(done(target, '/ip/route/add', { 'dst-address': '10.50.0.0/16', gateway: '10.0.1.1' })).toBe(
      '*80000009',
    );
    done(target, '/ip/route/set', { '.id': '*80000004', distance: '8', comment: 'kept' });
    done(target, '/ip/route/remove', { '.id': '*80000005' });
    const after = print(target, '/ip/route/print').filter((row) => row['dst-address']?.startsWith('20.0.'));
    expect(after.map((row) => row['.id'])).toEqual([
      '*80000003',
      '*80000004',
      '*80000006',
      '*80000007',
      '*80000008',
    ]);
    expect(after[1]).toMatchObject({ distance: '8', comment: 'kept', active: 'true' });
    // count-only counts what print lists, without listing it; a query still counts what it selects.
    expect(done(target, '/ip/route/print', { 'count-only': '' })).toBe(
      String(print(target, '/ip/route/print').length),
    );
    const counted = target.execute(
      { path: '/ip/route/print', attrs: { 'count-only': '' }, queries: ['?gateway=10.0.2.1'] },
      CONTEXT,
    );
    expect(counted).toEqual({
      type: 'done',
      ret: String(print(target, '/ip/route/print').filter((row) => row.gateway === '10.0.2.1').length),
    });
    // A link going down takes its generated routes with it.
    target.links.set('ether1', { up: false });
    expect(
      print(target, '/ip/route/print')
        .filter((row) => row.gateway === '10.0.1.1')
        .every((row) => row.inactive === 'true'),
    ).toBe(true);
  });

  it('streams a million-route print lazily, in bounded memory', () => {
    target = router({ routes: 1_000_000 });
    const started = performance.now();
    const result = run(target, '/ip/route/print');
    if (result.type !== 'rows') throw new Error('not rows');
    const rows = result.rows[Symbol.iterator]();
    expect(rows.next().value).toMatchObject({ 'dst-address': '0.0.0.0/0' });
    // Nothing is built ahead: the first row comes at once.
    expect(performance.now() - started).toBeLessThan(100);
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    let last: Attrs | undefined;
    for (let count = 1; count < 250_000; count += 1) {
      last = rows.next().value;
      if (count % 50_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    // Five routes print before 20.0.0.0/24, the first generated one: row 249,999 is generated route 249,994.
    expect(last).toMatchObject({
      '.id': `*${(0x80000003 + 249_994).toString(16).toUpperCase()}`,
      'dst-address': '23.208.138.0/24',
    });
    // A quarter of a million rows held at once would take well over a hundred megabytes.
    expect(peak - heapBefore).toBeLessThan(32 * 1024 * 1024);
  });
});
