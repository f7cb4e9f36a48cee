import { describe, expect, it } from 'vitest';
import { IdIndex, parseItemId } from '../../electron/routes/id-index';
import { radixSort } from '../../electron/routes/radix-sort';
import { parseIpv4Text, RouteTable } from '../../electron/routes/route-table';
import { RouteViews } from '../../electron/routes/route-view';
import type { FindCondition } from '../../shared/routes/route-find';
import { routeQuerySchema } from '../../shared/routes/route-query';

const row = (id: number, dst: string, extra: Record<string, string> = {}) => ({
  '.id': `*${id.toString(16).toUpperCase()}`,
  'dst-address': dst,
  gateway: '10.0.0.1',
  distance: '1',
  scope: '30',
  'target-scope': '10',
  'routing-table': 'main',
  static: 'true',
  ...extra,
});

function table(rows: Record<string, string>[]) {
  const t = new RouteTable();
  for (const r of rows) t.apply(r);
  return { table: t, views: new RouteViews(t) };
}

const dsts = (t: RouteTable, order: Uint32Array) => [...order].map((slot) => t.dstOf(slot));
const query = (q: Parameters<typeof routeQuerySchema.parse>[0]) => routeQuerySchema.parse(q);

describe('IdIndex', () => {
  it('finds, replaces and deletes under heavy collisions and growth', () => {
    const index = new IdIndex(4);
    const reference = new Map<number, number>();
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let i = 0; i < 20_000; i++) {
      const key = random() % 5000;
      if (random() % 3 === 0) {
        index.delete(key);
        reference.delete(key);
      } else {
        index.set(key, i);
        reference.set(key, i);
      }
    }
    for (let key = 0; key < 5000; key++) expect(index.get(key)).toBe(reference.get(key) ?? -1);
  });

  it('keeps what it holds when room is reserved, before and after keys are in', () => {
    const index = new IdIndex(4);
    for (let key = 0; key < 100; key++) index.set(key * 7, key);
    index.reserve(50_000);
    for (let key = 100; key < 50_000; key++) index.set(key * 7, key);
    index.reserve(10);
    for (let key = 0; key < 50_000; key++) expect(index.get(key * 7)).toBe(key);
    expect(index.get(3)).toBe(-1);
  });

  it('parses RouterOS ids', () => {
    expect(parseItemId('*1A')).toBe(26);
    expect(parseItemId('*FFFFFFFF')).toBe(0xffffffff);
    expect(parseItemId('12')).toBeUndefined();
  });
});

describe('radixSort', () => {
  it('sorts stably by a 32-bit key', () => {
    const key = new Uint32Array([5, 0xffffffff, 5, 0, 70000]);
    expect([...radixSort(new Uint32Array([0, 1, 2, 3, 4]), key, 32)]).toEqual([3, 0, 2, 4, 1]);
  });
});

describe('RouteTable', () => {
  it('parses IPv4 prefixes and refuses the rest', () => {
    expect(parseIpv4Text('10.1.0.0/16')).toEqual({ address: 0x0a010000, length: 16 });
    expect(parseIpv4Text('0.0.0.0/0')).toEqual({ address: 0, length: 0 });
    expect(parseIpv4Text('256.1.1.1/8')).toBeUndefined();
    expect(parseIpv4Text('2001:db8::/32')).toBeUndefined();
  });

  it('keeps rows as the router sent them and applies listen changes', () => {
    const { table: t } = table([
      row(1, '0.0.0.0/0', { comment: 'uplink:wan1', active: 'true' }),
      row(2, '10.0.0.0/8', { 'check-gateway': 'ping' }),
    ]);
    expect(t.route(0)).toMatchObject({
      id: '*1',
      dstAddress: '0.0.0.0/0',
      comment: 'uplink:wan1',
      flags: ['active', 'static'],
    });
    expect(t.defaultRoutes().map((r) => r.id)).toEqual(['*1']);
    const before = t.version;
    t.apply(row(2, '2001:db8::/32', { distance: '7' }));
    expect(t.route(1)).toMatchObject({ dstAddress: '2001:db8::/32', distance: 7, checkGateway: '' });
    t.apply({ '.id': '*1', '.dead': 'true' });
    expect(t.size).toBe(1);
    expect(t.defaultRoutes()).toEqual([]);
    expect(t.version).toBeGreaterThan(before);
  });
});

