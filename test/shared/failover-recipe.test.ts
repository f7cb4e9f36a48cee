import { describe, expect, it } from 'vitest';
import { rollbackEntry } from '../../shared/apply/rollback';
import { desiredRoutes, recipeRoutes, routeChanges } from '../../shared/failover/recipe';
import { parseUplinkComment, priorityLabel, type WanConfig } from '../../shared/failover/wan';
import { toCli } from '../../shared/routeros/command';
import { parseRoute, type Route } from '../../shared/routes/route';

const wan1: WanConfig = { wan: 1, gateway: '10.0.1.1', interface: 'ether1', probe: '1.1.1.1' };
const wan2: WanConfig = { wan: 2, gateway: '10.0.2.1', interface: 'ether2', probe: '9.9.9.9' };

/** Routes as the router would report them after the recipe ran, with ids in order. */
function onRouter(wans: WanConfig[], order: number[]): Route[] {
  return desiredRoutes(wans, order).map((attrs, index) =>
    parseRoute({
      '.id': `*${index + 10}`,
      scope: '30',
      'target-scope': '10',
      distance: '1',
      'check-gateway': '',
      ...attrs,
    }),
  );
}

describe('the failover recipe', () => {
  it('pins each probe to its WAN and checks the default route through it', () => {
    expect(recipeRoutes(wan1, 1).map((attrs) => toCli({ op: 'add', menu: '/ip/route', attrs }))).toEqual([
      '/ip route add dst-address=1.1.1.1/32 gateway=10.0.1.1%ether1 scope=10 comment=uplink:wan1:probe',
      '/ip route add dst-address=0.0.0.0/0 gateway=1.1.1.1 check-gateway=ping target-scope=11 distance=1 comment=uplink:wan1',
    ]);
  });

  it('gives distances by position in the priority list', () => {
    const distances = desiredRoutes([wan1, wan2], [2, 1])
      .filter((attrs) => !parseUplinkComment(attrs.comment)?.probe)
      .map((attrs) => [attrs.comment, attrs.distance]);
    expect(distances).toEqual([
      ['uplink:wan2', '1'],
      ['uplink:wan1', '2'],
    ]);
  });

  it('names priorities as the guide does', () => {
    expect([1, 2, 3, 4].map(priorityLabel)).toEqual([
      'Primary Link',
      'First Failover',
      'Second Failover',
      'Third Failover',
    ]);
  });

  it('enabling adds probes before the default routes that resolve through them, and undoes in reverse', () => {
    const { forward, inverse } = routeChanges([], desiredRoutes([wan1, wan2], [1, 2]));
    expect(forward.map((c) => (c.op === 'add' ? c.attrs.comment : c.op))).toEqual([
      'uplink:wan1:probe',
      'uplink:wan2:probe',
      'uplink:wan1',
      'uplink:wan2',
    ]);
    expect(inverse.map(toCli)).toEqual([
      '/ip route remove [find where comment="uplink:wan2"]',
      '/ip route remove [find where comment="uplink:wan1"]',
      '/ip route remove [find where comment="uplink:wan2:probe"]',
      '/ip route remove [find where comment="uplink:wan1:probe"]',
    ]);
  });

  it('a reorder only sets distances, and the inverse puts the old ones back', () => {
    const { forward, inverse } = routeChanges(
      onRouter([wan1, wan2], [1, 2]),
      desiredRoutes([wan1, wan2], [2, 1]),
    );
    expect(forward.map(toCli)).toEqual([
      '/ip route set [find where comment="uplink:wan2"] distance=1',
      '/ip route set [find where comment="uplink:wan1"] distance=2',
    ]);
    expect(inverse.map(toCli)).toEqual([
      '/ip route set [find where comment="uplink:wan1"] distance=1',
      '/ip route set [find where comment="uplink:wan2"] distance=2',
    ]);
  });

  it('nothing to do when the router already matches', () => {
    expect(routeChanges(onRouter([wan1, wan2], [1, 2]), desiredRoutes([wan1, wan2], [1, 2]))).toEqual({
      forward: [],
      inverse: [],
    });
  });

  it('deactivating removes default routes before probes, and the inverse re-adds probes first', () => {
    const { forward, inverse } = routeChanges(onRouter([wan1], [1]), []);
    expect(forward.map(toCli)).toEqual([
      '/ip route remove [find where comment="uplink:wan1"]',
      '/ip route remove [find where comment="uplink:wan1:probe"]',
    ]);
    expect(inverse.map(toCli)).toEqual([
      '/ip route remove [find where comment="uplink:wan1:probe"]',
      '/ip route add dst-address=1.1.1.1/32 gateway=10.0.1.1%ether1 comment=uplink:wan1:probe scope=10',
      '/ip route remove [find where comment="uplink:wan1"]',
      '/ip route add dst-address=0.0.0.0/0 gateway=1.1.1.1 comment=uplink:wan1 check-gateway=ping target-scope=11 distance=1',
    ]);
  });

  it('leaves routes that are not Uplink’s alone', () => {
    const theirs = parseRoute({
      '.id': '*1',
      'dst-address': '0.0.0.0/0',
      gateway: '10.0.1.1',
      distance: '1',
      comment: 'isp',
    });
    expect(routeChanges([theirs], []).forward).toEqual([]);
  });

  it('the rollback entry removes itself, then runs each step of the inverse on its own', () => {
    const { inverse } = routeChanges(onRouter([wan1, wan2], [1, 2]), desiredRoutes([wan1, wan2], [2, 1]));
    const entry = rollbackEntry(inverse, 60);
    expect(entry.op).toBe('add');
    if (entry.op !== 'add') return;
    expect(entry.attrs.interval).toBe('60s');
    expect(entry.attrs['on-event']?.split('\n')).toEqual([
      ':do { /system scheduler remove [find where name="uplink-rollback"] } on-error={ :log warning "uplink-rollback: removing its scheduler entry failed" }',
      ':do { /ip route set [find where comment="uplink:wan1"] distance=1 } on-error={ :log warning "uplink-rollback: step 1 of 2 failed" }',
      ':do { /ip route set [find where comment="uplink:wan2"] distance=2 } on-error={ :log warning "uplink-rollback: step 2 of 2 failed" }',
    ]);
  });
});
