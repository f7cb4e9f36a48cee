// The console's print layouts, exactly as RouterOS 7 lays them out: Uplink reads `terse` and
// `as-value` over SSH where the API port is closed, so these must not drift.
import { afterEach, describe, expect, it } from 'vitest';
import type { RouterModel } from '../../electron/demo-router/router';
import { byComment, done, route, router } from './router-harness';

let target: RouterModel;
afterEach(() => target?.stop());

async function consoleRun(lines: string[], width = 80) {
  const session = target.openConsole('admin', width);
  let output = '';
  for (const line of lines) {
    output += `${session.prompt()}${line}\n`;
    await session.run(line, (text) => {
      output += text;
      return undefined;
    });
  }
  return output;
}

describe('print', () => {
  it('lays out a table: the flags that occur, the columns, numbers for static routes only', async () => {
    target = router();
    expect(await consoleRun(['/ip route print'])).toBe(
      [
        '[admin@MikroTik] > /ip route print',
        'Flags: D - DYNAMIC; A - ACTIVE; c - CONNECT, s - STATIC, d - DHCP',
        'Columns: DST-ADDRESS, GATEWAY, ROUTING-TABLE, DISTANCE',
        '#     DST-ADDRESS      GATEWAY      ROUTING-TABLE  DISTANCE',
        ';;; ISP1',
        '0  As 0.0.0.0/0        10.0.1.1     main                  1',
        ';;; ISP2',
        '1   s 0.0.0.0/0        10.0.2.1     main                  2',
        '  D d 0.0.0.0/0        192.168.8.1  main                  3',
        '  DAc 10.0.1.0/24      ether1       main                  0',
        '  DAc 10.0.2.0/24      ether2       main                  0',
        '  DAc 192.168.8.0/24   ether3       main                  0',
        '  DAc 192.168.88.0/24  bridge       main                  0',
        '',
      ].join('\n'),
    );
  });

  it('lays out detail: the full legend, properties wrapped under themselves at the terminal width', async () => {
    target = router();
    done(target, '/ip/route/set', {
      '.id': route(target, byComment('ISP2'))['.id']!,
      'check-gateway': 'ping',
    });
    target.links.set('ether1', { up: false });
    expect(await consoleRun(['/ip route print detail where !dynamic'])).toBe(
      [
        '[admin@MikroTik] > /ip route print detail where !dynamic',
        'Flags: D - DYNAMIC; X - DISABLED, I - INACTIVE, A - ACTIVE;',
        'c - CONNECT, s - STATIC, r - RIP, b - BGP, o - OSPF, i - IS-IS, d - DHCP, v - VPN, m - MODEM, y - BGP-MPLS-VPN;',
        'H - HW-OFFLOADED; + - ECMP, B - BLACKHOLE',
        ' 0  As   ;;; ISP2',
        '         dst-address=0.0.0.0/0 routing-table=main gateway=10.0.2.1',
        '         immediate-gw=10.0.2.1%ether2 check-gateway=ping distance=2 scope=30',
        '         target-scope=10 suppress-hw-offload=no',
        '',
        ' 1  Is   ;;; ISP1',
        '         dst-address=0.0.0.0/0 routing-table=main gateway=10.0.1.1',
        '         immediate-gw="" distance=1 scope=30 target-scope=10',
        '         suppress-hw-offload=no',
        '',
        '',
      ].join('\n'),
    );
    expect(await consoleRun(['/ip route print detail where dhcp'], 160)).toContain(
      '   D d   dst-address=0.0.0.0/0 routing-table=main gateway=192.168.8.1 immediate-gw=192.168.8.1%ether3 distance=3 scope=30 target-scope=10 vrf-interface=ether3\n         suppress-hw-offload=no\n',
    );
  });

  it('lays out terse: one item a line, numbers and used flag columns, values unquoted', async () => {
    target = router();
    done(target, '/ip/route/add', {
      'dst-address': '10.9.0.0/16',
      gateway: '10.0.2.1',
      comment: 'two words',
    });
    expect(await consoleRun(['/ip route print terse without-paging where dst-address~"^(0|10.9)"'])).toBe(
      [
        '[admin@MikroTik] > /ip route print terse without-paging where dst-address~"^(0|10.9)"',
        '0  As comment=ISP1 dst-address=0.0.0.0/0 routing-table=main gateway=10.0.1.1 immediate-gw=10.0.1.1%ether1 distance=1 scope=30 target-scope=10 suppress-hw-offload=no',
        '1   s comment=ISP2 dst-address=0.0.0.0/0 routing-table=main gateway=10.0.2.1 immediate-gw=10.0.2.1%ether2 distance=2 scope=30 target-scope=10 suppress-hw-offload=no',
        '  D d dst-address=0.0.0.0/0 routing-table=main gateway=192.168.8.1 immediate-gw=192.168.8.1%ether3 distance=3 scope=30 target-scope=10 vrf-interface=ether3 suppress-hw-offload=no',
        '2  As comment=two words dst-address=10.9.0.0/16 routing-table=main gateway=10.0.2.1 immediate-gw=10.0.2.1%ether2 distance=1 scope=30 target-scope=10 suppress-hw-offload=no',
        '',
      ].join('\n'),
    );
  });

  it('gives print as-value to :put as key=value entries, keys sorted, items joined by ;', async () => {
    target = router();
    expect(await consoleRun([':put [/ip route print as-value where comment=ISP1]'])).toBe(
      '[admin@MikroTik] > :put [/ip route print as-value where comment=ISP1]\n' +
        '.id=*80000001;active=true;comment=ISP1;disabled=false;distance=1;dst-address=0.0.0.0/0;dynamic=false;' +
        'gateway=10.0.1.1;immediate-gw=10.0.1.1%ether1;inactive=false;routing-table=main;scope=30;static=true;' +
        'suppress-hw-offload=false;target-scope=10\n',
    );
  });

  it('prints a one-item menu as name: value, and an empty list as nothing', async () => {
    target = router();
    expect(
      await consoleRun(['/system identity print', '/system scheduler print', '/ip route print count-only']),
    ).toBe(
      [
        '[admin@MikroTik] > /system identity print',
        '  name: MikroTik',
        '[admin@MikroTik] > /system scheduler print',
        '[admin@MikroTik] > /ip route print count-only',
        '7',
        '',
      ].join('\n'),
    );
  });
});