describe('RouteViews', () => {
  const rows = [
    row(1, '10.0.0.0/8', { gateway: 'ether10', distance: '3', comment: 'Office' }),
    row(2, '0.0.0.0/0', {
      gateway: '10.0.2.1',
      distance: '2',
      dynamic: 'true',
      dhcp: 'true',
      static: 'false',
    }),
    row(3, '192.168.1.0/24', { gateway: 'ether2', distance: '1' }),
    row(4, '0.0.0.0/0', { gateway: '1.1.1.1', distance: '1', comment: 'uplink:wan1' }),
    row(5, '10.0.0.0/16', { gateway: 'ether2', distance: '12' }),
    row(6, 'fd00::/8', { gateway: 'ether3' }),
  ];

  it('sorts destinations numerically, IPv4 first, ties in router order', () => {
    const { table: t, views } = table(rows);
    expect(dsts(t, views.order(query({ sort: 'dstAddress' })))).toEqual([
      '0.0.0.0/0',
      '0.0.0.0/0',
      '10.0.0.0/8',
      '10.0.0.0/16',
      '192.168.1.0/24',
      'fd00::/8',
    ]);
    expect(dsts(t, views.order(query({ sort: 'dstAddress', descending: true })))[0]).toBe('fd00::/8');
  });

  it('sorts numbers numerically and names naturally', () => {
    const { table: t, views } = table(rows);
    const ids = (order: Uint32Array) => [...order].map((slot) => t.route(slot).id);
    expect(ids(views.order(query({ sort: 'distance' })))).toEqual(['*3', '*4', '*6', '*2', '*1', '*5']);
    expect(ids(views.order(query({ sort: 'distance', descending: true })))).toEqual([
      '*5',
      '*1',
      '*2',
      '*3',
      '*4',
      '*6',
    ]);
    const gateways = [...views.order(query({ sort: 'gateway' }))].map((slot) => t.route(slot).gateway);
    expect(gateways).toEqual(['1.1.1.1', '10.0.2.1', 'ether2', 'ether2', 'ether3', 'ether10']);
  });

  it('filters on any column, and with the quick filters', () => {
    const { table: t, views } = table(rows);
    const ids = (q: Parameters<typeof query>[0]) =>
      [...views.order(query(q))].map((slot) => t.route(slot).id);
    expect(ids({ filter: 'office' })).toEqual(['*1']);
    expect(ids({ filter: '10.0' })).toEqual(['*1', '*2', '*5']);
    expect(ids({ filter: '12' })).toEqual(['*5']);
    expect(ids({ filter: 'fd00' })).toEqual(['*6']);
    expect(ids({ defaultOnly: true })).toEqual(['*2', '*4']);
    expect(ids({ defaultOnly: true, staticOnly: true })).toEqual(['*4']);
    expect(ids({ filter: 'ether', sort: 'gateway', descending: true })).toEqual(['*1', '*6', '*3', '*5']);
  });

  it('filters on the one column that holds the text, flags and numbers included', () => {
    const { table: t, views } = table([
      row(1, '10.0.0.0/8', { gateway: 'ether1', distance: '5', disabled: 'true' }),
      row(2, '192.168.0.0/16', { gateway: 'ether2', ecmp: 'true' }),
      row(3, '172.16.0.0/12', { gateway: 'ether3', comment: 'Branch 168' }),
    ]);
    const ids = (filter: string) => [...views.order(query({ filter }))].map((slot) => t.route(slot).id);
    // Flags (X disabled, + ecmp), a number, a gateway, a comment beside a destination, nothing.
    expect(ids('x')).toEqual(['*1']);
    expect(ids('+')).toEqual(['*2']);
    expect(ids('5')).toEqual(['*1']);
    expect(ids('ether2')).toEqual(['*2']);
    expect(ids('168')).toEqual(['*2', '*3']);
    expect(ids('10.')).toEqual(['*1']);
    expect(ids('zz')).toEqual([]);
  });

  it('finds text in destinations across a big table, where hits are dense and where they are sparse', () => {
    // 20,000 /24s: "1" is in nearly every destination, "7.3" in a few, in blocks the sweep handles
    // both ways; the gateway is an interface, so only the destination can match.
    const many = Array.from({ length: 20_000 }, (_, i) =>
      row(i + 1, `10.${i >> 8}.${i & 255}.0/24`, { gateway: 'ether2', distance: '200' }),
    );
    const { table: t, views } = table(many);
    const expected = (needle: string) =>
      many.filter((each) => each['dst-address']!.includes(needle)).map((each) => each['.id']);
    const ids = (filter: string) => [...views.order(query({ filter }))].map((slot) => t.route(slot).id);
    for (const needle of ['1', '10.', '7.3', '.0/24', '77.25', '10.78.31.0/24', '/2'])
      expect(ids(needle), needle).toEqual(expected(needle));
  });

  it('serves the router order from one shared array until a route leaves, and takes reserved room', () => {
    const { table: t, views } = table(rows);
    t.reserve(3000);
    for (let i = 7; i < 2000; i++) t.apply(row(i, `10.${i >> 8}.${i & 255}.0/24`));
    const first = views.order(query({}));
    expect(first.length).toBe(t.size);
    expect([...first.subarray(0, 3)].map((slot) => t.route(slot).id)).toEqual(['*1', '*2', '*3']);
    t.apply(row(3000, '10.200.0.0/24'));
    expect(views.order(query({})).buffer).toBe(first.buffer);
    t.apply({ '.id': '*2', '.dead': 'true' });
    const after = views.order(query({}));
    expect(after.length).toBe(t.size);
    expect([...after.subarray(0, 2)].map((slot) => t.route(slot).id)).toEqual(['*1', '*3']);
    expect(t.route(after[after.length - 1]!).dstAddress).toBe('10.200.0.0/24');
  });

  it('recomputes after a change and skips removed routes', () => {
    const { table: t, views } = table(rows);
    expect(views.order(query({})).length).toBe(6);
    t.apply({ '.id': '*3', '.dead': 'true' });
    t.apply(row(7, '172.16.0.0/12'));
    expect(dsts(t, views.order(query({ sort: 'dstAddress' })))).not.toContain('192.168.1.0/24');
    expect(views.order(query({})).length).toBe(6);
  });
});

