import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type DemoRouter, type DemoRouterOptions, startDemoRouter } from '../../electron/demo-router';
import { addSite, sessionStatus, siteItem } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

/**
 * A spec whose tests each start a demo router of their own and the web app, stopped after the test;
 * `open` adds the router as a site through its API or SSH door and connects it (SSH's key trusted).
 */
export function routerLab(password: string) {
  let demo: DemoRouter | undefined;
  let routerDir: string | undefined;
  let app: WebApp | undefined;

  test.afterEach(async () => {
    await app?.stop();
    await demo?.stop();
    if (routerDir) rmSync(routerDir, { recursive: true, force: true });
  });

  const router = () => {
    if (!demo) throw new Error('start the lab first');
    return demo;
  };
  return {
    router,
    /** The router's API for the test's own questions. */
    api: () => ({ ...router().api, password }),
    async start(options: Omit<DemoRouterOptions, 'password' | 'dataDir'>): Promise<void> {
      routerDir = mkdtempSync(join(tmpdir(), 'uplink-e2e-lab-'));
      demo = await startDemoRouter({ scenario: 'two-wan', ...options, password, dataDir: routerDir });
      app = await startWebApp();
    },
    async open(page: Page, siteName: string, transport: 'API' | 'SSH'): Promise<void> {
      await page.goto(app!.url);
      const port = transport === 'SSH' ? router().ssh!.port : router().api.port;
      await addSite(page, { name: siteName, port, password, transport });
      await siteItem(page, siteName).click();
      if ((await sessionStatus(page).textContent()) === 'Offline')
        await page.getByRole('button', { name: 'Connect', exact: true }).click();
      if (transport === 'SSH') await page.getByRole('button', { name: 'Trust and connect' }).click();
      await expect(sessionStatus(page)).toHaveText('Online');
    },
  };
}
