import { describe, expect, it } from 'vitest';
import { type SiteSnapshot, snapshotJson } from '../../shared/drafts/draft';
import { parseRoute } from '../../shared/routes/route';

const snapshot = (routes: number): SiteSnapshot => ({
  siteId: 'lab',
  takenAt: '2026-12-01T12:00:00.000Z',
  identity: 'Lab "quoted" router',
  routes: Array.from({ length: routes }, (_, i) =>
    parseRoute({
      '.id': `*${i + 1}`,
      'dst-address': `20.0.${i}.0/24`,
      gateway: '10.0.1.1',
      distance: '1',
      comment: i % 2 ? 'with, a "comma"' : '',
      static: 'true',
    }),
  ),
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
});