describe('Find over the table in main', () => {
  const rows = [
    row(1, '10.0.0.0/8', { active: 'true', gateway: 'ether10', distance: '3', comment: 'Office' }),
    row(2, '0.0.0.0/0', {
      active: 'true',
      gateway: '192.168.88.1',
      distance: '2',
      dynamic: 'true',
      dhcp: 'true',
    }),
    row(3, '10.20.0.0/16', { gateway: '192.168.88.7%ether2', distance: '1' }),
    row(4, '0.0.0.0/0', { active: 'true', gateway: '1.1.1.1', distance: '1', comment: 'uplink:wan1' }),
    row(5, '172.16.5.0/24', {
      active: 'true',
      gateway: '10.9.9.1,192.168.88.9',
      distance: '12',
      disabled: 'true',
    }),
    row(6, '2001:db8:1::/48', { active: 'true', gateway: 'fe80::1%ether3' }),
  ];
  const setup = () => {
    const { table: t, views } = table(rows);
    const ids = (conditions: FindCondition[], extra = {}) =>
      [...views.order(query({ conditions, ...extra }))].map((slot) => t.route(slot).id);
    return { table: t, views, ids };
  };

  it('keeps the rows that meet every condition, and counts each on its own', () => {
    const { views, ids } = setup();
    const conditions: FindCondition[] = [
      { column: 'gateway', operator: 'inSubnet', value: '192.168.88.0/24' },
      { column: 'distance', operator: 'lessThan', value: '10' },
    ];
    expect(ids(conditions)).toEqual(['*2', '*3']);
    expect(views.matches(query({ conditions }))).toEqual([3, 5]);
    expect(ids(conditions, { sort: 'distance' })).toEqual(['*3', '*2']);
    expect(ids(conditions, { filter: 'ether' })).toEqual(['*3']);
  });

  it('finds destinations by subnet, equality and text, IPv4 and IPv6 alike', () => {
    const { ids } = setup();
    expect(ids([{ column: 'dstAddress', operator: 'inSubnet', value: '10.0.0.0/8' }])).toEqual(['*1', '*3']);
    expect(ids([{ column: 'dstAddress', operator: 'inSubnet', value: '0.0.0.0/0' }])).toEqual([
      '*1',
      '*2',
      '*3',
      '*4',
      '*5',
    ]);
    expect(ids([{ column: 'dstAddress', operator: 'inSubnet', value: '2001:db8::/32' }])).toEqual(['*6']);
    expect(ids([{ column: 'dstAddress', operator: 'is', value: '0.0.0.0/0' }])).toEqual(['*2', '*4']);
    expect(ids([{ column: 'dstAddress', operator: 'isNot', value: '0.0.0.0/0' }])).toEqual([
      '*1',
      '*3',
      '*5',
      '*6',
    ]);
    expect(ids([{ column: 'dstAddress', operator: 'isNot', value: '2001:db8:1::/48' }])).toHaveLength(5);
    expect(ids([{ column: 'dstAddress', operator: 'contains', value: '.0/2' }])).toEqual(['*5']);
    expect(ids([{ column: 'dstAddress', operator: 'contains', value: '0/' }])).toHaveLength(5);
    expect(ids([{ column: 'dstAddress', operator: 'contains', value: 'DB8' }])).toEqual(['*6']);
  });

  it('finds by flags, comments and numbers', () => {
    const { ids } = setup();
    expect(ids([{ column: 'flags', operator: 'is', value: 'disabled' }])).toEqual(['*5']);
    expect(ids([{ column: 'flags', operator: 'isNot', value: 'active' }])).toEqual(['*3']);
    expect(ids([{ column: 'comment', operator: 'contains', value: 'UPLINK' }])).toEqual(['*4']);
    expect(ids([{ column: 'distance', operator: 'greaterThan', value: '2' }])).toEqual(['*1', '*5']);
    expect(ids([{ column: 'gateway', operator: 'is', value: '192.168.88.9' }])).toEqual(['*5']);
  });

  it('follows the table as it changes', () => {
    const { table: t, ids } = setup();
    const subnet: FindCondition[] = [{ column: 'dstAddress', operator: 'inSubnet', value: '10.0.0.0/8' }];
    expect(ids(subnet)).toEqual(['*1', '*3']);
    t.apply({ '.id': '*1', '.dead': 'true' });
    t.apply(row(7, '10.7.0.0/16'));
    expect(ids(subnet)).toEqual(['*3', '*7']);
  });
});
