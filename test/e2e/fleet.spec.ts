import { expect, type Page, test } from '@playwright/test';
import { addAndConnect, startTwoWanRouter, type TwoWanRouter, themedScreenshots } from './failover-steps';
import { siteItem } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// Every site at a glance, end to end in web mode: the Demo router and two two-wan demo routers of
// the test's own, all connected; one is on screen while a link is staged down on another.

const password = 'e2e-fleet-7a3e';

let branch: TwoWanRouter;
let warehouse: TwoWanRouter;
let app: WebApp;

test.beforeEach(async () => {
  branch = await startTwoWanRouter(password);
  warehouse = await startTwoWanRouter(password);
  app = await startWebApp();
});

test.afterEach(async () => {
  await app.stop();
  await branch.stop();
  await warehouse.stop();
});

const fleet = (page: Page) => page.getByRole('grid', { name: 'Fleet' });
const fleetRow = (page: Page, name: string) => fleet(page).getByRole('row', { name, exact: true });

const screenshot = (page: Page, name: string) => themedScreenshots(page, test.info().outputDir, name);

/** The page's desktop notifications, as the browser's Notification API was asked to raise them. */
const notifications = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { notifications: { title: string; body?: string }[] }).notifications.map(
      ({ title, body }) => ({ title, body }),
    ),
  );

test('three sites connected, one on screen: a link down on another turns its row red in the fleet view and its sidebar row, and raises one notification', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications'], { origin: app.origin });
  // Each Notification the page makes is recorded (and still made), so the test sees what was raised.
  await page.addInitScript(() => {
    const Real = window.Notification;
    const made: Notification[] = [];
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        made.push(this);
      }
      static override get permission() {
        return Real.permission;
      }
    }
    Object.assign(window, { notifications: made });
    window.Notification = Recorded;
  });
  await page.goto(app.url);
  await addAndConnect(page, { name: 'Warehouse', port: warehouse.demo.api.port, password });
  await addAndConnect(page, { name: 'Branch office', port: branch.demo.api.port, password });

  // The home with more than one site: every site's links, measured in the background.
  await page.getByRole('button', { name: 'All sites' }).click();
  for (const name of ['Branch office', 'Demo router', 'Warehouse']) {
    await expect(fleetRow(page, name).getByRole('gridcell').nth(1)).toHaveText('Up', { timeout: 20_000 });
  }
  const warehouseLinks = fleetRow(page, 'Warehouse').getByRole('list', { name: 'Links of Warehouse' });
  await expect(warehouseLinks.getByRole('listitem')).toHaveCount(3);
  await expect(warehouseLinks.getByRole('listitem').first()).toContainText(
    /WAN 1 ISP1.*Up · RTT [\d.]+ ms · loss 0 %/,
  );
  await expect(fleetRow(page, 'Warehouse').getByRole('gridcell').nth(3)).toHaveText('ether1');
  await screenshot(page, 'fleet-up');

  // Branch office on screen; the Warehouse's first ISP goes down behind it.
  await siteItem(page, 'Branch office').click();
  await page.getByRole('tab', { name: 'Monitor' }).click();
  warehouse.demo.router.links.set('ether1', { up: false });
  await expect(siteItem(page, 'Warehouse')).toHaveClass(/site-health-down/, { timeout: 15_000 });
  await expect(siteItem(page, 'Branch office')).toHaveClass(/site-health-up/);
  await expect.poll(() => notifications(page), { timeout: 15_000 }).toHaveLength(1);
  // The link's failover and its health turning down are one outage: one notification says it.
  await page.waitForTimeout(6000);
  const [raised] = await notifications(page);
  expect(await notifications(page)).toHaveLength(1);
  expect(raised?.title).toBe('Warehouse');
  expect(raised?.body).toMatch(/^(Failover .+ → .+|WAN 1 \(ISP1\) is (down|degraded))/);

  await page.getByRole('button', { name: 'All sites' }).click();
  const row = fleetRow(page, 'Warehouse');
  await expect(row.getByRole('gridcell').nth(1)).toHaveText('Down');
  await expect(row).toHaveClass(/fleet-row-down/);
  const red = await row.evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(red).toMatch(/^rgb\((2[0-5]\d), (2[0-3]\d), (2[0-3]\d)\)$/);
  // Worst first.
  await expect(fleet(page).getByRole('row').nth(1)).toHaveAccessibleName('Warehouse');
  await expect(warehouseLinks.getByRole('listitem').first()).toContainText('WAN 1 ISP1Down');

  // Sortable and filterable; a click opens the site.
  await fleet(page).getByRole('button', { name: 'Site' }).click();
  await expect(fleet(page).getByRole('row').nth(1)).toHaveAccessibleName('Branch office');
  await page.getByLabel('Filter sites').fill('ware');
  await expect(fleet(page).getByRole('row')).toHaveCount(2);
  await screenshot(page, 'fleet-down');
  await row.click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Warehouse');

  // The notification, clicked, opens its site.
  await siteItem(page, 'Branch office').click();
  await page.evaluate(() =>
    (window as unknown as { notifications: Notification[] }).notifications[0]?.dispatchEvent(
      new Event('click'),
    ),
  );
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Warehouse');

  // Each kind can be switched off; the setting is kept.
  await page.getByRole('button', { name: 'Notifications' }).click();
  const dialog = page.getByRole('dialog', { name: 'Notifications' });
  await expect(dialog.getByRole('checkbox', { name: 'Failover' })).toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Link recovered' }).uncheck();
  await screenshot(page, 'notification-settings');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Notifications' }).click();
  await expect(dialog.getByRole('checkbox', { name: 'Link recovered' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Session lost' })).toBeChecked();
});
