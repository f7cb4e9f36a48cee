import { expect, type Page, test } from '@playwright/test';
import type { SiteSnapshot } from '../../shared/drafts/draft';
import { routerCommand, routerRows } from '../routes/demo-router-api';
import { themedScreenshots } from './failover-steps';
import { offlineLab } from './offline-steps';
import { addSite, sessionStatus } from './site-steps';

// IP → Routes offline is the same table as online: every column, sort, find, toolbar and key, its
// changes going to the site's draft. A two-wan demo router is taken off the network (its
// configuration lives on), edited offline in bulk, brought back, and the draft applied; what the
// router holds is asked of the router itself.

const password = 'e2e-offline-table-51c4';
const screens = 'test-results/screens/routes-offline';
const offline = offlineLab({ name: 'offline-table', password });
const api = () => offline.api();

test.beforeEach(async () => {
  for (const [dst, distance] of [
    ['10.20.1.0/24', '5'],
    ['10.20.2.0/24', '3'],
    ['10.20.3.0/24', '4'],
  ] as const) {
    await routerCommand(
      api(),
      '/ip/route/add',
      `=dst-address=${dst}`,
      '=gateway=10.0.1.1',
      `=distance=${distance}`,
      '=comment=lab',
    );
  }
});

const lab = async () =>
  Object.fromEntries(
    (await routerRows(api(), '/ip/route', '?comment=lab')).map((row) => [row['dst-address'], row.disabled]),
  );
/** The site's snapshot on disk holds the routes planted above. */
const snapshotTaken = () =>
  offline
    .profileFile<SiteSnapshot>('Branch office', 'snapshot.json')
    ?.routes.some((route) => route.dstAddress === '10.20.3.0/24') ?? false;
const grid = (page: Page) => page.getByRole('grid', { name: 'Routes', exact: true });
const row = (page: Page, text: string) => grid(page).getByRole('row').filter({ hasText: text });
const bodyDsts = (page: Page) => grid(page).locator('td.routes-col-dstAddress').allTextContents();
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Route actions' });
const draftPanel = (page: Page) => page.getByRole('region', { name: 'Draft' });

