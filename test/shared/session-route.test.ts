import { describe, expect, it } from 'vitest';
import { parseRoute, type Route } from '../../shared/routes/route';
import {
  commandsChange,
  coveringPrefixes,
  covers,
  longestMatch,
  recursiveGateways,
  sessionAddress,
  sessionReasons,
  wouldCarry,
} from '../../shared/routes/session-route';

const route = (id: string, dst: string, gateway: string, extra: Record<string, string> = {}): Route =>
  parseRoute({
    '.id': id,
    'dst-address': dst,
    gateway,
    distance: '1',
    active: 'true',
    'routing-table': 'main',
    ...extra,
  });

describe('sessionAddress', () => {
  const rows = [
    { name: 'admin', via: 'winbox', address: '192.168.88.20' },
    { name: 'admin', via: 'api', address: '203.0.113.9' },
    { name: 'tech', via: 'api', address: '198.51.100.1' },
    { name: 'admin', via: 'ssh', address: '198.51.100.7' },
    { name: 'admin', via: 'api', address: '127.0.0.1' },
    { name: 'admin', via: 'api', address: '::ffff:203.0.113.10' },
  ];

  it('takes the last login by the session’s user through its door, as RouterOS lists the newest last', () => {
    expect(sessionAddress(rows, { user: 'admin', channel: 'api' })).toBe('203.0.113.10');
    expect(sessionAddress(rows, { user: 'admin', channel: 'api-ssl' })).toBe('203.0.113.10');
    expect(sessionAddress(rows, { user: 'tech', channel: 'api' })).toBe('198.51.100.1');
  });

  it('over SSH (console or tunnel) takes the SSH login: the tunnel’s API login comes from the router itself', () => {
    expect(sessionAddress(rows, { user: 'admin', channel: 'ssh-api' })).toBe('198.51.100.7');
    expect(sessionAddress(rows, { user: 'admin', channel: 'ssh-cli' })).toBe('198.51.100.7');
  });

  it('finds none from loopback, the console’s 0.0.0.0 or a MAC address', () => {
    const local = [
      { name: 'admin', via: 'api', address: '127.0.0.1' },
      { name: 'admin', via: 'api', address: '::1' },
      { name: 'admin', via: 'api', address: '0.0.0.0' },
      { name: 'admin', via: 'ssh', address: '4C:5E:0C:11:22:33' },
    ];
    expect(sessionAddress(local, { user: 'admin', channel: 'api' })).toBeUndefined();
    expect(sessionAddress(local, { user: 'admin', channel: 'ssh-cli' })).toBeUndefined();
  });
});

describe('prefixes', () => {
  it('lists every prefix holding an IPv4 address, /0 to /32, as RouterOS prints them', () => {
    const prefixes = coveringPrefixes('198.51.100.7');
    expect(prefixes).toHaveLength(33);
    expect(prefixes[0]).toBe('0.0.0.0/0');
    expect(prefixes[8]).toBe('198.0.0.0/8');
    expect(prefixes[24]).toBe('198.51.100.0/24');
    expect(prefixes[25]).toBe('198.51.100.0/25');
    expect(prefixes[32]).toBe('198.51.100.7/32');
  });

  it('lists every prefix holding an IPv6 address, /0 to /128, compressed', () => {
    const prefixes = coveringPrefixes('2001:db8:77::7');
    expect(prefixes).toHaveLength(129);
    expect(prefixes[0]).toBe('::/0');
    expect(prefixes[32]).toBe('2001:db8::/32');
    expect(prefixes[48]).toBe('2001:db8:77::/48');
    expect(prefixes[128]).toBe('2001:db8:77::7/128');
  });

  it('holds an address in a prefix of its own family only; a bare address is its host route', () => {
    expect(covers('198.51.100.0/24', '198.51.100.7')).toBe(true);
    expect(covers('198.51.100.0/25', '198.51.100.200')).toBe(false);
    expect(covers('198.51.100.7', '198.51.100.7')).toBe(true);
    expect(covers('::/0', '198.51.100.7')).toBe(false);
    expect(covers('2001:db8::/32', '2001:db8:77::7')).toBe(true);
    expect(covers('ether1', '198.51.100.7')).toBe(false);
  });
});

