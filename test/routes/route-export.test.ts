import { afterEach, describe, expect, it } from 'vitest';
import type { RouterModel } from '../../electron/demo-router/router';
import { parseRoute } from '../../shared/routes/route';
import { routesCsv, routesRsc } from '../../shared/routes/route-export';
import { done, print, router } from '../demo-router/router-harness';

const routers: RouterModel[] = [];
const fresh = () => {
  const made = router();
  routers.push(made);
  return made;
};
afterEach(() => {
  for (const made of routers.splice(0)) made.stop();
});

const added = (target: RouterModel) =>
  print(target, '/ip/route/print').filter((row) => row.comment?.startsWith('export'));
const comparable = (rows: Record<string, string>[]) =>
  rows.map(({ '.id': _id, ...row }) => row).sort((a, b) => a.comment!.localeCompare(b.comment!));

describe('route exports', () => {
  it('a .rsc script recreates the routes on a fresh demo router, every property as it was', async () => {
    const source = fresh();
    done(source, '/ip/route/add', { 'dst-address': '192.0.2.0/24', blackhole: 'yes', comment: 'export 1' });
    done(source, '/ip/route/add', {
      'dst-address': '203.0.113.0/24',
      gateway: '10.0.1.1,10.0.2.1%ether2',
      'pref-src': '10.0.1.2',
      distance: '7',
      'check-gateway': 'ping',
      comment: 'export 2: "quoted"; semicolon $ and \\ backslash',
    });
    done(source, '/ip/route/add', {
      'dst-address': '198.51.100.0/24',
      gateway: 'ether2',
      disabled: 'yes',
      comment: 'export 3',
    });
    const rows = print(source, '/ip/route/print');
    const script = routesRsc(rows.map(parseRoute), 'Lab', 'ip');
    expect(script).toMatch(/^# \d+ routes from Lab, exported by Uplink\n# \d+ dynamic routes/);

    const target = fresh();
    // The fresh router's own static routes are the scenario's: the script's copies of them are
    // refused as duplicates, so only the routes under test are run.
    const lines = script
      .split('\n')
      .filter((line) => line.includes('comment="export') || line.includes('comment=export'));
    expect(lines).toHaveLength(3);
    await target.runScript(lines.join('\n'));
    expect(comparable(added(target))).toEqual(comparable(added(source)));
  });

  it('a CSV holds every column as the table shows it, quoted where needed', () => {
    const route = parseRoute({
      '.id': '*1',
      'dst-address': '0.0.0.0/0',
      gateway: '10.0.1.1,10.0.2.1',
      distance: '1',
      comment: '=cmd, "x"',
      active: 'true',
      static: 'true',
    });
    const [header, line] = routesCsv([route]).split('\r\n');
    expect(header).toBe(
      'Flags,Dst. Address,Gateway,Distance,Routing Table,Immediate Gw,Comment,Scope,Target Scope,Check Gateway,Pref. Source',
    );
    expect(line).toBe('As,0.0.0.0/0,"10.0.1.1,10.0.2.1",1,main,,"\'=cmd, ""x""",0,0,,');
  });
});
