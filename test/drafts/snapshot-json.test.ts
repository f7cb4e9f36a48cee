import { describe, expect, it } from 'vitest';
import { type SiteSnapshot, snapshotJson } from '../../shared/drafts/draft';
import { parseRoute } from '../../shared/routes/route';

const routesOf = (count: number, dst: (i: number) => string) =>
  Array.from({ length: count }, (_, i) =>
    parseRoute({
      '.id': `*${i + 1}`,
      'dst-address': dst(i),
      gateway: '10.0.1.1',
      distance: '1',
      comment: i % 2 ? 'with, a "comma"' : '',
      static: 'true',
    }),
  );

const snapshot = (routes: number): SiteSnapshot => ({
  siteId: 'lab',
  takenAt: '2026-12-01T12:00:00.000Z',
  identity: 'Lab "quoted" router',
  routes: routesOf(routes, (i) => `20.0.${i}.0/24`),
  routeCount: routes,
  interfaces: [{ name: 'ether1' }],
  addresses: [],
  dhcpClients: [],
  wans: [],
  graceSeconds: 60,
});

describe('a snapshot written in parts', () => {
  it.each([0, 1, 2, 3, 7])('makes the same JSON value, with %i routes two to a part', (routes) => {
    const value = snapshot(routes);
    const parts = [...snapshotJson(value, 2)];
    expect(JSON.parse(parts.join(''))).toEqual(value);
    // The head, a part per two routes, the tail: no part holds the whole table.
    expect(parts).toHaveLength(2 + Math.ceil(routes / 2));
  });

  it.each([
    [0, 0],
    [3, 0],
    [0, 3],
    [5, 4],
  ])('with %i IPv4 and %i IPv6 routes, keeps both lists, each in parts', (ipv4, ipv6) => {
    const value: SiteSnapshot = {
      ...snapshot(ipv4),
      ipv6Routes: routesOf(ipv6, (i) => `2001:db8:${i}::/48`),
      ipv6RouteCount: ipv6,
    };
    const parts = [...snapshotJson(value, 2)];
    expect(JSON.parse(parts.join(''))).toEqual(value);
    expect(parts).toHaveLength(3 + Math.ceil(ipv4 / 2) + Math.ceil(ipv6 / 2));
  });
});
