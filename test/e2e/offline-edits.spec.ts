import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import type { Draft, SiteSnapshot } from '../../shared/drafts/draft';
import { routerCommand, routerRows } from '../routes/demo-router-api';
import { openFailover, openTwoWanSite, shownOrder, wanItem } from './failover-steps';
import { offlineLab } from './offline-steps';
import { sessionStatus, siteItem } from './site-steps';
import { runOverSsh } from './ssh-steps';

// Offline edits end to end, in web mode: a two-wan demo router taken off the network and back
// (its configuration lives on while its doors are closed), the app restarted on the same profile,
// and what the router holds asked of the router itself over its API and its SSH console.

const password = 'e2e-offline-3a9d';
const offline = offlineLab({ name: 'offline', password, checkGatewayIntervalMs: 200 });
const api = () => offline.api();
const staticDefaults = async () =>
  (await routerRows(api(), '/ip/route', '?dst-address=0.0.0.0/0', '?static=true')).map((row) => ({
    id: row['.id'] ?? '',
    comment: row.comment ?? '',
    gateway: row.gateway ?? '',
    distance: row.distance ?? '',
  }));
const distances = async () =>
  Object.fromEntries((await staticDefaults()).map((route) => [route.comment, route.distance]));

/** The profile's files for the site added here. */
const profileFile = <T>(name: 'snapshot.json' | 'draft.json') =>
  offline.profileFile<T>('Branch office', name);

/** ISP2's comment once Enable has moved it behind the WANs: its earlier distance noted, for Deactivate. */
const isp2Comment = 'ISP2 [uplink:was-distance=2]';

const draftPanel = (page: Page) => page.getByRole('region', { name: 'Draft' });
const draftRow = (page: Page, text: string) =>
  draftPanel(page).getByRole('table', { name: 'Draft changes' }).getByRole('row').filter({ hasText: text });

