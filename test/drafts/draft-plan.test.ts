import { describe, expect, it } from 'vitest';
import { routesMatch } from '../../shared/apply/plan';
import { type Draft, type DraftItem, routeKeyOf } from '../../shared/drafts/draft';
import {
  blockers,
  draftApplyPlan,
  draftedRoutes,
  findLive,
  itemCommand,
  planDraft,
  planScript,
  recordEdit,
  recordPresence,
} from '../../shared/drafts/draft-plan';
import { toCli } from '../../shared/routeros/command';
import { parseRoute, type Route } from '../../shared/routes/route';

const route = (row: Record<string, string>): Route =>
  parseRoute({ 'routing-table': 'main', static: 'true', scope: '30', 'target-scope': '10', ...row });

const wan1 = route({
  '.id': '*1',
  'dst-address': '0.0.0.0/0',
  gateway: '1.1.1.1',
  distance: '1',
  comment: 'uplink:wan1',
});
const wan2 = route({
  '.id': '*2',
  'dst-address': '0.0.0.0/0',
  gateway: '9.9.9.9',
  distance: '2',
  comment: 'uplink:wan2',
});
const lan = route({ '.id': '*3', 'dst-address': '10.9.0.0/16', gateway: '192.168.88.2', distance: '1' });
const snapshot = [wan1, wan2, lan];
const empty: Draft = { siteId: 'lab', baseTakenAt: '2026-11-25T00:00:00.000Z', items: [] };
let ids = 0;
const edit = (draft: Draft, on: Route, property: 'distance' | 'gateway' | 'comment', value: string) =>
  recordEdit(draft, on, property, value, { id: `i${++ids}`, madeAt: '2026-11-25T01:00:00.000Z' });

/** The router now: the snapshot with some values changed by someone else. */
const changed = (on: Route, values: Partial<Route>) =>
  snapshot.map((each) => (each === on ? { ...each, ...values } : each));

describe('a draft', () => {
  it('keeps one item per route and property, and drops an edit set back to the snapshot’s value', () => {
    let draft = edit(empty, lan, 'distance', '5');
    draft = edit(draft, lan, 'distance', '7');
    expect(draft.items).toMatchObject([{ property: 'distance', base: '1', value: '7' }]);
    expect(draftedRoutes(snapshot, draft).find(({ route }) => route.id === '*3')).toMatchObject({
      route: { distance: 7 },
      edited: ['distance'],
    });
    expect(edit(draft, lan, 'distance', '1').items).toEqual([]);
  });

  it('shows a route disabled in the draft as the router would: disabled, no longer active', () => {
    const active = { ...wan1, flags: [...wan1.flags, 'active' as const] };
    const draft = recordEdit(empty, active, 'disabled', 'yes', {
      id: 'd1',
      madeAt: '2026-11-25T01:00:00.000Z',
    });
    expect(draftedRoutes([active], draft)[0]?.route.flags).toEqual(['disabled', 'static']);
  });

  it('finds its routes again by comment, or by destination and gateway, not by .id', () => {
    const rebooted = snapshot.map((each, index) => ({ ...each, id: `*${index + 10}` }));
    expect(findLive({ ...wan1, comment: 'uplink:wan1' }, rebooted)?.id).toBe('*10');
    expect(
      findLive(
        { dstAddress: '10.9.0.0/16', gateway: '192.168.88.2', routingTable: 'main', comment: '' },
        rebooted,
      )?.id,
    ).toBe('*12');
    expect(
      findLive(
        { dstAddress: '10.9.0.0/16', gateway: '192.168.88.9', routingTable: 'main', comment: '' },
        rebooted,
      ),
    ).toBeUndefined();
  });
});