describe('the console', () => {
  it('keeps the menu in its prompt and the numbers its last print gave', async () => {
    target = router({ identity: 'Branch-7' });
    const output = await consoleRun([
      '/ip route',
      'print where static',
      'set 1 distance=5',
      'set 2 distance=5',
      '/',
      '/system identity set name=HQ',
    ]);
    expect(output).toContain(
      '[admin@Branch-7] > /ip route\n[admin@Branch-7] /ip/route> print where static\n',
    );
    expect(output).toContain(
      '[admin@Branch-7] /ip/route> set 2 distance=5\nno such item\n[admin@Branch-7] /ip/route> /\n[admin@Branch-7] > ',
    );
    expect(output.endsWith('[admin@Branch-7] > /system identity set name=HQ\n')).toBe(true);
    expect(route(target, byComment('ISP2')).distance).toBe('5');
    expect(target.openConsole('admin').prompt()).toBe('[admin@HQ] > ');
  });

  it('prints errors as RouterOS does and carries on', async () => {
    target = router();
    expect(
      await consoleRun(['frobnicate', '/ip route set [find comment=ISP1] distance=300', ':put ok']),
    ).toBe(
      [
        '[admin@MikroTik] > frobnicate',
        'bad command name frobnicate (line 1 column 1)',
        '[admin@MikroTik] > /ip route set [find comment=ISP1] distance=300',
        'value of distance out of range (1..255)',
        '[admin@MikroTik] > :put ok',
        'ok',
        '',
      ].join('\n'),
    );
  });
});
