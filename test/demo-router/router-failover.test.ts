// Failover on the router itself, with no client action: DESIGN.md's recipe (a pinned /32 to each
// WAN's probe host, a checked default route through it) on the two-wan site, while the WAN links
// fail and recover.
import { afterEach, describe, expect, it } from 'vitest';
import type { Attrs } from '../../electron/demo-router/command';
import type { RouterModel } from '../../electron/demo-router/router';
import {
  addRecipeWan,
  byComment,
  collect,
  done,
  eventually,
  removePlainDefaults,
  route,
  router,
  run,
} from './router-harness';

let target: RouterModel;
afterEach(() => target?.stop());

const CHECK_INTERVAL_MS = 20;

function failoverSite(checkGatewayIntervalMs = CHECK_INTERVAL_MS): RouterModel {
  const site = router({ checkGatewayIntervalMs });
  removePlainDefaults(site);
  addRecipeWan(site, 1, '10.0.1.1', 'ether1', '1.1.1.1', 1);
  addRecipeWan(site, 2, '10.0.2.1', 'ether2', '9.9.9.9', 2);
  return site;
}

const wan = (n: number) => route(target, byComment(`uplink:wan${n}`));
const activeDefault = () =>
  [...target.routes.rows()].find((row) => row['dst-address'] === '0.0.0.0/0' && row.active === 'true');

describe('failover by recursive routes and check-gateway', () => {
  it('resolves each WAN through its probe host', () => {
    target = failoverSite();
    expect(wan(1)).toMatchObject({
      gateway: '1.1.1.1',
      'immediate-gw': '10.0.1.1%ether1',
      'check-gateway': 'ping',
      'target-scope': '11',
      active: 'true',
    });
    expect(wan(2)).toMatchObject({
      gateway: '9.9.9.9',
      'immediate-gw': '10.0.2.1%ether2',
      inactive: 'false',
    });
    expect(wan(2)).not.toHaveProperty('active');
    expect(route(target, byComment('uplink:wan1:probe'))).toMatchObject({
      'dst-address': '1.1.1.1/32',
      scope: '10',
      active: 'true',
    });
  });

  it('fails over to the next distance when the primary loses the internet, and back when it returns', async () => {
    target = failoverSite();
    const changes: Attrs[] = [];
    target.routes.onChange(({ changed }) => changes.push(...changed));
    const listened = collect(run(target, '/ip/route/listen'), (rows) =>
      rows.some((row) => row.comment === 'uplink:wan2' && row.active === 'true'),
    );

    // The ISP router still answers; nothing beyond it does. Only the probe can tell.
    target.links.set('ether1', { internet: false });
    expect(activeDefault()?.comment).toBe('uplink:wan1');
    await eventually(() => activeDefault()?.comment === 'uplink:wan2');
    expect(wan(1)).toMatchObject({ inactive: 'true', 'immediate-gw': '' });
    expect(wan(1)).not.toHaveProperty('active');
    // The probe route itself stays up: the cable is fine.
    expect(route(target, byComment('uplink:wan1:probe')).active).toBe('true');
    const { rows } = await listened;
    expect(rows.find((row) => row.comment === 'uplink:wan1')).toMatchObject({ inactive: 'true' });
    expect(changes.some((row) => row.comment === 'uplink:wan2' && row.active === 'true')).toBe(true);

    target.links.set('ether1', { internet: true });
    await eventually(() => activeDefault()?.comment === 'uplink:wan1');
    expect(wan(2)).not.toHaveProperty('active');
  });

  it('fails over at once when the primary cable is pulled: nothing left to resolve the probe through', () => {
    target = failoverSite(3_600_000);
    target.links.set('ether1', { up: false });
    expect(route(target, byComment('uplink:wan1:probe'))).toMatchObject({
      inactive: 'true',
      'immediate-gw': '',
    });
    expect(wan(1)).toMatchObject({ inactive: 'true', 'immediate-gw': '' });
    expect(activeDefault()?.comment).toBe('uplink:wan2');
    target.links.set('ether1', { up: true });
    expect(activeDefault()?.comment).toBe('uplink:wan1');
  });

  it('gives up on a gateway after two unanswered probes in a row, and takes it back on one answer', () => {
    target = failoverSite(3_600_000);
    target.links.set('ether1', { internet: false });
    target.routes.checkGateways();
    expect(activeDefault()?.comment).toBe('uplink:wan1');
    target.routes.checkGateways();
    expect(activeDefault()?.comment).toBe('uplink:wan2');
    target.links.set('ether1', { internet: true });
    target.routes.checkGateways();
    expect(activeDefault()?.comment).toBe('uplink:wan1');
  });

  it('starts counting again when a route is pointed at another gateway', () => {
    target = failoverSite(3_600_000);
    target.links.set('ether1', { internet: false });
    target.routes.checkGateways();
    target.routes.checkGateways();
    expect(wan(1).inactive).toBe('true');
    done(target, '/ip/route/set', { '.id': wan(1)['.id']!, gateway: '9.9.9.9', distance: '3' });
    // A fresh gateway is trusted until it misses twice.
    expect(wan(1)).toMatchObject({ inactive: 'false', 'immediate-gw': '10.0.2.1%ether2' });
  });

  it('checks a plain gateway by pinging the ISP router itself', () => {
    target = router({ checkGatewayIntervalMs: 3_600_000 });
    done(target, '/ip/route/set', {
      '.id': route(target, byComment('ISP1'))['.id']!,
      'check-gateway': 'ping',
    });
    target.links.set('ether1', { internet: false });
    target.routes.checkGateways();
    target.routes.checkGateways();
    // The ISP router answers: a plain check cannot see the internet is gone.
    expect(activeDefault()?.comment).toBe('ISP1');
    target.links.set('ether1', { lossPct: 100 });
    target.routes.checkGateways();
    target.routes.checkGateways();
    expect(activeDefault()?.comment).toBe('ISP2');
  });

  it('keeps a DHCP WAN as the third option when both recipe WANs are down', async () => {
    target = failoverSite();
    target.links.set('ether1', { internet: false });
    target.links.set('ether2', { up: false });
    await eventually(() => activeDefault()?.dhcp === 'true');
    expect(activeDefault()).toMatchObject({ gateway: '192.168.8.1', distance: '3' });
  });
});
