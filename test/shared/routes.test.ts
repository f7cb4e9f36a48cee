import { describe, expect, it } from 'vitest';
import { routesRequests } from '../../shared/ipc/channels/routes';
import { renumberOthers, sharedDistances } from '../../shared/routes/default-routes';
import { parseRoute } from '../../shared/routes/route';
import { newRouteForm, newRouteFormOf } from '../../shared/routes/route-attrs';
import type { RouteFamily } from '../../shared/routes/route-family';
import {
  familyIssues,
  isValidGateway,
  isValidGateways,
  normalizePrefix,
  type RouteForm,
  routeFormSchema,
} from '../../shared/routes/route-form';

const route = (id: string, distance: number, extra: Record<string, string> = {}) =>
  parseRoute({
    '.id': id,
    'dst-address': '0.0.0.0/0',
    gateway: `10.0.${id.slice(1)}.1`,
    distance: String(distance),
    ...extra,
  });

describe('route form validation', () => {
  it('normalizes prefixes as RouterOS stores them', () => {
    expect(normalizePrefix('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(normalizePrefix('10.1.2.3/16')).toBe('10.1.0.0/16');
    expect(normalizePrefix('192.0.2.7')).toBe('192.0.2.7/32');
    expect(normalizePrefix('2001:db8::1/32')).toBe('2001:db8::/32');
    expect(normalizePrefix('10.0.0.0/33')).toBeUndefined();
    expect(normalizePrefix('ten')).toBeUndefined();
  });

  it('accepts a gateway as address, interface or address%interface', () => {
    for (const ok of ['10.0.1.1', 'ether1', 'pppoe-out1', '10.0.1.1%ether1', 'fe80::1%bridge'])
      expect(isValidGateway(ok)).toBe(true);
    for (const bad of ['', '10.0.1', '10.0.1.1%', '%ether1', 'a%b%c', '300.1.1.1'])
      expect(isValidGateway(bad)).toBe(false);
  });

  it('takes ECMP gateways, and no gateway only on a blackhole route', () => {
    expect(isValidGateways('10.0.1.1,10.0.2.1%ether2')).toBe(true);
    expect(isValidGateways('10.0.1.1,')).toBe(false);
    const form = { ...newRouteForm, dstAddress: '198.51.100.0/24' };
    expect(routeFormSchema.safeParse(form).error?.issues[0]?.path).toEqual(['gateway']);
    expect(routeFormSchema.safeParse({ ...form, blackhole: true }).success).toBe(true);
    expect(
      routeFormSchema.safeParse({ ...form, gateway: '10.0.1.1', prefSrc: '10.0.1' }).error?.issues[0]?.path,
    ).toEqual(['prefSrc']);
  });

  it('refuses distances outside 1 to 255 with the field named', () => {
    const base = {
      dstAddress: '0.0.0.0/0',
      gateway: '10.0.1.1',
      blackhole: false,
      prefSrc: '',
      scope: 30,
      targetScope: 10,
      checkGateway: '',
      routingTable: 'main',
      comment: '',
      disabled: false,
    };
    expect(routeFormSchema.safeParse({ ...base, distance: '2' }).success).toBe(true);
    for (const distance of ['0', '256', '1.5', 'x']) {
      const result = routeFormSchema.safeParse({ ...base, distance });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['distance']);
    }
  });
});

describe('default route distances', () => {
  it('finds enabled default routes that share a distance', () => {
    const shared = sharedDistances([
      route('*1', 1),
      route('*2', 1),
      route('*3', 2),
      route('*4', 2, { disabled: 'true' }),
    ]);
    expect([...shared.keys()]).toEqual([1]);
    expect(shared.get(1)?.map((r) => r.id)).toEqual(['*1', '*2']);
  });

  it('renumbers the others, keeping their order and the chosen route', () => {
    const routes = [route('*1', 1), route('*2', 1), route('*3', 2), route('*4', 5)];
    const changes = renumberOthers(routes, routes[0]!);
    expect(changes.map(({ route, distance }) => [route.id, distance])).toEqual([
      ['*2', 2],
      ['*3', 3],
    ]);
  });

  it('moves a route past the kept distance rather than onto it', () => {
    const routes = [route('*1', 2), route('*2', 2), route('*3', 1)];
    const changes = renumberOthers(routes, routes[1]!);
    expect(changes.map(({ route, distance }) => [route.id, distance])).toEqual([['*1', 3]]);
  });
});

describe('a route for one family’s table', () => {
  const form = (values: Partial<RouteForm>) =>
    routeFormSchema.parse({ ...newRouteFormOf('ipv6'), ...values });
  const fields = (values: Partial<RouteForm>, family: RouteFamily) =>
    familyIssues(form(values), family).map((issue) => issue.field);

  it('reads IPv6 destinations and gateways as RouterOS writes them', () => {
    expect(normalizePrefix('2001:DB8:0:0::7/48')).toBe('2001:db8::/48');
    expect(normalizePrefix('2001:db8::1')).toBe('2001:db8::1/128');
    expect(normalizePrefix('::/129')).toBeUndefined();
    expect(normalizePrefix('2001:db8::1::2/64')).toBeUndefined();
    expect(isValidGateways('fe80::1%ether1,2001:db8:2::1')).toBe(true);
    expect(isValidGateway('fe80::1%')).toBe(false);
  });

  it('keeps each table to its family, interfaces welcome in both', () => {
    expect(fields({ gateway: 'fe80::1%ether1' }, 'ipv6')).toEqual([]);
    expect(fields({ gateway: '2001:db8:2::1,ether2' }, 'ipv6')).toEqual([]);
    expect(fields({ dstAddress: '10.0.0.0/8', gateway: 'ether1' }, 'ipv6')).toEqual(['dstAddress']);
    expect(fields({ gateway: '10.0.1.1' }, 'ipv6')).toEqual(['gateway']);
    expect(fields({ dstAddress: '0.0.0.0/0', gateway: '2001:db8::1' }, 'ip')).toEqual(['gateway']);
    expect(fields({ dstAddress: '0.0.0.0/0', gateway: '10.0.1.1' }, 'ip')).toEqual([]);
    expect(fields({ gateway: 'ether1' }, 'ip')).toEqual(['dstAddress']);
  });

  it('wants a link-local gateway with its interface, and no pref-src or ARP check on IPv6', () => {
    expect(familyIssues(form({ gateway: 'fe80::1' }), 'ipv6')).toEqual([
      { field: 'gateway', message: 'A link-local gateway needs its interface, like fe80::1%ether1' },
    ]);
    expect(fields({ gateway: 'ether1', prefSrc: '2001:db8::2', checkGateway: 'arp' }, 'ipv6')).toEqual([
      'prefSrc',
      'checkGateway',
    ]);
    expect(fields({ dstAddress: '0.0.0.0/0', gateway: 'ether1', checkGateway: 'arp' }, 'ip')).toEqual([]);
  });

  it('is checked by the IPC contract before a change reaches main', () => {
    const add = routesRequests['routes.add'].schema;
    const route = form({ gateway: '10.0.1.1' });
    expect(add.safeParse({ siteId: 'lab', family: 'ipv6', route }).error?.issues[0]?.path).toEqual([
      'route',
      'gateway',
    ]);
    // A request without a family is about IP → Routes, as every request was before IPv6.
    expect(add.parse({ siteId: 'lab', route: { ...route, dstAddress: '0.0.0.0/0' } }).family).toBe('ip');
  });
});
