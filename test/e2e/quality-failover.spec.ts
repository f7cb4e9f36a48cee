import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { DemoRouter } from '../../electron/demo-router';
import { readQualityRows } from '../../electron/failover/router-reads';
import { connectRouter } from '../../electron/routeros/connect-router';
import { readQuality } from '../../shared/failover/quality';
import {
  activeLink,
  addAndConnect,
  applyPlan,
  openConfigure,
  openFailover,
  planDialog,
  setUpTwoWans,
  startTwoWanRouter,
  type TwoWanRouter,
  themedScreenshots,
  twoWanLinks,
  wanItem,
} from './failover-steps';
import { sessionStatus } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// Quality-aware failover end to end, in web mode: the technician sets WAN 1's probe hosts and
// thresholds in Configure WAN; with the app disconnected, a brownout on WAN 1 makes the router
// move traffic to WAN 2 by itself; on reconnect the failover log says what the router saw; the link
// heals and traffic returns only after the hold time. The router's state is asked of the router.

const password = 'e2e-quality-5c1d';
const [wan1] = twoWanLinks;
const screens = join(__dirname, '../../test-results/quality-failover-screens');
/** Short, so the test waits seconds, not the default half minute; still long enough to measure. */
const holdSeconds = 8;

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

const screenshot = (page: Page, name: string) => themedScreenshots(page, screens, name);

/** Which WAN's default route carries traffic, asked of the router model. */
const carrying = () =>
  [...demo.router.routes.rows()].find((row) => row['dst-address'] === '0.0.0.0/0' && row.active === 'true')
    ?.comment;

test('WAN 1 set up with two probe hosts and thresholds; a brownout moves traffic with the app away; the log says why; traffic returns after the hold', async ({
  page,
}) => {
  // The router's own timing runs in real time here: a brownout, a reconnect and the hold time.
  test.setTimeout(120_000);
  await page.goto(app.url);
  await addAndConnect(page, { name: 'Branch office', port: demo.api.port, password });
  await setUpTwoWans(page);

  const dialog = await openConfigure(page, 1, { ...wan1, probe: '1.1.1.1' });
  await dialog.getByRole('checkbox', { name: 'Judge this link by loss, round trip and jitter' }).check();
  await dialog.getByLabel('Second probe host').fill('1.0.0.1');
  await dialog.getByRole('radio', { name: 'All probe hosts fail' }).check();
  await dialog.getByLabel('Loss threshold (%)').fill('20');
  await dialog.getByLabel('Round trip threshold (ms)').fill('400');
  await dialog.getByLabel('Jitter threshold (ms)').fill('300');
  await dialog.getByLabel('Failback hold time (s)').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Enter seconds')).toBeVisible();
  await dialog.getByLabel('Failback hold time (s)').fill(String(holdSeconds));
  await screenshot(page, 'configure-wan');
  await dialog.getByRole('button', { name: 'Save' }).click();

  // The plan says what the watch is, in words, with its commands one click away.
  const plan = planDialog(page, 'Configure WAN 1: plan').getByRole('region', { name: 'Plan' });
  await expect(plan).toContainText(
    'WAN 1 (ISP1) quality probe 2, of 1.0.0.1: add, down on loss > 20 %, round trip > 400ms, jitter > 300ms',
  );
  await expect(plan).toContainText(
    `WAN 1 (ISP1) verdict script: add (down-when=all hold=${holdSeconds}s clear-connections=no)`,
  );
  await screenshot(page, 'configure-plan');
  await applyPlan(page, 'Configure WAN 1: plan');

  // On the router, as typed: two probes for WAN 1 with its thresholds, its verdict script.
  const { client } = await connectRouter(
    { ...demo.api, transport: 'api', user: 'admin', password },
    { connectTimeoutMs: 5000, callTimeoutMs: 5000 },
    async () => undefined,
  );
  try {
    expect(readQuality(await readQualityRows(client), 1)).toEqual({
      moreProbes: ['1.0.0.1'],
      downWhen: 'all',
      lossPercent: 20,
      rttMs: 400,
      jitterMs: 300,
      holdSeconds,
      clearConnections: false,
    });
  } finally {
    await client.close();
  }
  await expect(wanItem(page, 1)).toContainText('Router: up (2 of 2 probe hosts answer well)', {
    timeout: 15_000,
  });
  await expect(activeLink(page)).toContainText('WAN 1');
  await screenshot(page, 'watched');

  // Uplink goes away; the brownout comes; the router alone moves traffic.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(sessionStatus(page)).toHaveText('Offline');
  demo.router.links.set('ether1', { lossPct: 40 });
  await expect.poll(carrying, { timeout: 10_000 }).toBe('uplink:wan2');

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(sessionStatus(page)).toHaveText('Online');
  await expect(activeLink(page)).toContainText('WAN 2');
  await expect(wanItem(page, 1)).toContainText('Down');
  await expect(wanItem(page, 1)).toContainText(/Router: down, loss \d+ % > 20 % on 1\.1\.1\.1/);
  await screenshot(page, 'verdict-down');
  await page.getByRole('tab', { name: 'Monitor' }).click();
  const log = page.getByRole('table', { name: 'Failover log' });
  await expect(log.getByRole('row').filter({ hasText: 'Router failed over' })).toContainText(
    /loss \d+ % > 20 % on (1\.1\.1\.1 and 1\.0\.0\.1|1\.0\.0\.1 and 1\.1\.1\.1)/,
  );
  await screenshot(page, 'router-failover-logged');

  // The link heals: healthy at once, but traffic waits out the hold time.
  await openFailover(page);
  demo.router.links.set('ether1', { lossPct: 0 });
  await expect(wanItem(page, 1)).toContainText('waiting out the hold time', { timeout: 10_000 });
  const healed = Date.now();
  expect(carrying()).toBe('uplink:wan2');
  await expect(activeLink(page)).toContainText('WAN 1', { timeout: (holdSeconds + 10) * 1000 });
  expect(Date.now() - healed).toBeGreaterThanOrEqual((holdSeconds - 3) * 1000);
  await expect(wanItem(page, 1)).toContainText('Active');
});
