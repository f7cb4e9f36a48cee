import { describe, expect, it } from 'vitest';
import {
  addChange,
  type ChangeRecord,
  changeSteps,
  combinedChange,
  commentChange,
  dhcpDistanceChange,
  disabledChange,
  distanceChange,
  editChange,
  isUndoable,
  type UndoableChange,
} from '../../shared/apply/undo';
import { parseRoute } from '../../shared/routes/route';
import { routeToForm } from '../../shared/routes/route-attrs';
import { routeFormSchema } from '../../shared/routes/route-form';

// A Routes tab change's plan reads each property old → new, from the routes as the router has them
// (as WAN Failover's plans do): "distance 1 → 37", "disabled no → yes".

const isp1 = parseRoute({
  '.id': '*1',
  'dst-address': '0.0.0.0/0',
  gateway: '10.0.1.1',
  distance: '1',
  comment: 'ISP1',
  static: 'true',
  active: 'true',
});
const lte = parseRoute({
  '.id': '*5',
  'dst-address': '0.0.0.0/0',
  gateway: '192.168.8.1',
  'immediate-gw': '192.168.8.1%ether3',
  distance: '3',
  dynamic: 'true',
  dhcp: 'true',
});
const undoable = (change: ChangeRecord): UndoableChange => {
  if (!isUndoable(change)) throw new Error(change.reason);
  return change;
};
const lines = (change: ChangeRecord, before = [isp1, lte]) =>
  changeSteps(undoable(change), before).map((step) => step.text);

describe('changeSteps', () => {
  it('reads an edit, a disable and a comment old → new', () => {
    const form = routeFormSchema.parse(routeToForm(isp1));
    expect(lines(editChange('ip', isp1, form, { ...form, distance: 37 }))).toEqual([
      '0.0.0.0/0 (ISP1): distance 1 → 37',
    ]);
    expect(lines(disabledChange('ip', [isp1], true))).toEqual(['0.0.0.0/0 (ISP1): disabled no → yes']);
    expect(lines(commentChange('ip', [isp1], 'Fibre'))).toEqual([
      '0.0.0.0/0 (ISP1): comment “ISP1” → “Fibre”',
    ]);
  });

  it('reads a DHCP client’s distance from the default route it makes', () => {
    expect(lines(dhcpDistanceChange('ip', 'ether3', 3, 9))).toEqual([
      'DHCP client on ether3: default route distance 3 → 9',
    ]);
    const renumber = combinedChange('Renumber', [
      distanceChange('ip', 'Distance', [{ route: isp1, distance: 2 }]),
      dhcpDistanceChange('ip', 'ether3', 3, 4),
    ]);
    expect(lines(renumber)).toEqual([
      '0.0.0.0/0 (ISP1): distance 1 → 2',
      'DHCP client on ether3: default route distance 3 → 4',
    ]);
  });

  it('says the new value alone where the route is not known, and adds as adds', () => {
    expect(lines(disabledChange('ip', [isp1], true), [])).toEqual(['0.0.0.0/0 (ISP1): disabled yes']);
    const added = routeFormSchema.parse({ ...routeToForm(isp1), dstAddress: '198.51.100.0/25', comment: '' });
    expect(lines(addChange('ip', added))).toEqual(['198.51.100.0/25 via 10.0.1.1: add']);
  });

  it('puts a blackhole route given a gateway back whole: removed and added with every setting it had', () => {
    const hole = parseRoute({
      '.id': '*9',
      'dst-address': '192.0.2.0/24',
      blackhole: 'true',
      distance: '1',
      comment: 'sink',
    });
    const form = routeFormSchema.parse(routeToForm(hole));
    const change = undoable(editChange('ip', hole, form, { ...form, blackhole: false, gateway: '10.0.2.1' }));
    expect(lines(change, [hole])).toEqual([
      '192.0.2.0/24 (sink): gateway none → 10.0.2.1, blackhole yes → no',
    ]);
    expect(change.undo.map((step) => step.text)).toEqual([
      '192.0.2.0/24 (sink): remove',
      '192.0.2.0/24 (sink): add back with every setting it had (gateway as it was)',
    ]);
    expect(change.undo[1]?.command).toMatchObject({
      op: 'add',
      attrs: { blackhole: 'yes', comment: 'sink' },
    });
    expect(change.undo[1]?.command.op === 'add' && change.undo[1].command.attrs.gateway).toBeUndefined();
  });
});
