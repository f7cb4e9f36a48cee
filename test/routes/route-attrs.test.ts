import { describe, expect, it } from 'vitest';
import { describeDistanceHome, distanceHome } from '../../shared/routes/distance-home';
import { flagLetters, parseRoute } from '../../shared/routes/route';
import {
  addAttrs,
  addCommandLine,
  changedAttrs,
  routeToForm,
  trapField,
} from '../../shared/routes/route-attrs';
import { routeFormSchema } from '../../shared/routes/route-form';

const wan1 = parseRoute({
  '.id': '*1',
  'dst-address': '0.0.0.0/0',
  gateway: '1.1.1.1',
  distance: '1',
  scope: '30',
  'target-scope': '11',
  'check-gateway': 'ping',
  comment: 'uplink:wan1',
  static: 'true',
  active: 'true',
});

describe('route attributes', () => {
  it('round-trips a route through the dialog and back to the add command', () => {
    const values = routeFormSchema.parse(routeToForm(wan1));
    expect(addAttrs(values)).toEqual({
      'dst-address': '0.0.0.0/0',
      gateway: '1.1.1.1',
      'check-gateway': 'ping',
      distance: '1',
      scope: '30',
      'target-scope': '11',
      'routing-table': 'main',
      comment: 'uplink:wan1',
    });
    expect(addCommandLine(values, 'ip')).toBe(
      '/ip route add dst-address=0.0.0.0/0 gateway=1.1.1.1 check-gateway=ping distance=1 scope=30 target-scope=11 routing-table=main comment=uplink:wan1',
    );
  });

  it('sends only what changed, and unsets what was cleared', () => {
    const before = routeFormSchema.parse(routeToForm(wan1));
    const after = { ...before, distance: 3, checkGateway: '' as const, comment: '', disabled: true };
    expect(changedAttrs(before, after)).toEqual({
      attrs: { distance: '3', comment: '', disabled: 'yes' },
      unset: ['check-gateway'],
    });
    expect(changedAttrs(before, before)).toEqual({ attrs: {}, unset: [] });
  });

  it('pins a router refusal to the field it names', () => {
    expect(trapField('value of distance out of range (1..255)')).toBe('distance');
    expect(trapField('invalid value for argument target-scope')).toBe('targetScope');
    expect(trapField('invalid value of scope')).toBe('scope');
    expect(trapField('failure: already have such route')).toBe('dstAddress');
    expect(trapField('not enough permissions')).toBeUndefined();
  });
});

describe('flags and where a distance lives', () => {
  it('shows flags as RouterOS letters', () => {
    expect(flagLetters(wan1.flags)).toBe('As');
    expect(flagLetters(['dynamic', 'active', 'dhcp'])).toBe('DAd');
  });

  it('sends DHCP routes to their client, and keeps static ones here', () => {
    const dhcp = parseRoute({
      '.id': '*9',
      'dst-address': '0.0.0.0/0',
      gateway: '10.0.2.1',
      'immediate-gw': '10.0.2.1%ether2',
      dynamic: 'true',
      dhcp: 'true',
    });
    expect(distanceHome(dhcp)).toEqual({ kind: 'dhcp', interfaceName: 'ether2' });
    expect(describeDistanceHome(distanceHome(dhcp))).toContain('default-route-distance');
    expect(distanceHome(wan1)).toEqual({ kind: 'static' });
    const pppoe = parseRoute({
      '.id': '*A',
      'dst-address': '0.0.0.0/0',
      gateway: 'pppoe-out1',
      dynamic: 'true',
    });
    expect(distanceHome(pppoe)).toEqual({ kind: 'pppoe', interfaceName: 'pppoe-out1' });
    const connected = parseRoute({
      '.id': '*B',
      'dst-address': '10.0.2.0/24',
      gateway: 'ether2',
      dynamic: 'true',
      connect: 'true',
    });
    expect(distanceHome(connected).kind).toBe('connect');
  });
});
