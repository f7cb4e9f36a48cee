import { describe, expect, it } from 'vitest';
import { failedChecks } from '../../shared/apply/plan';
import { commandChecks, editChange, failedCheckText, isUndoable, undoPlan } from '../../shared/apply/undo';
import { parseRoute } from '../../shared/routes/route';
import { routeToForm } from '../../shared/routes/route-attrs';
import { routeFormSchema } from '../../shared/routes/route-form';

// What an undo is read back against: the routes its commands touch, as they must be once it ran.

const isp1 = parseRoute({
  '.id': '*1',
  'dst-address': '0.0.0.0/0',
  gateway: '10.0.1.1',
  distance: '1',
  scope: '30',
  'target-scope': '10',
  'check-gateway': 'ping',
  comment: 'ISP1',
  static: 'true',
});

describe('an undo read back', () => {
  const before = routeFormSchema.parse(routeToForm(isp1));
  const change = editChange('ip', isp1, before, {
    ...before,
    comment: 'primary',
    distance: 5,
    checkGateway: '',
  });
  if (!isUndoable(change)) throw new Error('the edit is undoable');
  const plan = undoPlan(change);

  it('expects each route as its commands leave it, found by what they leave it named', () => {
    expect(plan.expected).toEqual([
      {
        menu: '/ip/route',
        select: { where: { 'dst-address': '0.0.0.0/0', comment: 'ISP1' } },
        attrs: { 'check-gateway': 'ping', distance: '1', comment: 'ISP1' },
      },
    ]);
    // And, were the undo itself undone, as the change left it.
    expect(plan.previous).toEqual([
      {
        menu: '/ip/route',
        select: { where: { 'dst-address': '0.0.0.0/0', comment: 'primary' } },
        attrs: { distance: '5', comment: 'primary' },
      },
      {
        menu: '/ip/route',
        select: { where: { 'dst-address': '0.0.0.0/0', comment: 'primary' } },
        attrs: { 'check-gateway': '' },
      },
    ]);
    expect(failedChecks([isp1], plan.expected)).toEqual([]);
  });

  it('says what differs: a route not found, or a value not as asked', () => {
    const renamed = { ...isp1, comment: 'ISP1 moved' };
    expect(failedChecks([renamed], plan.expected).map(failedCheckText)).toEqual([
      '0.0.0.0/0 (ISP1) was not found',
    ]);
    const other = { ...isp1, distance: 7, checkGateway: '' };
    expect(failedChecks([other], plan.expected).map(failedCheckText)).toEqual([
      '0.0.0.0/0 (ISP1) has check-gateway empty, not ping, distance 7, not 1',
    ]);
  });

  it('checks routes added and removed in either family, and leaves a DHCP client’s setting to its own read', () => {
    expect(
      commandChecks([
        {
          op: 'add',
          menu: '/ipv6/route',
          attrs: { 'dst-address': '2001:db8::/32', gateway: 'fe80::1%ether1' },
        },
        {
          op: 'remove',
          menu: '/ip/route',
          select: { where: { 'dst-address': '10.0.0.0/8', gateway: '10.0.1.1' } },
        },
        {
          op: 'set',
          menu: '/ip/dhcp-client',
          select: { where: { interface: 'ether3' } },
          attrs: { 'default-route-distance': '3' },
        },
      ]),
    ).toEqual([
      {
        menu: '/ipv6/route',
        select: { where: { 'dst-address': '2001:db8::/32', gateway: 'fe80::1%ether1' } },
        attrs: { 'dst-address': '2001:db8::/32', gateway: 'fe80::1%ether1' },
      },
      {
        menu: '/ip/route',
        select: { where: { 'dst-address': '10.0.0.0/8', gateway: '10.0.1.1' } },
        attrs: null,
      },
    ]);
  });
});