test('offline, the Routes table sorts, finds and edits in bulk into the draft; on reconnect the draft is applied', async ({
  page,
}) => {
  await page.goto(offline.app().url);
  await addSite(page, { name: 'Branch office', port: offline.doors().api.port, password });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(sessionStatus(page)).toHaveText('Online');
  await page.getByRole('tab', { name: 'Routes', exact: true }).click();
  await expect(row(page, '10.20.3.0/24')).toBeVisible();

  // The router goes off the network once the site's snapshot is on disk (with the routes planted above).
  await expect.poll(snapshotTaken, { timeout: 20_000 }).toBe(true);
  const plugIn = await offline.unplug();
  await expect(sessionStatus(page)).not.toHaveText('Online');
  await expect(page.getByRole('status').filter({ hasText: 'Offline: the snapshot of' })).toBeVisible();
  await expect(row(page, '10.20.3.0/24')).toBeVisible();

  // The whole toolbar, every column, sort and Find, as online.
  for (const action of ['Add', 'Remove', 'Enable', 'Disable', 'Comment'])
    await expect(toolbar(page).getByRole('button', { name: action, exact: true })).toBeVisible();
  await expect(grid(page).getByRole('columnheader', { name: 'Target Scope' })).toBeVisible();
  const find = page.getByRole('form', { name: 'Find routes' });
  await find.getByLabel('Find value').fill('10.20.0.0/16');
  await find.getByLabel('Find value').press('Enter');
  await expect(grid(page).getByRole('row')).toHaveCount(4);
  await grid(page).getByRole('columnheader', { name: 'Distance', exact: true }).click();
  await expect.poll(() => bodyDsts(page)).toEqual(['10.20.2.0/24', '10.20.3.0/24', '10.20.1.0/24']);

  // Ctrl+A and Disable: all three into the draft, marked, nothing sent.
  await row(page, '10.20.2.0/24').click();
  await page.keyboard.press('Control+a');
  await expect(page.getByText('3 selected')).toBeVisible();
  await toolbar(page).getByRole('button', { name: 'Disable', exact: true }).click();
  await expect(draftPanel(page)).toContainText('Draft: 3 changes made offline');
  await expect(row(page, '10.20.1.0/24').locator('.routes-col-flags')).toHaveText(/X/);
  await expect(row(page, '10.20.1.0/24').locator('.routes-col-flags')).toHaveClass(/routes-cell-edited/);

  // Delete on one row removes it from the draft's table after one confirmation.
  await row(page, '10.20.3.0/24').click();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Remove route?' });
  await expect(confirm).toContainText('in the draft');
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(row(page, '10.20.3.0/24')).toHaveCount(0);

  // Add: a new route, shown at once, marked as the draft's.
  await toolbar(page).getByRole('button', { name: 'Add', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New Route' });
  await dialog.getByLabel('Dst. Address', { exact: true }).fill('10.20.9.0/24');
  await dialog.getByLabel('Gateway', { exact: true }).fill('10.0.2.1');
  await dialog.getByLabel('Comment', { exact: true }).fill('lab');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, '10.20.9.0/24')).toHaveClass(/routes-row-drafted/);
  await expect(draftPanel(page)).toContainText('Draft: 4 changes made offline');
  // Opened again, the new route takes another distance: still one addition. The dialog's own
  // Disable goes to the draft at once, and Enable takes it back.
  await row(page, '10.20.9.0/24').dblclick();
  const again = page.getByRole('dialog', { name: 'Route 10.20.9.0/24' });
  const actions = again.getByRole('group', { name: 'Route actions' });
  await actions.getByRole('button', { name: 'Disable' }).click();
  await expect(row(page, '10.20.9.0/24').locator('.routes-col-flags')).toHaveText(/X/);
  await actions.getByRole('button', { name: 'Enable' }).click();
  await expect(row(page, '10.20.9.0/24').locator('.routes-col-flags')).not.toHaveText(/X/);
  await again.getByLabel('Distance', { exact: true }).fill('7');
  await again.getByRole('button', { name: 'OK' }).click();
  await expect(again).toBeHidden();
  await expect(row(page, '10.20.9.0/24').locator('.routes-col-distance')).toHaveText('7');
  await expect(draftPanel(page)).toContainText('Draft: 4 changes made offline');
  await themedScreenshots(page, screens, 'offline-table');

  // Back online: the plan, then Apply.
  await plugIn();
  expect(await lab(), 'nothing reached the router offline').toEqual({
    '10.20.1.0/24': 'false',
    '10.20.2.0/24': 'false',
    '10.20.3.0/24': 'false',
  });
  // The session was reconnecting all along: it finds the router back by itself.
  await expect(sessionStatus(page)).toHaveText('Online', { timeout: 30_000 });
  const commands = draftPanel(page).getByRole('figure', { name: 'Plan commands' });
  await expect(commands).toContainText(
    '/ip route remove [find where dst-address="10.20.3.0/24" and comment="lab"]',
  );
  await expect(commands).toContainText('/ip route add dst-address=10.20.9.0/24 gateway=10.0.2.1 distance=7');
  await draftPanel(page).getByRole('button', { name: 'Apply' }).click();
  await expect(draftPanel(page)).toBeHidden({ timeout: 15_000 });
  expect(await lab()).toEqual({ '10.20.1.0/24': 'true', '10.20.2.0/24': 'true', '10.20.9.0/24': 'false' });
  const [added] = await routerRows(api(), '/ip/route', '?dst-address=10.20.9.0/24');
  expect(added).toMatchObject({ gateway: '10.0.2.1', distance: '7', comment: 'lab' });
  await expect(row(page, '10.20.9.0/24')).not.toHaveClass(/routes-row-drafted/);
});
