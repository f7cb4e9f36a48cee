import { describe, expect, it } from 'vitest';
import { renumberOthers, sharedDistances } from '../../shared/routes/default-routes';
import { parseRoute } from '../../shared/routes/route';
import { newRouteForm } from '../../shared/routes/route-attrs';
import {
  isValidGateway,
  isValidGateways,
  normalizePrefix,
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