describe('the plan against the live router', () => {
  const draft = edit(edit(edit(empty, wan1, 'distance', '2'), wan2, 'distance', '1'), lan, 'distance', '5');

  it('goes ahead where the router still has the snapshot’s value, and sends nothing where it already has the new one', () => {
    const live = changed(lan, { distance: 5 });
    expect(
      planDraft(draft, live).map((entry) => [
        entry.item.route.comment || entry.item.route.dstAddress,
        entry.status,
      ]),
    ).toEqual([
      ['uplink:wan1', 'ready'],
      ['uplink:wan2', 'ready'],
      ['10.9.0.0/16', 'done'],
    ]);
    const plan = draftApplyPlan(draft, live);
    expect(planScript(plan, ['Uplink draft for lab'])).toBe(
      [
        '# Uplink draft for lab',
        '/ip route set [find where dst-address="0.0.0.0/0" and comment="uplink:wan1"] distance=2',
        '/ip route set [find where dst-address="0.0.0.0/0" and comment="uplink:wan2"] distance=1',
        '',
      ].join('\n'),
    );
    // A router's identity is router data: one holding line breaks must not add a command.
    const identity = 'lab\n/system reset-configuration no-defaults=yes\r/user add name=x group=full\\';
    const script = planScript(plan, [`Uplink draft for ${identity}`]).split(/\r|\n/);
    expect(script.filter((line) => line !== '' && !line.startsWith('#'))).toEqual(plan.forward.map(toCli));
    expect(script[0]).toBe(
      '# Uplink draft for lab\\n/system reset-configuration no-defaults=yes\\r/user add name=x group=full\\\\',
    );
    expect(routesMatch(live, plan.previous)).toBe(true);
    expect(
      routesMatch(
        changed(wan1, { distance: 2 }).map((each) => (each.id === '*2' ? { ...each, distance: 1 } : each)),
        plan.expected,
      ),
    ).toBe(true);
  });

  it('flags a value the router changed meanwhile as a conflict, with both values, and applies nothing until it is resolved', () => {
    const live = changed(wan2, { distance: 3 });
    const entries = planDraft(draft, live);
    expect(entries[1]).toMatchObject({ status: 'conflict', live: '3', item: { base: '2', value: '1' } });
    expect(blockers(entries)).toHaveLength(1);
    expect(() => draftApplyPlan(draft, live)).toThrow(/1 item needs a decision first/);

    const keepMine = {
      ...draft,
      items: draft.items.map((item, index) =>
        index === 1 ? { ...item, resolution: 'mine' as const } : item,
      ),
    };
    expect(draftApplyPlan(keepMine, live).inverse).toContainEqual({
      op: 'set',
      menu: '/ip/route',
      select: { where: { 'dst-address': '0.0.0.0/0', comment: 'uplink:wan2' } },
      attrs: { distance: '3' },
    });
    const keepRouters = {
      ...draft,
      items: draft.items.map((item, index) =>
        index === 1 ? { ...item, resolution: 'router' as const } : item,
      ),
    };
    expect(
      draftApplyPlan(keepRouters, live).forward.map((command) => command.op === 'set' && command.attrs),
    ).toEqual([{ distance: '2' }, { distance: '5' }]);
  });

  it('cannot apply an item whose route is gone from the router', () => {
    const live = snapshot.filter((each) => each !== lan);
    expect(planDraft(draft, live)[2]?.status).toBe('gone');
    expect(() => draftApplyPlan(draft, live)).toThrow(/decision first/);
  });

  it('copies one item as the line the plan would run for it', () => {
    const [wan1Item, , lanItem] = draft.items;
    expect(toCli(itemCommand(wan1Item as DraftItem))).toBe(
      '/ip route set [find where dst-address="0.0.0.0/0" and comment="uplink:wan1"] distance=2',
    );
    expect(toCli(itemCommand(lanItem as DraftItem))).toBe(
      '/ip route set [find where dst-address="10.9.0.0/16" and gateway="192.168.88.2"] distance=5',
    );
  });

  it('undoes a gateway change through the route’s new gateway', () => {
    const moved = edit(empty, lan, 'gateway', '192.168.88.3');
    const plan = draftApplyPlan(moved, snapshot);
    expect(plan.forward[0]).toMatchObject({
      select: { where: { gateway: '192.168.88.2' } },
      attrs: { gateway: '192.168.88.3' },
    });
    expect(plan.inverse[0]).toMatchObject({
      select: { where: { gateway: '192.168.88.3' } },
      attrs: { gateway: '192.168.88.2' },
    });
  });
});

describe('routes added, removed and disabled offline', () => {
  const presence = (draft: Draft, key: Route, present: boolean, attrs?: Record<string, string>) =>
    recordPresence(draft, routeKeyOf(key), present, {
      id: `p${++ids}`,
      madeAt: '2026-11-25T01:00:00.000Z',
      ...(attrs && { attrs }),
    });
  const added = route({
    '.id': '*99',
    'dst-address': '10.20.9.0/24',
    gateway: '10.0.2.1',
    distance: '3',
    comment: 'lab',
  });
  const addAttrsOf = { 'dst-address': '10.20.9.0/24', gateway: '10.0.2.1', distance: '3', comment: 'lab' };

  it('shows the table as the draft makes it: a removed route gone, an added one at the end, a disabled one flagged', () => {
    let draft = presence(empty, lan, false);
    draft = presence(draft, added, true, addAttrsOf);
    draft = recordEdit(draft, wan2, 'disabled', 'yes', { id: 'd1', madeAt: '2026-11-25T01:00:00.000Z' });
    const shown = draftedRoutes(snapshot, draft);
    expect(shown.map(({ route }) => route.dstAddress)).toEqual(['0.0.0.0/0', '0.0.0.0/0', '10.20.9.0/24']);
    expect(shown[1]).toMatchObject({ route: { flags: ['disabled', 'static'] }, edited: ['disabled'] });
    expect(shown[2]).toMatchObject({
      route: { gateway: '10.0.2.1', distance: 3, comment: 'lab', flags: ['static'] },
      edited: ['route'],
    });
    // Removing the route the draft added takes the addition away.
    expect(presence(draft, added, false).items.map((item) => item.property)).toEqual(['route', 'disabled']);
  });

  it('plans each as RouterOS does it, undoes each, and is done once the router agrees', () => {
    let draft = presence(empty, lan, false);
    draft = presence(draft, added, true, addAttrsOf);
    draft = recordEdit(draft, wan2, 'disabled', 'yes', { id: 'd2', madeAt: '2026-11-25T01:00:00.000Z' });
    const plan = draftApplyPlan(draft, snapshot);
    expect(plan.forward.map(toCli)).toEqual([
      '/ip route set [find where dst-address="0.0.0.0/0" and comment="uplink:wan2"] disabled=yes',
      '/ip route remove [find where dst-address="10.9.0.0/16" and gateway="192.168.88.2"]',
      '/ip route add dst-address=10.20.9.0/24 gateway=10.0.2.1 distance=3 comment=lab',
    ]);
    expect(plan.inverse.map(toCli)).toContain(
      '/ip route add dst-address=10.9.0.0/16 gateway=192.168.88.2 distance=1 scope=30 target-scope=10 routing-table=main',
    );
    const after = [{ ...wan1 }, { ...wan2, flags: [...wan2.flags, 'disabled' as const] }, added];
    expect(routesMatch(after, plan.expected)).toBe(true);
    expect(routesMatch(snapshot, plan.previous)).toBe(true);
    expect(planDraft(draft, after).map((entry) => entry.status)).toEqual(['done', 'done', 'done']);
  });
});