describe('longestMatch', () => {
  const routes = [
    route('*1', '0.0.0.0/0', '10.0.1.1'),
    route('*2', '198.51.100.0/24', '10.0.2.1'),
    route('*3', '198.51.100.0/25', '10.0.1.1', { active: 'false', disabled: 'true' }),
    route('*4', '198.51.100.0/26', '10.0.1.1', { 'routing-table': 'vpn' }),
    route('*5', '198.51.0.0/16', '10.0.1.1'),
  ];

  it('takes the active main-table route with the longest prefix holding the address', () => {
    expect(longestMatch(routes, '198.51.100.7')?.id).toBe('*2');
    expect(longestMatch(routes, '198.51.7.7')?.id).toBe('*5');
    expect(longestMatch(routes, '203.0.113.1')?.id).toBe('*1');
  });

  it('works for IPv6 as for IPv4', () => {
    const six = [route('*A', '::/0', 'fe80::1%ether1'), route('*B', '2001:db8:77::/48', '2001:db8:2::1')];
    expect(longestMatch(six, '2001:db8:77::7')?.id).toBe('*B');
    expect(longestMatch(six, '2001:db8:99::7')?.id).toBe('*A');
    expect(longestMatch(six, '198.51.100.7')).toBeUndefined();
  });
});

describe('recursiveGateways', () => {
  it('names the gateways reached through another route (the failover recipe’s probe hosts)', () => {
    expect(
      recursiveGateways(route('*1', '0.0.0.0/0', '1.1.1.1', { 'immediate-gw': '10.0.1.1%ether1' })),
    ).toEqual(['1.1.1.1']);
    expect(
      recursiveGateways(route('*2', '0.0.0.0/0', '10.0.1.1', { 'immediate-gw': '10.0.1.1%ether1' })),
    ).toEqual([]);
    expect(recursiveGateways(route('*3', '10.0.0.0/8', 'ether1', { 'immediate-gw': 'ether1' }))).toEqual([]);
  });
});

describe('wouldCarry', () => {
  const carrier = route('*2', '198.51.100.0/24', '10.0.2.1', { distance: '5' });
  const outcome = (dstAddress: string, distance = 1, disabled = false, routingTable = 'main') => ({
    dstAddress,
    distance,
    disabled,
    routingTable,
  });

  it('a longer prefix holding the address wins it; a shorter one does not', () => {
    expect(wouldCarry(outcome('198.51.100.0/25', 200), '198.51.100.7', carrier)).toBe(true);
    expect(wouldCarry(outcome('198.51.0.0/16'), '198.51.100.7', carrier)).toBe(false);
  });

  it('the same prefix wins at no greater distance', () => {
    expect(wouldCarry(outcome('198.51.100.0/24', 5), '198.51.100.7', carrier)).toBe(true);
    expect(wouldCarry(outcome('198.51.100.0/24', 6), '198.51.100.7', carrier)).toBe(false);
  });

  it('a disabled route, another table’s or one not holding the address wins nothing', () => {
    expect(wouldCarry(outcome('198.51.100.0/25', 1, true), '198.51.100.7', carrier)).toBe(false);
    expect(wouldCarry(outcome('198.51.100.0/25', 1, false, 'vpn'), '198.51.100.7', carrier)).toBe(false);
    expect(wouldCarry(outcome('198.51.100.128/25'), '198.51.100.7', carrier)).toBe(false);
  });

  it('with no route carrying the address, any route holding it would', () => {
    expect(wouldCarry(outcome('0.0.0.0/0', 200), '198.51.100.7', undefined)).toBe(true);
  });
});

