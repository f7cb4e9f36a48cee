import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { type DemoRouter, startDemoRouter } from '../../electron/demo-router';
import { readFailoverRoutes } from '../../electron/failover/router-reads';
import { connectRouter } from '../../electron/routeros/connect-router';
import { hasFlag, isDefaultRoute, type Route } from '../../shared/routes/route';
import { addSite, type NewSite, sessionStatus } from './site-steps';

// The guide's WAN failover steps as a technician does them in the UI, shared by the end-to-end
// tests and the benchmark that times Apply in Chromium. Everything is found by role and name.

export interface WanSettings {
  gateway: string;
  interface: string;
  probe?: string;
}

export const priorityList = (page: Page) => page.getByRole('list', { name: 'WAN priority' });
export const wanItem = (page: Page, wan: number) =>
  priorityList(page).getByRole('listitem', { name: `WAN ${wan}`, exact: true });
/** The router's default routes and Uplink's probes, asked over an API connection of the test's own. */
export async function routesOnRouter(demo: DemoRouter, password: string): Promise<Route[]> {
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

/** The default route the router is using now, asked behind the app's back. */
export const activeDefaultOnRouter = async (demo: DemoRouter, password: string) =>
  (await routesOnRouter(demo, password)).find((route) => isDefaultRoute(route) && hasFlag(route, 'active'));

export const activeLink = (page: Page) => page.getByRole('status', { name: 'Active link' });
export const confirmPriority = (page: Page) => page.getByRole('group', { name: 'Confirm Priority' });

/** The two-wan scenario's links, as the technician types them in. */
export const twoWanLinks: readonly [WanSettings, WanSettings] = [
  { gateway: '10.0.1.1', interface: 'ether1' },
  { gateway: '10.0.2.1', interface: 'ether2' },
];

export interface TwoWanRouter {
  demo: DemoRouter;
  password: string;
  stop(): Promise<void>;
}

/**
 * A two-wan demo router of the caller's own; gateways are checked every 200 ms, so a failover shows
 * at once. Its SSH door is open when `ssh` says so.
 */
export async function startTwoWanRouter(
  password: string,
  options: { ssh?: boolean } = {},
): Promise<TwoWanRouter> {
  const dataDir = mkdtempSync(join(tmpdir(), 'uplink-two-wan-'));
  const demo = await startDemoRouter({
    password,
    dataDir,
    sshPort: options.ssh ? 0 : null,
    scenario: 'two-wan',
    checkGatewayIntervalMs: 200,
  });
  return {
    demo,
    password,
    stop: async () => {
      demo.faults.clear();
      await demo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** From the app's first page: the router added as a site and connected, failover on with both WANs. */
export async function openTwoWanSite(
  page: Page,
  router: TwoWanRouter,
  name = 'Branch office',
): Promise<void> {
  await addAndConnect(page, { name, port: router.demo.api.port, password: router.password });
  await setUpTwoWans(page);
}

/** Adds a site for the router at `port` (API, user admin) and connects to it. */
export async function addAndConnect(page: Page, site: NewSite): Promise<void> {
  await addSite(page, site);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(sessionStatus(page)).toHaveText('Online');
}

export async function openFailover(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'WAN Failover' }).click();
}

/** The gear, the dialog, Save, then Apply in its plan; resolves once the WAN is on the router. */
export async function configureWan(page: Page, wan: number, settings: WanSettings): Promise<void> {
  const dialog = await openConfigure(page, wan, settings);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await applyPlan(page, `Configure WAN ${wan}: plan`);
}

/** The plan dialog a change opens: its lines read from the router, Apply, and the dialog gone. */
export const planDialog = (page: Page, title: string) => page.getByRole('dialog', { name: title });

export async function applyPlan(page: Page, title: string): Promise<void> {
  const dialog = planDialog(page, title);
  await expect(dialog.getByRole('region', { name: 'Plan' })).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
}

/** Confirm Priority's Apply, then Apply in the plan it shows. */
export async function applyPriority(page: Page): Promise<void> {
  await confirmPriority(page).getByRole('button', { name: 'Apply' }).click();
  await applyPlan(page, 'Confirm Priority: plan');
}

export async function openConfigure(page: Page, wan: number, settings: WanSettings): Promise<Locator> {
  await wanItem(page, wan)
    .getByRole('button', { name: `Configure WAN ${wan}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Configure WAN ${wan}` });
  await dialog.getByLabel('Gateway', { exact: true }).fill(settings.gateway);
  await dialog.getByLabel('Gateway interface', { exact: true }).fill(settings.interface);
  if (settings.probe) await dialog.getByLabel('Probe host', { exact: true }).fill(settings.probe);
  return dialog;
}

/**
 * Enable, adopting the two-wan site's ISP routes as WAN 1 and WAN 2 (the LTE route left out), then
 * Apply in the plan: the WANs added and the routes that were there moved behind them.
 */
export async function setUpTwoWans(page: Page): Promise<void> {
  await openFailover(page);
  await page.getByRole('button', { name: 'Enable' }).click();
  const adopt = page.getByRole('dialog', { name: 'Enable WAN failover' });
  await adopt.getByRole('checkbox', { name: /^ether3: via 192\.168\.8\.1/ }).uncheck();
  await adopt.getByRole('button', { name: 'Review plan' }).click();
  await applyPlan(page, 'Enable WAN failover: plan');
  await expect(wanItem(page, 2)).toContainText('Standby');
  await expect(page.getByRole('button', { name: 'Move behind the WANs' })).toBeHidden();
}

/** A real mouse drag by the handle, in small steps, so the pointer sensor sees a drag. */
export async function dragAbove(page: Page, wan: number, target: number): Promise<void> {
  const handle = wanItem(page, wan).getByRole('button', { name: `Drag WAN ${wan}` });
  const from = await handle.boundingBox();
  const to = await wanItem(page, target).boundingBox();
  if (!from || !to) throw new Error('the WANs are not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 8, { steps: 4 });
  await page.mouse.move(from.x + from.width / 2, to.y + to.height / 4, { steps: 12 });
  await page.mouse.up();
}

/** The WANs in the list's order, top first. */
export async function shownOrder(page: Page): Promise<string[]> {
  return priorityList(page)
    .getByRole('listitem')
    .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
}

/** The page as a user sees it, in the light theme and the dark: `<dir>/<name>-light.png` and `-dark.png`. */
export async function themedScreenshots(page: Page, dir: string, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(dir, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
