import { describe, expect, it } from 'vitest';
import { cliMenu, quote, toCli, toScript } from '../../shared/routeros/command';

describe('RouterOS CLI rendering', () => {
  it('turns API menus into CLI menus', () => {
    expect(cliMenu('/ip/route')).toBe('/ip route');
    expect(cliMenu('/system/scheduler/')).toBe('/system scheduler');
  });

  it('quotes what RouterOS would otherwise read as syntax or variables', () => {
    expect(quote('plain')).toBe('"plain"');
    expect(quote('say "hi"')).toBe('"say \\"hi\\""');
    expect(quote('$x costs \\5')).toBe('"\\$x costs \\\\5"');
    expect(quote('a\nb')).toBe('"a\\nb"');
    expect(quote('a\u0000b\u000bc\u007f')).toBe('"a\\00b\\0Bc\\7F"');
  });

  it('writes add, set and remove with bare values where RouterOS reads them bare', () => {
    expect(
      toCli({
        op: 'add',
        menu: '/ip/route',
        attrs: { 'dst-address': '1.1.1.1/32', gateway: '10.0.1.1%ether1', comment: 'uplink:wan1:probe' },
      }),
    ).toBe('/ip route add dst-address=1.1.1.1/32 gateway=10.0.1.1%ether1 comment=uplink:wan1:probe');
    expect(
      toCli({
        op: 'set',
        menu: '/ip/route',
        select: { id: '*A' },
        attrs: { distance: '2', comment: 'my uplink' },
      }),
    ).toBe('/ip route set *A distance=2 comment="my uplink"');
    expect(
      toCli({
        op: 'remove',
        menu: '/ip/route',
        select: { where: { comment: 'uplink:wan1', 'dst-address': '0.0.0.0/0' } },
      }),
    ).toBe('/ip route remove [find where comment="uplink:wan1" and dst-address="0.0.0.0/0"]');
  });

  it('joins a script one command per line', () => {
    const script = toScript([
      { op: 'remove', menu: '/ip/route', select: { id: '*1' } },
      { op: 'remove', menu: '/ip/route', select: { id: '*2' } },
    ]);
    expect(script.split('\n')).toEqual(['/ip route remove *1', '/ip route remove *2']);
  });
});