test('offline: a distance changed and the WANs reordered become a draft that survives a restart; online, the plan shows the conflict, and Apply and the .rsc both make the same routes', async ({
  page,
}) => {
  await page.goto(offline.app().url);
  await openTwoWanSite(page, { demo: offline.doors(), password, stop: async () => undefined });
  const before = await distances();
  expect(before).toMatchObject({ 'uplink:wan1': '1', 'uplink:wan2': '2', [isp2Comment]: '4' });
  // The snapshot on disk catches up with the router: both WANs, and the other routes moved behind them.
  const snapshotDistances = () => {
    const snapshot = profileFile<SiteSnapshot>('snapshot.json');
    const defaults = snapshot?.routes.filter((route) => route.dstAddress === '0.0.0.0/0' && route.comment);
    return [
      snapshot?.wans.length,
      Object.fromEntries(defaults?.map((route) => [route.comment, `${route.distance}`]) ?? []),
    ];
  };
  await expect.poll(snapshotDistances, { timeout: 20_000 }).toEqual([2, before]);

  // The router goes off the network.
  const plugIn = await offline.unplug();
  await expect(sessionStatus(page)).not.toHaveText('Online');
  await expect(page.getByRole('status').filter({ hasText: 'Offline: the snapshot of' })).toBeVisible();

  await page.getByRole('tab', { name: 'Routes', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Routes', exact: true });
  await grid.getByRole('row').filter({ hasText: 'ISP2' }).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Route 0.0.0.0/0' });
  await dialog.getByLabel('Distance', { exact: true }).fill('9');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await expect(grid.getByRole('row').filter({ hasText: 'ISP2' })).toContainText('9');
  await page.getByRole('searchbox', { name: 'Filter routes' }).fill('isp');
  await expect(grid.getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: test.info().outputPath('offline-routes.png') });
  await page.getByRole('searchbox', { name: 'Filter routes' }).fill('');

  await openFailover(page);
  await wanItem(page, 2).getByRole('button', { name: 'Move up' }).click();
  await expect.poll(() => shownOrder(page)).toEqual(['WAN 2', 'WAN 1']);

  // A WAN's configuration offline is checked on the snapshot as online on the router.
  await wanItem(page, 1).getByRole('button', { name: 'Configure WAN 1' }).click();
  const configure = page.getByRole('dialog', { name: 'Configure WAN 1' });
  await configure.getByLabel('Probe host', { exact: true }).fill('8.8.8.8');
  await configure.getByRole('button', { name: 'Save' }).click();
  await expect(configure.getByText('Offline, WAN 1 keeps its probe host 1.1.1.1')).toBeVisible();
  await configure.getByLabel('Gateway', { exact: true }).fill('10.0.2.1');
  await configure.getByLabel('Probe host', { exact: true }).fill('1.1.1.1');
  await configure.getByRole('button', { name: 'Save' }).click();
  await expect(configure.getByText('10.0.2.1 is on ether2’s network, not ether1’s')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('offline-configure.png') });
  await configure.getByRole('button', { name: 'Cancel' }).click();
  await expect(draftPanel(page)).toContainText('Draft: 3 changes made offline');
  await page.screenshot({ path: test.info().outputPath('offline-draft.png') });

  // One change, as the line a technician pastes into a terminal.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await draftRow(page, 'ISP2')
    .getByRole('button', { name: /as RouterOS command$/ })
    .click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(`/ip route set [find where dst-address="0.0.0.0/0" and comment="${isp2Comment}"] distance=9`);

  // The app is quit and started again: the draft is on disk and back on screen.
  await offline.quitApp();
  expect(
    profileFile<Draft>('draft.json')
      ?.items.map((item) => [item.route.comment, item.value])
      .sort(),
  ).toEqual([
    [isp2Comment, '9'],
    ['uplink:wan1', '2'],
    ['uplink:wan2', '1'],
  ]);
  await page.goto((await offline.startApp()).url);
  await siteItem(page, 'Branch office').click();
  await expect(draftPanel(page)).toContainText('Draft: 3 changes made offline');

  // The router is back, and someone else changed ISP2's distance on it meanwhile.
  await plugIn();
  const isp2 = (await staticDefaults()).find((route) => route.comment === isp2Comment);
  await routerCommand(api(), '/ip/route/set', `=.id=${isp2?.id}`, '=distance=6');

  // The technician is back through a relay on the internet: the active WAN carries the session.
  offline.doors().router.users.loginsFrom = '203.0.113.50';
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(sessionStatus(page)).toHaveText('Online');
  await expect(draftPanel(page).getByRole('list', { name: 'Why' }).getByRole('listitem').first()).toHaveText(
    /^0\.0\.0\.0\/0 \(uplink:wan1\): this route carries your session to the router \(the router sees Uplink at 203\.0\.113\.50\)\.$/,
  );
  const conflict = draftRow(page, 'ISP2');
  await expect(conflict).toContainText('Conflict');
  await expect(conflict.getByRole('cell')).toHaveText([
    `0.0.0.0/0 (${isp2Comment})`,
    'distance',
    '4',
    '9',
    '6',
    'Conflict',
    /Keep mine/,
  ]);
  await expect(draftRow(page, 'uplink:wan1')).toContainText('Ready');
  await expect(draftPanel(page).getByRole('button', { name: 'Apply' })).toBeDisabled();
  expect(await distances(), 'nothing is applied before Apply').toMatchObject({
    'uplink:wan1': '1',
    [isp2Comment]: '6',
  });

  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toContainText('Keeping yours');
  const commands = draftPanel(page).getByRole('figure', { name: 'Plan commands' });
  await expect(commands).toContainText(
    `/ip route set [find where dst-address="0.0.0.0/0" and comment="${isp2Comment}"] distance=9`,
  );
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: test.info().outputPath(`plan-with-conflict-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  const download = page.waitForEvent('download');
  await draftPanel(page).getByRole('button', { name: 'Export .rsc' }).click();
  const rsc = readFileSync(await (await download).path(), 'utf8');
  expect(rsc).toMatch(/^# Uplink: Offline draft: 3 changes/);

  const beforeApply = await staticDefaults();
  await draftPanel(page).getByRole('button', { name: 'Apply' }).click();
  await expect(draftPanel(page)).toBeHidden({ timeout: 15_000 });
  const applied = await staticDefaults();
  expect(Object.fromEntries(applied.map((route) => [route.comment, route.distance]))).toMatchObject({
    'uplink:wan1': '2',
    'uplink:wan2': '1',
    [isp2Comment]: '9',
  });
  expect(await routerRows(api(), '/system/scheduler', '?name=uplink-rollback')).toEqual([]);

  // The same script, run on the router's console from where the router was before Apply.
  for (const route of beforeApply)
    await routerCommand(api(), '/ip/route/set', `=.id=${route.id}`, `=distance=${route.distance}`);
  const lines = rsc.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  const outputs = await runOverSsh(offline.doors().ssh?.port ?? 0, password, lines);
  expect(outputs.join('')).not.toMatch(/failure|bad command|syntax error|no such item/i);
  expect(await staticDefaults()).toEqual(applied);
});
