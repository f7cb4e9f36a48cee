import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type DemoRouter, startDemoRouter } from '../../electron/demo-router';
import { routerRows } from '../routes/demo-router-api';
import { themedScreenshots } from './failover-steps';
import { addSite, fact, sessionStatus, siteItem } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// Safe Mode in web mode, against a two-WAN demo router: pressed in the site header, a distance
// changed on the active default route in the Routes tab, then the Uplink process killed: the
// router alone brings the old distance back after the grace period. Pressed again, the changes
// stay. The failover log has one event per change, from the Routes tab.

const password = 'e2e-safe-mode-7d21';
const siteName = 'Safe Mode lab';
const grace = 8;
const screens = 'test-results/screens/safe-mode';

let demo: DemoRouter;
let routerDir: string;
let profileDir: string;
let app: WebApp;

async function start(ssh: boolean) {
  routerDir = mkdtempSync(join(tmpdir(), 'uplink-e2e-safe-router-'));
  profileDir = mkdtempSync(join(tmpdir(), 'uplink-e2e-safe-profile-'));
  demo = await startDemoRouter({
    password,
    dataDir: routerDir,
    sshPort: ssh ? 0 : null,
    scenario: 'two-wan',
  });
  app = await startWebApp({ profileDir });
}

test.afterEach(async () => {
  await app?.stop();
  await demo?.stop();
  rmSync(routerDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

const api = () => ({ ...demo.api, password });
const distanceOf = async (comment: string) =>
  (await routerRows(api(), '/ip/route', `?comment=${comment}`))[0]?.distance;
const nets = () => routerRows(api(), '/system/scheduler', '?name=uplink-safe-mode');
const safeMode = (page: Page) => page.getByRole('button', { name: 'Safe Mode', exact: true });
const held = (page: Page) => page.getByRole('status', { name: 'Safe Mode changes' });
const grid = (page: Page) => page.getByRole('grid', { name: 'Routes', exact: true });
const routeRow = (page: Page, comment: string) =>
  grid(page).getByRole('row').filter({ hasText: '0.0.0.0/0' }).filter({ hasText: comment });

/** The site open and online: added the first time (its SSH key trusted), connected where it is not. */
async function openSite(page: Page, first: false | { transport: 'API' | 'SSH'; channel: string }) {
  await page.goto(app.url);
  if (first) {
    const port = first.transport === 'SSH' ? demo.ssh!.port : demo.api.port;
    await addSite(page, { name: siteName, port, password, transport: first.transport });
  }
  await siteItem(page, siteName).click();
  const status = sessionStatus(page);
  await expect(status).toHaveText(/^(Online|Offline|Connecting…?)$/);
  if ((await status.textContent()) === 'Offline')
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
  if (first && first.transport === 'SSH')
    await page.getByRole('button', { name: 'Trust and connect' }).click();
  await expect(status).toHaveText('Online');
  if (first) await expect(fact(page, 'Channel')).toHaveText(first.channel);
}

/** The route dialog's Distance, as the technician types it. */
async function editDistance(page: Page, comment: string, distance: number) {
  await page.getByRole('tab', { name: 'Routes', exact: true }).click();
  await routeRow(page, comment).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Route 0.0.0.0/0' });
  await dialog.getByLabel('Distance', { exact: true }).fill(String(distance));
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
}

for (const first of [
  { transport: 'API', channel: 'API' },
  { transport: 'SSH', channel: 'SSH (CLI)' },
] as const) {
  test(`Safe Mode holds a change to the active default route; the app killed, the router alone puts it back; off, a change stays (${first.channel})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await start(first.transport === 'SSH');
    await openSite(page, first);
    await page.getByRole('tab', { name: 'WAN Failover', exact: true }).click();
    await page.getByLabel('Grace period (seconds)').fill(String(grace));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('button', { name: 'Save' })).toBeHidden();

    await expect(safeMode(page)).toHaveAttribute('aria-pressed', 'false');
    await safeMode(page).click();
    await expect(safeMode(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(held(page)).toHaveText('0 changes held');
    expect(await nets()).toHaveLength(1);

    // ISP1 carries traffic at distance 1; moved behind ISP2, traffic moves, and the net holds it.
    await editDistance(page, 'ISP1', 5);
    expect(await distanceOf('ISP1')).toBe('5');
    await expect(held(page)).toHaveText('1 change held');
    await expect(page.getByRole('main').getByText('held by Safe Mode')).toBeVisible();
    if (first.transport === 'API') await themedScreenshots(page, screens, 'safe-mode-on');

    // Uplink dies with Safe Mode on: nothing of it pushes the net forward any more.
    const killedAt = Date.now();
    await app.kill();
    await expect.poll(() => distanceOf('ISP1'), { timeout: (grace + 10) * 1000, intervals: [500] }).toBe('1');
    expect(Date.now() - killedAt).toBeGreaterThan((grace - 1) * 1000);
    expect(await nets()).toEqual([]);

    // Back on the same profile: the router put it back, and Uplink says so; Safe Mode is off.
    app = await startWebApp({ profileDir });
    await openSite(page, false);
    await expect(
      page.getByRole('main').getByText('The router put back the change made in Safe Mode'),
    ).toBeVisible();
    await expect(safeMode(page)).toHaveAttribute('aria-pressed', 'false');
    if (first.transport === 'API') await themedScreenshots(page, screens, 'safe-mode-put-back');

    // Turned off, a change made in Safe Mode stays past the grace period.
    await safeMode(page).click();
    await expect(safeMode(page)).toHaveAttribute('aria-pressed', 'true');
    await editDistance(page, 'ISP2', 7);
    await expect(held(page)).toHaveText('1 change held');
    await safeMode(page).click();
    await expect(safeMode(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(
      page.getByRole('main').getByText('Safe Mode is off: the change made in it stays.'),
    ).toBeVisible();
    expect(await nets()).toEqual([]);
    await page.waitForTimeout((grace + 2) * 1000);
    expect(await distanceOf('ISP2')).toBe('7');

    // One event per change, each the Routes tab's, and nothing else of Uplink's doing.
    await page.getByRole('tab', { name: 'Monitor', exact: true }).click();
    const log = page.getByRole('table', { name: 'Failover log' });
    const ours = log.getByRole('row').filter({ hasText: 'Uplink' });
    await expect(ours).toHaveCount(2);
    await expect(ours.filter({ hasText: 'Edit 0.0.0.0/0 (ISP1)' })).toContainText('Uplink, Routes tab');
    await expect(ours.filter({ hasText: 'Edit 0.0.0.0/0 (ISP2)' })).toContainText('Uplink, Routes tab');
    await expect(log.getByRole('row').filter({ hasText: 'Failover' })).toHaveCount(0);
  });
}
