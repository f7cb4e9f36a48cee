import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { DemoRouter } from '../../electron/demo-router';
import { readFailoverRoutes } from '../../electron/failover/router-reads';
import { connectRouter } from '../../electron/routeros/connect-router';
import { hasFlag, isDefaultRoute, parseRoute, type Route } from '../../shared/routes/route';
import {
  activeLink,
  addAndConnect,
  configureWan,
  confirmPriority,
  dragAbove,
  openConfigure,
  openFailover,
  priorityList,
  setUpTwoWans,
  shownOrder,
  startTwoWanRouter,
  type TwoWanRouter,
  twoWanLinks,
  wanItem,
} from './failover-steps';
import { startWebApp, type WebApp } from './web-app';

// WAN failover end to end, in web mode, against a two-wan demo router started here for each test.
// What the router holds is asked of the router itself over its API, never read back from the UI.

const password = 'e2e-failover-2b7e';
const [wan1, wan2] = twoWanLinks;
const screens = join(__dirname, '../../test-results/failover-screens');

let router: TwoWanRouter;
let demo: DemoRouter;
let app: WebApp;

test.beforeEach(async () => {
  router = await startTwoWanRouter(password);
  demo = router.demo;
  app = await startWebApp();
});

test.afterEach(async () => {
  await app.stop();
  await router.stop();
});

/** The router's default routes and Uplink's probes, asked over a connection of the test's own. */
async function onRouter(): Promise<Route[]> {
  const { client } = await connectRouter(
    { ...demo.api, transport: 'api', user: 'admin', password },
    { connectTimeoutMs: 5000, callTimeoutMs: 5000 },
    async () => undefined,
  );
  try {
    return await readFailoverRoutes(client);
  } finally {
    await client.close();
  }
}

const activeDefault = async () =>
  (await onRouter()).find((route) => isDefaultRoute(route) && hasFlag(route, 'active'));

