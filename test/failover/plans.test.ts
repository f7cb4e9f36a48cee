import { describe, expect, it } from 'vitest';
import { routesMatch } from '../../shared/apply/plan';
import { rollbackEntry } from '../../shared/apply/rollback';
import { activeLink } from '../../shared/failover/active-link';
import {
  configurePlan,
  deactivatePlan,
  keptRouteComment,
  renumberPlan,
  reorderPlan,
} from '../../shared/failover/plan';
import { desiredRoutes } from '../../shared/failover/recipe';
import { readSetup } from '../../shared/failover/setup';
import type { WanConfig } from '../../shared/failover/wan';
import { toCli } from '../../shared/routeros/command';
import { parseRoute, type Route } from '../../shared/routes/route';

/** What the plans read from the router: its routes, and the two-wan site's DHCP client. */
const facts = (routes: Route[]) => ({ routes, dhcpClients: [{ interface: 'ether3', comment: 'LTE' }] });

const wan1: WanConfig = { wan: 1, gateway: '10.0.1.1', interface: 'ether1', probe: '1.1.1.1' };
const wan2: WanConfig = { wan: 2, gateway: '10.0.2.1', interface: 'ether2', probe: '9.9.9.9' };

let nextId = 0x40;
const route = (row: Record<string, string>): Route =>
  parseRoute({
    '.id': `*${(nextId++).toString(16).toUpperCase()}`,
    scope: '30',
    'target-scope': '10',
    ...row,
  });

/** The plain routes of the two-wan site before Uplink: two ISPs and a DHCP WAN behind them. */
const plain = () => [
  route({
    'dst-address': '0.0.0.0/0',
    gateway: '10.0.1.1',
    'immediate-gw': '10.0.1.1%ether1',
    distance: '1',
    active: 'true',
    static: 'true',
  }),
  route({
    'dst-address': '0.0.0.0/0',
    gateway: '10.0.2.1',
    'immediate-gw': '10.0.2.1%ether2',
    distance: '2',
    static: 'true',
  }),
  route({
    'dst-address': '0.0.0.0/0',
    gateway: '10.0.3.1',
    'immediate-gw': '10.0.3.1%ether3',
    distance: '3',
    dynamic: 'true',
    dhcp: 'true',
  }),
];

/** Uplink's routes as the router reports them, the one at `activeWan` active. */
function uplink(wans: WanConfig[], order: number[], activeWan?: number): Route[] {
  return desiredRoutes(wans, order).map((attrs) => {
    const wan = wans.find((candidate) => attrs.comment?.startsWith(`uplink:wan${candidate.wan}`));
    const isDefault = attrs['dst-address'] === '0.0.0.0/0';
    return route({
      ...attrs,
      'immediate-gw': `${wan?.gateway}%${wan?.interface}`,
      distance: attrs.distance ?? '1',
      ...(isDefault && attrs.comment === `uplink:wan${activeWan}` && { active: 'true' }),
    });
  });
}

describe('reading the router', () => {
  it('recognises an existing Uplink setup, in priority order, with the active WAN', () => {
    const setup = readSetup([...plain(), ...uplink([wan1, wan2], [2, 1], 2)]);
    expect(
      setup.wans.map(({ wan, priority, gateway, interface: name, probe, state }) => ({
        wan,
        priority,
        gateway,
        name,
        probe,
        state,
      })),
    ).toEqual([
      { wan: 2, priority: 1, gateway: '10.0.2.1', name: 'ether2', probe: '9.9.9.9', state: 'active' },
      { wan: 1, priority: 2, gateway: '10.0.1.1', name: 'ether1', probe: '1.1.1.1', state: 'standby' },
    ]);
  });

  it('flags the other default routes at the same or a lower distance than a WAN', () => {
    const setup = readSetup([...plain(), ...uplink([wan1, wan2], [1, 2])]);
    expect(setup.others.map(({ route: r, fights, movable }) => [r.gateway, fights, movable])).toEqual([
      ['10.0.1.1', true, true],
      ['10.0.2.1', true, true],
      ['10.0.3.1', false, true],
    ]);
  });

  it('a WAN with a route missing is incomplete, and a failed probe is down', () => {
    const routes = uplink([wan1, wan2], [1, 2], 2).filter((r) => r.comment !== 'uplink:wan2:probe');
    const wan1Default = routes.find((r) => r.comment === 'uplink:wan1');
    wan1Default?.flags.push('inactive');
    expect(readSetup(routes).wans.map((wan) => [wan.wan, wan.state])).toEqual([
      [1, 'down'],
      [2, 'incomplete'],
    ]);
  });

  it('names the active link: a WAN, another default route, or none', () => {
    expect(activeLink([...uplink([wan1, wan2], [2, 1], 2)])).toEqual({
      label: 'WAN 2',
      detail: 'via 10.0.2.1 on ether2',
      wan: 2,
    });
    expect(activeLink(plain())).toEqual({
      label: 'ether1',
      detail: 'via 10.0.1.1, a default route Uplink did not make',
    });
    expect(activeLink(plain().map((r) => ({ ...r, flags: [] })))).toBeUndefined();
  });
});

