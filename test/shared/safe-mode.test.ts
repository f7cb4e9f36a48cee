import { describe, expect, it } from 'vitest';
import { routerClockOffset, safeModeUpdate } from '../../shared/apply/safe-mode';
import { editChange, isUndoable, routeChangePlan } from '../../shared/apply/undo';
import { toCli } from '../../shared/routeros/command';
import { parseRoute } from '../../shared/routes/route';
import { routeToForm } from '../../shared/routes/route-attrs';
import type { RouteFormValues } from '../../shared/routes/route-form';

describe('Safe Mode’s net', () => {
  it('reads the router’s clock in either date format, and sets the start a little before its now', () => {
    const now = Date.UTC(2026, 11, 3, 7, 0, 0, 400);
    const offset = routerClockOffset({ date: '2026-12-03', time: '09:00:00' }, now);
    expect(offset).toBe(2 * 3600_000 - 400);
    expect(routerClockOffset({ date: 'dec/03/2026', time: '09:00:00' }, now)).toBe(offset);
    expect(() => routerClockOffset({ date: 'today', time: 'now' }, now)).toThrow(/not a date/);

    const push = safeModeUpdate('*3', now + offset, 60);
    expect(toCli(push)).toBe(
      '/system scheduler set *3 start-date=2026-12-03 start-time=08:59:58 interval=64s',
    );
  });
});

describe('a Routes tab edit kept for Safe Mode and Ctrl+Z', () => {
  const route = parseRoute({
    '.id': '*7',
    'dst-address': '0.0.0.0/0',
    gateway: '10.0.1.1',
    distance: '1',
    'check-gateway': 'ping',
    comment: 'ISP1',
    static: 'true',
  });
  const form = routeToForm(route) as RouteFormValues;

  it('empties a property with unset, and its undo fills it again', () => {
    const change = editChange('ip', route, form, { ...form, distance: 4, checkGateway: '' });
    if (!isUndoable(change)) throw new Error(change.reason);
    expect(change.forward.map(toCli)).toEqual([
      '/ip route set [find where dst-address="0.0.0.0/0" and comment="ISP1"] distance=4',
      '/ip route unset [find where dst-address="0.0.0.0/0" and comment="ISP1"] value-name=check-gateway',
    ]);
    expect(change.undo.map((step) => [toCli(step.command), step.text])).toEqual([
      [
        '/ip route set [find where dst-address="0.0.0.0/0" and comment="ISP1"] check-gateway=ping distance=1',
        '0.0.0.0/0 (ISP1): check-gateway empty → ping, distance 4 → 1',
      ],
    ]);
    const plan = routeChangePlan(change);
    expect(plan.inverse).toEqual(change.undo.map((step) => step.command));
  });
});
