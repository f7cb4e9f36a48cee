import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { DemoRouter } from '../../electron/demo-router';
import { hasFlag, isDefaultRoute, parseRoute } from '../../shared/routes/route';
import {
  activeDefaultOnRouter,
  activeLink,
  addAndConnect,
  applyPlan,
  applyPriority,
  configureWan,
  confirmPriority,
  dragAbove,
  openConfigure,
  openFailover,
  planDialog,
  priorityList,
  routesOnRouter,
  setUpTwoWans,
  shownOrder,
  startTwoWanRouter,
  type TwoWanRouter,
  themedScreenshots,
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

const onRouter = () => routesOnRouter(demo, password);
const activeDefault = () => activeDefaultOnRouter(demo, password);

const screenshot = (page: Page, name: string) => themedScreenshots(page, screens, name);

async function start(page: Page): Promise<void> {
  await page.goto(app.url);
  await addAndConnect(page, { name: 'Branch office', port: demo.api.port, password });
}

test('enable by hand, configure both WANs (Save changes nothing before Apply), drag WAN 2 above WAN 1, Apply: the router’s active default route goes through WAN 2', async ({
  page,
}) => {
  await start(page);
  await openFailover(page);
  await page.getByRole('button', { name: 'Enable' }).click();
  await page
    .getByRole('dialog', { name: 'Enable WAN failover' })
    .getByRole('button', { name: 'Set up by hand' })
    .click();
  await expect(wanItem(page, 1)).toContainText('Not configured');
  await expect(wanItem(page, 1)).toContainText('Primary Link');
  await expect(wanItem(page, 2)).toContainText('First Failover');
  await screenshot(page, 'unconfigured');

  // Save only shows the plan: the router is untouched until Apply.
  const dialog = await openConfigure(page, 1, wan1);
  await dialog.getByRole('button', { name: 'Save' }).click();
  const plan = planDialog(page, 'Configure WAN 1: plan');
  await expect(plan.getByRole('region', { name: 'Plan' })).toContainText(
    'WAN 1 (ISP1) default route: add, through probe host 1.1.1.1 checked by ping, distance 1',
  );
  await expect(plan).toContainText('/ip route add dst-address=1.1.1.1/32 gateway=10.0.1.1%ether1');
  expect((await onRouter()).filter((route) => route.comment.startsWith('uplink:'))).toEqual([]);
  await screenshot(page, 'configure-plan');
  await applyPlan(page, 'Configure WAN 1: plan');
  await expect(page.getByRole('main')).toContainText(
    /Applied at \d\d:\d\d:\d\d — active link ISP1 \(ether1\) — confirmed/,
  );
  await configureWan(page, 2, wan2);
  await expect(
    page.getByText('2 default routes Uplink did not make have the same or a lower distance than a WAN'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Move behind the WANs' }).click();
  const renumber = planDialog(page, 'Move the other default routes behind the WANs');
  await expect(renumber.getByRole('listitem')).toHaveCount(3);
  await expect(renumber).toContainText('ISP1 default route: distance 1 → 3');
  await applyPlan(page, 'Move the other default routes behind the WANs');
  await expect(activeLink(page)).toContainText('WAN 1');
  await expect(wanItem(page, 1)).toContainText('Active');
  await screenshot(page, 'configured');

  await dragAbove(page, 2, 1);
  expect(await shownOrder(page)).toEqual(['WAN 2', 'WAN 1']);
  await expect(confirmPriority(page)).toBeVisible();
  await expect(wanItem(page, 2)).toContainText('Primary Link');
  expect((await activeDefault())?.comment, 'nothing reaches the router before Apply').toBe('uplink:wan1');
  await screenshot(page, 'pending-reorder');

  await applyPriority(page);
  await expect(activeLink(page)).toContainText('WAN 2');
  await expect(confirmPriority(page)).toBeHidden();
  await expect(page.getByRole('main')).toContainText(
    /Applied at \d\d:\d\d:\d\d — active link ISP2 \(ether2\) — confirmed/,
  );
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
  await setUpTwoWans(page);

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
  await announced('WAN 1 is over priority 1');
  await page.keyboard.press('ArrowDown');
  await announced('WAN 1 is over priority 2');
  await page.keyboard.press('Space');
  await expect(confirmPriority(page)).toBeVisible();
  expect(await shownOrder(page)).toEqual(['WAN 2', 'WAN 1']);
  await applyPriority(page);
  await expect(activeLink(page)).toContainText('WAN 2');
  expect((await activeDefault())?.immediateGw).toBe('10.0.2.1%ether2');
});

test('a session cut during the apply: the router restores the previous distances after the grace period', async ({
  page,
}) => {
  await start(page);
  await setUpTwoWans(page);
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
  const plan = planDialog(page, 'Confirm Priority: plan');
  await expect(plan.getByRole('region', { name: 'Plan' })).toBeVisible();
  await plan.getByRole('button', { name: 'Apply' }).click();
  // The plan gives way to the tab, which says when the router will put the old order back.
  await expect(plan).toBeHidden({ timeout: 20_000 });
  const waiting = page.getByRole('status').filter({ hasText: 'Waiting to reach the router' });
  await expect(waiting).toContainText(/puts the previous settings back by itself at \d\d:\d\d:\d\d/);
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
    page.getByRole('main').getByText('the router put them back by itself when the', { exact: false }),
  ).toBeVisible({
    timeout: 40_000,
  });
  await expect(activeLink(page)).toContainText('WAN 1');
  expect(await shownOrder(page)).toEqual(['WAN 1', 'WAN 2']);
  await expect(waiting).toBeHidden();
  await screenshot(page, 'restored-by-router');
});

test('Deactivate keeps the link carrying traffic and puts back the distances Enable moved', async ({
  page,
}) => {
  await start(page);
  await setUpTwoWans(page);
  await wanItem(page, 2).getByRole('button', { name: 'Move up' }).click();
  await applyPriority(page);
  await expect(activeLink(page)).toContainText('WAN 2');
  const before = (await activeDefault())?.immediateGw;
  expect(before).toBe('10.0.2.1%ether2');

  await page.getByRole('button', { name: 'Deactivate' }).click();
  const dialog = planDialog(page, 'Deactivate WAN failover');
  const lines = dialog.getByRole('region', { name: 'Plan' }).getByRole('listitem');
  await expect(lines.filter({ hasText: 'WAN 1 (ISP1) probe route: remove' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'ISP2 default route: distance 4 → 1' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'ISP1 default route: distance 3 → 2' })).toHaveCount(1);
  await expect(dialog).toContainText('Afterwards the active link is ISP2 (ether2)');
  await dialog.getByText('RouterOS commands').click();
  await expect(dialog.locator('pre')).not.toContainText('*');
  await screenshot(page, 'deactivate-dialog');
  await applyPlan(page, 'Deactivate WAN failover');
  await expect(page.getByRole('button', { name: 'Enable' })).toBeVisible();
  await expect(priorityList(page)).toBeHidden();
  await expect(page.getByRole('main')).toContainText(/active link ISP2 \(ether2\) — confirmed/);

  const routes = await onRouter();
  expect(routes.filter((route) => route.comment.startsWith('uplink:'))).toEqual([]);
  expect((await activeDefault())?.immediateGw).toBe(before);
  expect(
    routes
      .filter((route) => isDefaultRoute(route) && !hasFlag(route, 'dynamic'))
      .map((route) => [route.comment, route.distance])
      .sort(),
  ).toEqual([
    ['ISP1', 2],
    ['ISP2', 1],
  ]);
  await expect(activeLink(page)).toContainText('ether2');
});

test('Enable proposes the router’s ISP routes as named WANs and changes nothing until the plan is applied', async ({
  page,
}) => {
  await start(page);
  await openFailover(page);
  await page.getByRole('button', { name: 'Enable' }).click();
  const adopt = page.getByRole('dialog', { name: 'Enable WAN failover' });
  const proposed = adopt.getByRole('list', { name: 'Proposed WANs' }).getByRole('checkbox');
  await expect(proposed).toHaveCount(3);
  await expect(adopt.getByRole('checkbox', { name: 'ISP1: via 10.0.1.1 on ether1' })).toBeChecked();
  await expect(adopt.getByRole('checkbox', { name: 'ISP2: via 10.0.2.1 on ether2' })).toBeChecked();
  await adopt.getByRole('checkbox', { name: /^ether3/ }).uncheck();
  await screenshot(page, 'adopt');
  await adopt.getByRole('button', { name: 'Review plan' }).click();
  const plan = planDialog(page, 'Enable WAN failover: plan');
  await expect(plan.getByRole('region', { name: 'Plan' })).toContainText(
    'WAN 2 (ISP2) probe route: add, to probe host 9.9.9.9/32 through 10.0.2.1 on ether2',
  );
  await expect(plan).toContainText('Afterwards the active link is ISP1 (ether1)');
  expect((await onRouter()).filter((route) => route.comment.startsWith('uplink:'))).toEqual([]);
  await screenshot(page, 'enable-plan');
  await applyPlan(page, 'Enable WAN failover: plan');

  await expect(wanItem(page, 1)).toContainText('ISP1');
  await expect(wanItem(page, 2)).toContainText('ISP2');
  await expect(wanItem(page, 1)).toContainText('Active');
  await expect(page.getByRole('main')).toContainText(
    /Applied at \d\d:\d\d:\d\d — active link ISP1 \(ether1\) — confirmed/,
  );
  const ours = (await onRouter()).filter((route) => route.comment.startsWith('uplink:'));
  expect(ours).toHaveLength(4);
  expect((await activeDefault())?.comment).toBe('uplink:wan1');
});

test('a gateway interface that matches no interface is refused with a clear message', async ({ page }) => {
  await start(page);
  await openFailover(page);
  await page.getByRole('button', { name: 'Enable' }).click();
  await page
    .getByRole('dialog', { name: 'Enable WAN failover' })
    .getByRole('button', { name: 'Set up by hand' })
    .click();
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
  await applyPlan(page, 'Configure WAN 2: plan');
  await expect(wanItem(page, 2)).toContainText('via 10.0.2.1 on ether2');
});