describe('plans', () => {
  it('configuring the first WAN adds its probe, then its default route at distance 1', () => {
    const plan = configurePlan(plain(), wan1);
    expect(plan.forward.map(toCli)).toEqual([
      '/ip route add dst-address=1.1.1.1/32 gateway=10.0.1.1%ether1 scope=10 comment=uplink:wan1:probe',
      '/ip route add dst-address=0.0.0.0/0 gateway=1.1.1.1 check-gateway=ping target-scope=11 distance=1 comment=uplink:wan1',
    ]);
    expect(plan.previous.every((check) => check.attrs === null)).toBe(true);
  });

  it('configuring a second WAN puts it after the first; changing one keeps its place', () => {
    const routes = [...plain(), ...uplink([wan1], [1], 1)];
    expect(configurePlan(routes, wan2).forward.map(toCli)).toContain(
      '/ip route add dst-address=0.0.0.0/0 gateway=9.9.9.9 check-gateway=ping target-scope=11 distance=2 comment=uplink:wan2',
    );
    const both = [...plain(), ...uplink([wan1, wan2], [2, 1], 2)];
    const moved = configurePlan(both, { ...wan1, gateway: '10.0.1.254' });
    expect(moved.forward.map(toCli)).toEqual([
      '/ip route set [find where comment="uplink:wan1:probe"] gateway=10.0.1.254%ether1',
    ]);
  });

  it('a reorder sets distances, and its checks tell the new order from the old', () => {
    const before = [...plain(), ...uplink([wan1, wan2], [1, 2], 1)];
    const plan = reorderPlan(before, [2, 1]);
    expect(plan.summary).toBe('WAN priority: WAN 2, WAN 1');
    expect(plan.forward.map(toCli)).toEqual([
      '/ip route set [find where comment="uplink:wan2"] distance=1',
      '/ip route set [find where comment="uplink:wan1"] distance=2',
    ]);
    const after = [...plain(), ...uplink([wan1, wan2], [2, 1], 2)];
    expect(routesMatch(before, plan.previous)).toBe(true);
    expect(routesMatch(before, plan.expected)).toBe(false);
    expect(routesMatch(after, plan.expected)).toBe(true);
    expect(routesMatch(after, plan.previous)).toBe(false);
  });

  it('a reorder must list every configured WAN once', () => {
    const routes = uplink([wan1, wan2], [1, 2], 1);
    expect(() => reorderPlan(routes, [2])).toThrow(/once each/);
    expect(() => reorderPlan(routes, [2, 2])).toThrow(/once each/);
  });

  it('moves the other default routes behind the WANs, DHCP ones through their client', () => {
    const routes = [...plain(), ...uplink([wan1, wan2], [1, 2], 1)];
    const plan = renumberPlan(facts(routes));
    // Written with what finds the route on any router, never an internal id; each keeps its
    // earlier distance in its comment (a DHCP route in its client's).
    expect(plan.forward.map(toCli)).toEqual([
      '/ip route set [find where dst-address="0.0.0.0/0" and gateway="10.0.1.1"] distance=3 comment="[uplink:was-distance=1]"',
      '/ip route set [find where dst-address="0.0.0.0/0" and gateway="10.0.2.1"] distance=4 comment="[uplink:was-distance=2]"',
      '/ip dhcp-client set [find where interface="ether3"] default-route-distance=5 comment="LTE [uplink:was-distance=3]"',
    ]);
    expect(plan.inverse.map(toCli)).toEqual([
      '/ip dhcp-client set [find where interface="ether3"] default-route-distance=3 comment=LTE',
      '/ip route set [find where dst-address="0.0.0.0/0" and gateway="10.0.2.1"] distance=2 comment=""',
      '/ip route set [find where dst-address="0.0.0.0/0" and gateway="10.0.1.1"] distance=1 comment=""',
    ]);
    expect(renumberPlan(facts(uplink([wan1, wan2], [1, 2], 1))).forward).toEqual([]);
  });

  it('deactivating keeps the WAN carrying traffic as a plain route, added before anything goes', () => {
    const routes = uplink([wan1, wan2], [1, 2], 2);
    const plan = deactivatePlan(facts(routes));
    expect(plan.forward.map(toCli)).toEqual([
      `/ip route add dst-address=0.0.0.0/0 gateway=10.0.2.1 distance=1 comment="${keptRouteComment(2)}"`,
      '/ip route remove [find where comment="uplink:wan1"]',
      '/ip route remove [find where comment="uplink:wan2"]',
      '/ip route remove [find where comment="uplink:wan1:probe"]',
      '/ip route remove [find where comment="uplink:wan2:probe"]',
    ]);
    expect(plan.inverse.map(toCli).at(-1)).toBe(
      `/ip route remove [find where comment="${keptRouteComment(2)}"]`,
    );
    expect(keptRouteComment(2).startsWith('uplink:')).toBe(false);
    expect(routesMatch(routes, plan.previous)).toBe(true);
  });

  it('deactivating adds no plain route where one through that gateway is already there', () => {
    const plan = deactivatePlan(facts([...plain(), ...uplink([wan1, wan2], [1, 2], 1)]));
    expect(plan.forward.every((command) => command.op === 'remove')).toBe(true);
    expect(plan.forward).toHaveLength(4);
  });

  it('the rollback entry of a deactivation puts every route back exactly once, whatever ran', () => {
    const plan = deactivatePlan(facts(uplink([wan1], [1], 1)));
    const script = rollbackEntry(plan.inverse, 60);
    // Each line is one step of its own (`:do { step } on-error={ :log ... }`), the entry's removal first.
    const steps =
      script.op === 'add' &&
      script.attrs['on-event']?.split('\n').map((line) => /^:do \{ (.*) \} on-error=/.exec(line)?.[1]);
    expect(steps).toEqual([
      '/system scheduler remove [find where name="uplink-rollback"]',
      '/ip route remove [find where comment="uplink:wan1:probe"]',
      '/ip route add dst-address=1.1.1.1/32 gateway=10.0.1.1%ether1 comment=uplink:wan1:probe scope=10',
      '/ip route remove [find where comment="uplink:wan1"]',
      '/ip route add dst-address=0.0.0.0/0 gateway=1.1.1.1 comment=uplink:wan1 check-gateway=ping target-scope=11 distance=1',
      `/ip route remove [find where comment="${keptRouteComment(1)}"]`,
    ]);
  });
});
