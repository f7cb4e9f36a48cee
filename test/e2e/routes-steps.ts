import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type DemoRouter, startDemoRouter } from '../../electron/demo-router';
import type { RouteFamily } from '../../shared/routes/route-family';
import { routeMenuOf } from '../../shared/routes/route-family';
import { routerRows } from '../routes/demo-router-api';
import { addSite, sessionStatus, siteItem } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// IP → Routes and IPv6 → Routes specs share their set-up: a two-WAN demo router and the web app,
// started before the file's tests and stopped after, and a site on it opened at the family's tab.

const tabs: Record<RouteFamily, { tab: string; grid: string }> = {
  ip: { tab: 'Routes', grid: 'Routes' },
  ipv6: { tab: 'IPv6 Routes', grid: 'IPv6 Routes' },
};

export function routesLab({
  family,
  siteName,
  password,
}: {
  family: RouteFamily;
  siteName: string;
  password: string;
}) {
  let demo: DemoRouter;
  let dataDir: string;
  let app: WebApp;
  let siteAdded = false;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `uplink-e2e-${family}-routes-`));
    demo = await startDemoRouter({ password, dataDir, sshPort: null, scenario: 'two-wan' });
    app = await startWebApp();
  });

  test.afterAll(async () => {
    console.log(app?.output());
    await app?.stop();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = () => ({ ...demo.api, password });
  const grid = (page: Page) => page.getByRole('grid', { name: tabs[family].grid, exact: true });
  return {
    api,
    /** The family's routes as the router itself has them, over its API. */
    ask: (...query: string[]) => routerRows(api(), routeMenuOf(family), ...query),
    grid,
    /** The table's rows holding every one of the texts. */
    routeRow: (page: Page, ...texts: string[]) =>
      texts.reduce((rows, text) => rows.filter({ hasText: text }), grid(page).getByRole('row')),
    /** The site (added on first use), online, at the family's tab with its grid shown. */
    async open(page: Page): Promise<void> {
      await page.goto(app.url);
      if (!siteAdded) {
        await addSite(page, { name: siteName, port: demo.api.port, password });
        siteAdded = true;
      }
      await siteItem(page, siteName).click();
      // The session outlives the page; connect only where an earlier test did not.
      const status = sessionStatus(page);
      await expect(status).toHaveText(/^(Online|Offline)$/);
      if ((await status.textContent()) === 'Offline')
        await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(status).toHaveText('Online');
      await page.getByRole('tab', { name: tabs[family].tab, exact: true }).click();
      await expect(grid(page).getByRole('columnheader', { name: 'Dst. Address', exact: true })).toBeVisible();
    },
  };
}

/**
 * A default route's change outside Safe Mode: its plan is shown before anything is sent. Checks
 * the line the plan shows, then Apply; resolves once the plan dialog has gone.
 */
export async function acceptRoutePlan(page: Page, line: string | RegExp): Promise<void> {
  const plan = page.getByRole('dialog', { name: 'Apply to the router?' });
  await expect(plan.getByRole('region', { name: 'Plan' }).getByRole('listitem')).toHaveText([line]);
  await plan.getByRole('button', { name: 'Apply' }).click();
  await expect(plan).toBeHidden();
}
