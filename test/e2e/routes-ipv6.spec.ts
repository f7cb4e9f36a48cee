import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { routerCommand } from '../routes/demo-router-api';
import { themedScreenshots } from './failover-steps';
import { acceptRoutePlan, routesLab } from './routes-steps';

// IPv6 → Routes end to end: the same table and dialog as IP → Routes over /ipv6/route. What the
// router holds is asked of the router over its API, never read back from the UI.

const {
  api,
  ask,
  routeRow,
  open: openIpv6Routes,
} = routesLab({
  family: 'ipv6',
  siteName: 'Dual-stack router',
  password: 'e2e-routes-v6-7a2e',
});

async function staticDefaults() {
  const rows = await ask('?dst-address=::/0', '?static=true');
  expect(rows.length, 'the two-wan scenario has a ::/0 route per WAN').toBe(2);
  return rows;
}

test('the IPv6 tab lists the router’s ::/0 routes, and a distance edited by double-click lands on the router', async ({
  page,
}) => {
  const defaults = await staticDefaults();
  await openIpv6Routes(page);
  for (const route of defaults) await expect(routeRow(page, '::/0', route.gateway!)).toHaveCount(1);
  // The IPv4 table is not mixed in.
  await expect(routeRow(page, '0.0.0.0/0')).toHaveCount(0);

  const wan = defaults.find((route) => route.gateway!.startsWith('2001:'))!;
  await routeRow(page, '::/0', wan.gateway!).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Route ::/0' });
  await expect(dialog.getByLabel('Gateway', { exact: true })).toHaveValue(wan.gateway!);
  // What IPv6 routes do not have is not offered.
  await expect(dialog.getByLabel('Pref. Source', { exact: true })).toHaveCount(0);
  await expect(dialog.getByLabel('Check Gateway', { exact: true }).locator('option')).toHaveText([
    'none',
    'ping',
    'bfd',
    'bfd-multihop',
  ]);
  await dialog.getByLabel('Distance', { exact: true }).fill('42');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await acceptRoutePlan(page, /: distance \d+ → 42$/);
  await expect(dialog).toBeHidden();
  const [after] = await ask(`?.id=${wan['.id']}`);
  expect(after?.distance).toBe('42');
  expect(after?.gateway).toBe(wan.gateway);
  await expect(routeRow(page, '::/0', wan.gateway!)).toContainText('42');
  await routerCommand(api(), '/ipv6/route/set', `=.id=${wan['.id']}`, `=distance=${wan.distance}`);
});

test('a new IPv6 route: an IPv4 gateway and a bare link-local one are refused in the dialog, a pinned one is added', async ({
  page,
}) => {
  await openIpv6Routes(page);
  await page.getByRole('toolbar', { name: 'Route actions' }).getByRole('button', { name: 'Add' }).click();
  const dialog = page.getByRole('dialog', { name: 'New Route' });
  await expect(dialog.getByLabel('Dst. Address', { exact: true })).toHaveValue('::/0');
  await dialog.getByLabel('Dst. Address', { exact: true }).fill('2001:db8:77::/48');
  const gateway = dialog.getByLabel('Gateway', { exact: true });
  await gateway.fill('10.0.1.1');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(gateway).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('Enter an IPv6 gateway or an interface');
  await gateway.fill('fe80::7');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toContainText('A link-local gateway needs its interface, like fe80::7%ether1');
  expect(await ask('?dst-address=2001:db8:77::/48')).toHaveLength(0);

  await gateway.fill('fe80::7%ether2');
  await dialog.getByLabel('Comment', { exact: true }).fill('e2e-v6');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  const [added] = await ask('?dst-address=2001:db8:77::/48');
  expect(added).toMatchObject({ gateway: 'fe80::7%ether2', comment: 'e2e-v6', disabled: 'false' });
  await expect(routeRow(page, '2001:db8:77::/48', 'e2e-v6')).toHaveCount(1);
  await routerCommand(api(), '/ipv6/route/remove', `=.id=${added!['.id']}`);
  await expect(routeRow(page, '2001:db8:77::/48')).toHaveCount(0);
});

test('export: the IPv6 table as .rsc is one /ipv6 route add per static route', async ({ page }) => {
  await openIpv6Routes(page);
  const statics = await ask('?static=true');
  await expect(routeRow(page, '::/0')).toHaveCount(2);
  await page.getByRole('toolbar', { name: 'Route actions' }).getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Table as .rsc' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Dual-stack router ipv6 routes table .*\.rsc$/);
  const lines = readFileSync((await download.path())!, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('/'));
  expect(lines).toHaveLength(statics.length);
  for (const route of statics) {
    const line = lines.find((each) => each.includes(`gateway=${route.gateway}`));
    expect(line, `a line for ${route.gateway}`).toMatch(/^\/ipv6 route add dst-address=::\/0 /);
    expect(line).toContain(`distance=${route.distance}`);
  }
});

test('screenshots of the IPv6 Routes tab and its route dialog, light and dark', async ({ page }) => {
  const [wan] = await staticDefaults();
  await openIpv6Routes(page);
  await expect(routeRow(page, '::/0')).toHaveCount(2);
  const screens = 'test-results/screens';
  await themedScreenshots(page, screens, 'ipv6-routes');
  await routeRow(page, '::/0', wan!.gateway!).dblclick();
  await expect(page.getByRole('dialog', { name: 'Route ::/0' })).toBeVisible();
  await themedScreenshots(page, screens, 'ipv6-route-dialog');
});