describe('sessionReasons', () => {
  const vpn = route('*2', '198.51.100.0/24', '10.0.2.1', { comment: 'VPN' });
  const spare = route('*3', '198.51.100.0/25', '10.0.1.1', { active: 'false', disabled: 'true' });
  const probe = route('*9', '1.1.1.1/32', '10.0.1.1%ether1');
  const session = { address: '198.51.100.7', carriers: [vpn, probe], covering: [vpn, spare] };
  const key = (dstAddress: string) => ({
    dstAddress,
    gateway: '10.0.1.1',
    routingTable: 'main',
    comment: '',
  });

  it('says a route carries the session when the change touches it, the recursive gateway’s route too', () => {
    expect(sessionReasons(session, { ids: ['*2', '*7'] })).toEqual([
      '198.51.100.0/24 (VPN): this route carries your session to the router (the router sees Uplink at 198.51.100.7).',
    ]);
    expect(sessionReasons(session, { ids: ['*9'] })).toEqual([
      '1.1.1.1/32 via 10.0.1.1%ether1: this route carries your session to the router (the router sees Uplink at 198.51.100.7).',
    ]);
  });

  it('says a route enabled or added would carry it instead', () => {
    expect(sessionReasons(session, { ids: ['*3'], enables: true })).toEqual([
      '198.51.100.0/25 via 10.0.1.1: this route would carry your session to the router instead of 198.51.100.0/24 (VPN) (the router sees Uplink at 198.51.100.7).',
    ]);
    expect(sessionReasons(session, { ids: ['*3'] }), 'disabling a spare route changes nothing').toEqual([]);
    const added = {
      key: key('198.51.100.0/29'),
      outcome: { dstAddress: '198.51.100.0/29', distance: 1, routingTable: 'main', disabled: false },
    };
    expect(sessionReasons(session, { ids: [], becomes: [added] })).toHaveLength(1);
  });

  it('an edit of the carrier says it carries the session once; an unrelated change says nothing', () => {
    const edited = {
      id: '*2',
      key: { ...key('198.51.100.0/24'), comment: 'VPN' },
      outcome: { dstAddress: '198.51.100.0/24', distance: 1, routingTable: 'main', disabled: false },
    };
    expect(sessionReasons(session, { ids: ['*2'], becomes: [edited] })).toHaveLength(1);
    const elsewhere = {
      key: key('203.0.113.0/24'),
      outcome: { dstAddress: '203.0.113.0/24', distance: 1, routingTable: 'main', disabled: false },
    };
    expect(sessionReasons(session, { ids: ['*5'], becomes: [elsewhere] })).toEqual([]);
  });
});

describe('commandsChange', () => {
  const vpn = route('*2', '198.51.100.0/24', '10.0.2.1', { comment: 'VPN' });
  const spare = route('*3', '198.51.100.0/25', '10.0.1.1', { active: 'false', disabled: 'true' });
  const session = { address: '198.51.100.7', carriers: [vpn], covering: [vpn, spare] };
  const menu = '/ip/route';

  it('finds the routes an undo’s commands touch, as they leave them, and the routes it adds', () => {
    const commands = [
      {
        op: 'set',
        menu,
        select: { where: { 'dst-address': '198.51.100.0/25', gateway: '10.0.1.1' } },
        attrs: { disabled: 'no' },
      },
      { op: 'remove', menu, select: { where: { 'dst-address': '198.51.100.0/24', comment: 'VPN' } } },
      { op: 'add', menu, attrs: { 'dst-address': '198.51.100.0/28', gateway: '10.0.1.1', distance: '3' } },
      {
        op: 'set',
        menu: '/ip/dhcp-client',
        select: { where: { interface: 'ether3' } },
        attrs: { 'default-route-distance': '2' },
      },
    ] as const;
    const change = commandsChange(session, [...commands]);
    expect(change.ids).toEqual(['*3', '*2']);
    expect(change.becomes).toEqual([
      {
        id: '*3',
        key: expect.objectContaining({ dstAddress: '198.51.100.0/25' }),
        outcome: { dstAddress: '198.51.100.0/25', distance: 1, routingTable: 'main', disabled: false },
      },
      {
        key: expect.objectContaining({ dstAddress: '198.51.100.0/28' }),
        outcome: { dstAddress: '198.51.100.0/28', distance: 3, routingTable: 'main', disabled: false },
      },
    ]);
    expect(sessionReasons(session, change)).toHaveLength(3);
  });
});