/** The tab as a user sees it, in the light theme and the dark. */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screens, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(screens, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function start(page: Page): Promise<void> {
  await page.goto(app.url);
  await addAndConnect(page, { name: 'Branch office', port: demo.api.port, password });
}

test('enable, configure both WANs, drag WAN 2 above WAN 1, Apply: the router’s active default route goes through WAN 2', async ({
  page,
}) => {
  await start(page);
  await openFailover(page);
  await page.getByRole('button', { name: 'Enable' }).click();
  await expect(wanItem(page, 1)).toContainText('Not configured');
  await expect(wanItem(page, 1)).toContainText('Primary Link');
  await expect(wanItem(page, 2)).toContainText('First Failover');
  await screenshot(page, 'unconfigured');

  await configureWan(page, 1, wan1);
  await configureWan(page, 2, wan2);
  await expect(
    page.getByText('2 default routes Uplink did not make have the same or a lower distance than a WAN'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Move behind the WANs' }).click();
  const renumber = page.getByRole('dialog', { name: 'Move the other default routes behind the WANs' });
  await expect(renumber.getByRole('listitem')).toHaveCount(3);
  await renumber.getByRole('button', { name: 'Confirm' }).click();
  await expect(renumber).toBeHidden();
  await expect(activeLink(page)).toContainText('WAN 1');
  await expect(wanItem(page, 1)).toContainText('Active');
  await screenshot(page, 'configured');

  await dragAbove(page, 2, 1);
  expect(await shownOrder(page)).toEqual(['WAN 2', 'WAN 1']);
  await expect(confirmPriority(page)).toBeVisible();
  await expect(wanItem(page, 2)).toContainText('Primary Link');
  expect((await activeDefault())?.comment, 'nothing reaches the router before Apply').toBe('uplink:wan1');
  await screenshot(page, 'pending-reorder');

  await confirmPriority(page).getByRole('button', { name: 'Apply' }).click();
  await expect(activeLink(page)).toContainText('WAN 2');
  await expect(confirmPriority(page)).toBeHidden();
  const active = await activeDefault();
  expect(active?.comment).toBe('uplink:wan2');
  expect(active?.immediateGw).toBe('10.0.2.1%ether2');
  expect(
    (await onRouter())
      .filter((route) => route.comment.startsWith('uplink:') && isDefaultRoute(route))
      .map((r) => [r.comment, r.distance]),
  ).toEqual(
    expect.arrayContaining([
      ['uplink:wan2', 1],
      ['uplink:wan1', 2],
    ]),
  );

  // The router fails over by itself; the UI follows from /ip/route/listen.
  demo.router.links.set('ether2', { up: false });
  await expect(activeLink(page)).toContainText('WAN 1');
  await expect(wanItem(page, 2)).toContainText('Down');
  await expect(
    page.getByRole('list', { name: 'Sites' }).getByRole('listitem', { name: 'Branch office' }),
  ).toContainText('WAN 1');
  expect((await activeDefault())?.immediateGw).toBe('10.0.1.1%ether1');
  await screenshot(page, 'after-failover');
});

test('a keyboard reorder, Cancel restores the order shown before, Move up and Apply make WAN 2 primary', async ({
  page,
}) => {
  await start(page);
  await setUpTwoWans(page, wan1, wan2);

  const handle = wanItem(page, 1).getByRole('button', { name: 'Drag WAN 1' });
  await handle.focus();
  // Each key after what the list announces, as a screen-reader user goes: an arrow pressed in the
  // same frame as the pick-up comes before dnd-kit has measured where the WANs are, and moves nothing.
  const announced = (text: string) =>
    expect(page.getByRole('status').filter({ hasText: text })).toHaveCount(1);
  await page.keyboard.press('Space');
  // Picked up, and measured: it is over its own place.
  await announced('WAN 1 is over priority 1');
  await page.keyboard.press('ArrowDown');
  await announced('WAN 1 is over priority 2');
  await page.keyboard.press('Space');
  await expect(confirmPriority(page)).toBeVisible();
  expect(await shownOrder(page)).toEqual(['WAN 2', 'WAN 1']);

  await confirmPriority(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(confirmPriority(page)).toBeHidden();
  expect(await shownOrder(page)).toEqual(['WAN 1', 'WAN 2']);

  // Several moves before one Apply: down, up, and down again through the buttons.
  await wanItem(page, 1).getByRole('button', { name: 'Move down' }).click();
  await wanItem(page, 1).getByRole('button', { name: 'Move up' }).click();
  await expect(confirmPriority(page)).toBeHidden();
  await handle.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  expect(await shownOrder(page)).toEqual(['WAN 2', 'WAN 1']);
  await confirmPriority(page).getByRole('button', { name: 'Apply' }).click();
  await expect(activeLink(page)).toContainText('WAN 2');
  expect((await activeDefault())?.immediateGw).toBe('10.0.2.1%ether2');
});

test('a session cut during the apply: the router restores the previous distances after the grace period', async ({
  page,
}) => {
  await start(page);
  await setUpTwoWans(page, wan1, wan2);
  await page.getByLabel('Grace period (seconds)').fill('5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Save' })).toBeHidden();

  // Once the router has the new primary, it stops answering Uplink and refuses new sessions.
  let cutAt = 0;
  const stopWatching = demo.router.routes.onChange(({ changed }) => {
    for (const row of changed) {
      if (row.comment !== 'uplink:wan2' || row.distance !== '1' || cutAt) continue;
      cutAt = Date.now();
      demo.faults.all({ stall: true });
      for (let attempt = 0; attempt < 50; attempt++) demo.faults.next({ dropAfterSentences: 0 });
    }
  });
  await wanItem(page, 2).getByRole('button', { name: 'Move up' }).click();
  await confirmPriority(page).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Waiting to reach the router')).toBeVisible({ timeout: 20_000 });
  stopWatching();
  await screenshot(page, 'interrupted');
  expect(cutAt).toBeGreaterThan(0);

  // Read in-process while the router still turns every new connection away.
  const distanceOf = (comment: string) =>
    [...demo.router.routes.rows()].map(parseRoute).find((route) => route.comment === comment)?.distance;
  await expect.poll(() => distanceOf('uplink:wan1'), { timeout: 20_000 }).toBe(1);
  expect(Date.now() - cutAt).toBeGreaterThanOrEqual(4000);
  expect(distanceOf('uplink:wan2')).toBe(2);

  demo.faults.clear();
  const restored = await onRouter();
  expect(restored.find((route) => route.comment === 'uplink:wan1')?.distance).toBe(1);
  expect(restored.find((route) => route.comment === 'uplink:wan2')?.distance).toBe(2);
  await expect(
    page.getByRole('main').getByText('The router put the previous settings back by itself'),
  ).toBeVisible({
    timeout: 40_000,
  });
  await expect(activeLink(page)).toContainText('WAN 1');
  expect(await shownOrder(page)).toEqual(['WAN 1', 'WAN 2']);
  await screenshot(page, 'restored-by-router');
});

test('Deactivate lists what it removes, then leaves no uplink: route and a working default route', async ({
  page,
}) => {
  await start(page);
  await setUpTwoWans(page, wan1, wan2);
  await page.getByRole('button', { name: 'Deactivate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate WAN failover' });
  const removes = dialog.getByRole('region', { name: 'Removes' }).getByRole('listitem');
  await expect(removes).toHaveCount(4);
  await expect(removes.filter({ hasText: 'uplink:wan1:probe' })).toHaveCount(1);
  await screenshot(page, 'deactivate-dialog');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Enable' })).toBeVisible();
  await expect(priorityList(page)).toBeHidden();

  const routes = await onRouter();
  expect(routes.filter((route) => route.comment.startsWith('uplink:'))).toEqual([]);
  const active = await activeDefault();
  expect(active?.immediateGw).toBe('10.0.1.1%ether1');
  await expect(activeLink(page)).toContainText('ether1');
});

test('a gateway interface that matches no interface is refused with a clear message', async ({ page }) => {
  await start(page);
  await openFailover(page);
  await page.getByRole('button', { name: 'Enable' }).click();
  const dialog = await openConfigure(page, 2, { gateway: '10.0.2.1', interface: 'eth2' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  const field = dialog.getByLabel('Gateway interface', { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText(
    'There is no interface named “eth2” on this router. Pick one from the list: a typed name must match an interface exactly.',
  );
  await screenshot(page, 'interface-refused');
  expect((await onRouter()).filter((route) => route.comment.startsWith('uplink:'))).toEqual([]);

  await field.fill('ether2');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(wanItem(page, 2)).toContainText('via 10.0.2.1 on ether2');
});
