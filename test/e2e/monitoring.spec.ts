import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { DemoRouter } from '../../electron/demo-router';
import {
  activeLink,
  addAndConnect,
  applyPlan,
  openConfigure,
  openTwoWanSite,
  setUpTwoWans,
  startTwoWanRouter,
  type TwoWanRouter,
  twoWanLinks,
} from './failover-steps';
import { sessionStatus } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// Live link monitoring end to end, in web mode, against a two-wan demo router started here for each
// test: its links are changed under the app, and what runs on the router is asked of the router.

const password = 'e2e-monitor-5c1d';

let router: TwoWanRouter;
let demo: DemoRouter;
let app: WebApp;

test.beforeEach(async () => {
  router = await startTwoWanRouter(password);
  demo = router.demo;
  demo.router.links.set('ether1', { latencyMs: 20, jitterMs: 2 });
  demo.router.links.set('ether2', { latencyMs: 80, jitterMs: 6 });
  app = await startWebApp();
});

test.afterEach(async () => {
  await app.stop();
  await router.stop();
});

const figure = (page: Page, name: string) => page.getByRole('figure', { name, exact: true });
const health = (page: Page, wan: number) => page.getByRole('status', { name: `Health WAN ${wan}` });
/** The streams Uplink's monitoring has running on the router (the route tables' listens aside). */
const monitorStreams = () =>
  demo.router
    .streams()
    .filter((command) => command === '/ping' || command === '/interface/monitor-traffic')
    .sort();

/** The tab as a user sees it, in the light theme and the dark, beside the test's other output. */
async function screenshot(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: test.info().outputPath(`${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The site with both WANs configured, on the Monitor tab, with a one-minute window. */
async function monitorTwoWans(page: Page): Promise<void> {
  await page.goto(app.url);
  await openTwoWanSite(page, router);
  await page.getByRole('tab', { name: 'Monitor' }).click();
  await page.getByRole('radio', { name: '1 minute' }).check();
}

/** The lowest and highest value a graph says it shows, from its description, once it has `samples`. */
async function shownRange(chart: Locator, what: string, unit: string): Promise<[number, number]> {
  const pattern = new RegExp(`${what} from ([\\d.]+) ${unit} to ([\\d.]+) ${unit}`);
  await expect(chart).toHaveAccessibleDescription(pattern);
  const description = (await chart.getAttribute('aria-describedby')) ?? '';
  const text = await chart.page().locator(`[id="${description}"]`).textContent();
  const match = pattern.exec(text ?? '');
  return [Number(match?.[1]), Number(match?.[2])];
}

test('freshly connected, before failover: both ISP gateways measured live, each through its own link', async ({
  page,
}) => {
  await page.goto(app.url);
  await addAndConnect(page, { name: 'Branch office', port: demo.api.port, password });
  await page.getByRole('tab', { name: 'Monitor' }).click();
  await page.getByRole('radio', { name: '1 minute' }).check();
  for (const wan of [1, 2]) {
    await expect(page.getByRole('region', { name: `WAN ${wan}`, exact: true })).toContainText(
      `ISP${wan} · ether${wan} · gateway 10.0.${wan}.1`,
    );
    await expect(health(page, wan)).toHaveText('Up');
    // The ISP router one hop away answers within a millisecond or so, whatever the internet's latency.
    const [low, high] = await shownRange(figure(page, `Latency WAN ${wan}`), 'Round-trip time', 'ms');
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(5);
  }
  await expect(figure(page, 'Throughput WAN 1')).toHaveAccessibleDescription(/Download from [\d.]+ Mbit\/s/);
  await expect(page.getByRole('tab', { name: 'WAN Failover' })).toBeVisible();
  await screenshot(page, 'before-failover');
});

test('WAN 1 at 20 ms and WAN 2 at 80 ms: each latency graph shows its range, each throughput graph its link’s load', async ({
  page,
}) => {
  await monitorTwoWans(page);
  await expect(activeLink(page)).toContainText('WAN 1');
  await expect(health(page, 1)).toHaveText('Up');
  await expect(health(page, 2)).toHaveText('Up');
  // Jitter is random: the spread of a handful of samples may not show WAN 2's being three times
  // WAN 1's yet, so the ranges are read again as samples come, each bounded all along.
  await expect
    .poll(
      async () => {
        const [low1, high1] = await shownRange(figure(page, 'Latency WAN 1'), 'Round-trip time', 'ms');
        expect(low1).toBeGreaterThanOrEqual(17);
        expect(high1).toBeLessThanOrEqual(23);
        const [low2, high2] = await shownRange(figure(page, 'Latency WAN 2'), 'Round-trip time', 'ms');
        expect(low2).toBeGreaterThanOrEqual(73);
        expect(high2).toBeLessThanOrEqual(87);
        return high2 - low2 > high1 - low1 && high1 - low1 > 0;
      },
      { message: 'WAN 2’s jitter is three times WAN 1’s', timeout: 30_000, intervals: [1000] },
    )
    .toBe(true);

  // WAN 1 carries the LAN's downloads (tens of Mbit/s); WAN 2 only probes and keepalives.
  await expect(figure(page, 'Throughput WAN 1')).toHaveAccessibleDescription(/Download from [\d.]+ Mbit\/s/);
  await expect(figure(page, 'Throughput WAN 2')).toHaveAccessibleDescription(
    /Download from [\d.]+ kbit\/s to [\d.]+ kbit\/s/,
  );

  // Hovering a graph reads out the values at that time.
  const latency1 = figure(page, 'Latency WAN 1');
  const plot = latency1.locator('.u-over');
  const box = await plot.boundingBox();
  if (!box) throw new Error('the graph is not on screen');
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await expect(latency1.locator('.u-legend')).toContainText(/RTT\s*(1[7-9]|2[0-3])(\.\d)? ms/);
  await screenshot(page, 'two-wans');
});

test('30 % loss on WAN 1 turns it degraded, and the thresholds decide what degraded means', async ({
  page,
}) => {
  await monitorTwoWans(page);
  await expect(health(page, 1)).toHaveText('Up');
  demo.router.links.set('ether1', { lossPct: 30 });
  await expect(health(page, 1)).toHaveText('Degraded', { timeout: 30_000 });
  await expect(health(page, 2)).toHaveText('Up');
  await expect(figure(page, 'Latency WAN 1')).toHaveAccessibleDescription(/loss from 0 % to [1-9]\d %/);

  // A technician who tolerates more loss says so; WAN 1 is then up again.
  await page.getByRole('button', { name: 'Health thresholds' }).click();
  const dialog = page.getByRole('dialog', { name: 'Health thresholds' });
  await dialog.getByLabel('Degraded loss (%)').fill('70');
  await dialog.getByLabel('Down loss (%)').fill('60');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('The degraded loss must be below the down loss')).toBeVisible();
  await dialog.getByLabel('Down loss (%)').fill('90');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(health(page, 1)).toHaveText('Up');
  await screenshot(page, 'degraded');
});

test('WAN 1 down switches the active link, marks the graphs and logs the failover with its time, on disk and as CSV', async ({
  page,
}) => {
  await monitorTwoWans(page);
  await expect(activeLink(page)).toContainText('WAN 1');
  await expect(health(page, 1)).toHaveText('Up');
  const before = Date.now();
  demo.router.links.set('ether1', { up: false });

  await expect(activeLink(page)).toContainText('WAN 2');
  await expect(health(page, 1)).toHaveText('Down', { timeout: 30_000 });
  const log = page.getByRole('table', { name: 'Failover log' });
  const failover = log.getByRole('row').filter({ hasText: 'Failover' }).filter({ hasText: 'WAN 1 down' });
  await expect(failover.getByRole('cell')).toHaveText([/./, 'Failover', 'WAN 1', 'WAN 2', 'WAN 1 down']);
  const at = Date.parse((await failover.locator('time').getAttribute('datetime')) ?? '');
  expect(at).toBeGreaterThanOrEqual(before);
  expect(at).toBeLessThanOrEqual(Date.now());
  await expect(log.getByRole('row').filter({ hasText: 'Link down' })).toContainText('WAN 1 down');
  await expect(figure(page, 'Latency WAN 1')).toHaveAccessibleDescription(/Marked: .*Failover WAN 1 → WAN 2/);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await download).path()) ?? '', 'utf8');
  expect(csv.split('\r\n')[0]).toBe('time,event,from,to,cause');
  expect(csv).toContain(`${new Date(at).toISOString()},Failover,WAN 1,WAN 2,WAN 1 down\r\n`);
  await screenshot(page, 'failover');

  // The log is on disk: a fresh page (and its fresh store) shows it again.
  await page.reload();
  await page.getByRole('list', { name: 'Sites' }).getByRole('listitem', { name: 'Branch office' }).click();
  await page.getByRole('tab', { name: 'Monitor' }).click();
  await expect(
    page
      .getByRole('table', { name: 'Failover log' })
      .getByRole('row')
      .filter({ hasText: 'WAN 1 down' })
      .first(),
  ).toBeVisible();
});

test('measured in the background while online: another site shown keeps the streams, a disconnect cancels them, and the time offline is drawn as a gap', async ({
  page,
}) => {
  await monitorTwoWans(page);
  // WAN 1, WAN 2, and the LTE modem's default route (left out of failover) to its gateway.
  const measuring = ['/interface/monitor-traffic', '/ping', '/ping', '/ping'];
  await expect.poll(monitorStreams).toEqual(measuring);
  await expect(page.getByRole('button', { name: 'Sites monitored at once: 50' })).toHaveAccessibleDescription(
    'all 2 online sites measured',
  );

  const sites = page.getByRole('list', { name: 'Sites' });
  await sites.getByRole('listitem', { name: 'Demo router' }).click();
  await page.waitForTimeout(2000);
  expect(monitorStreams(), 'another site shown: still measured here').toEqual(measuring);
  await sites.getByRole('listitem', { name: 'Branch office' }).click();
  await expect(sessionStatus(page)).toHaveText('Online');
  const latency = figure(page, 'Latency WAN 1');
  await expect(latency).toHaveAccessibleDescription(/Round-trip time from/);
  await expect(latency, 'measured while away: no gap').not.toHaveAccessibleDescription(/No data/);
  expect(monitorStreams(), 'shown again: one set of streams, none piled up').toEqual(measuring);

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(sessionStatus(page)).toHaveText('Offline');
  await expect.poll(() => demo.router.streams()).toEqual([]);
  await expect(page.getByText('Offline: monitoring is paused')).toBeVisible();
  await page.waitForTimeout(7000);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(sessionStatus(page)).toHaveText('Online');
  await expect(latency).toHaveAccessibleDescription(/No data from .+ to .+\./, { timeout: 15_000 });
  await expect.poll(monitorStreams).toEqual(measuring);
  await page.waitForTimeout(3000);
  await screenshot(page, 'gap');
});

test('WAN 1 judged by three probe hosts: each measured and graphed by name, one silent host leaves the WAN up as its all-fail rule says', async ({
  page,
}) => {
  await page.goto(app.url);
  await addAndConnect(page, { name: 'Branch office', port: demo.api.port, password });
  await setUpTwoWans(page);
  const dialog = await openConfigure(page, 1, { ...twoWanLinks[0], probe: '1.1.1.1' });
  await dialog.getByRole('checkbox', { name: 'Judge this link by loss, round trip and jitter' }).check();
  await dialog.getByLabel('Second probe host').fill('1.0.0.1');
  await dialog.getByLabel('Third probe host').fill('8.8.4.4');
  await dialog.getByRole('radio', { name: 'All probe hosts fail' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await applyPlan(page, 'Configure WAN 1: plan');

  await page.getByRole('tab', { name: 'Monitor' }).click();
  await page.getByRole('radio', { name: '1 minute' }).check();
  const wan1 = page.getByRole('region', { name: 'WAN 1', exact: true });
  await expect(wan1).toContainText('probes 1.1.1.1, 1.0.0.1, 8.8.4.4');
  const hosts = page.getByRole('table', { name: 'Probe hosts WAN 1' });
  await expect(hosts).toContainText('WAN 1 is down when all its probe hosts fail');
  const row = (host: string) =>
    hosts.getByRole('row').filter({ has: page.getByRole('rowheader', { name: host }) });
  for (const host of ['1.1.1.1', '1.0.0.1', '8.8.4.4'])
    await expect(row(host).getByRole('cell')).toHaveText(['Up', /^(1[7-9]|2[0-3])(\.\d)? ms$/, /ms$/, /%$/], {
      timeout: 15_000,
    });
  // Each host's round trips, named, in the graph and its description; WAN 2 keeps its one probe.
  const latency = figure(page, 'Latency WAN 1');
  await expect(latency).toHaveAccessibleDescription(
    /Round-trip time to 1\.1\.1\.1 from [\d.]+ ms .*Round-trip time to 1\.0\.0\.1 from [\d.]+ ms .*Round-trip time to 8\.8\.4\.4 from [\d.]+ ms/,
  );
  await expect(latency.locator('.u-legend')).toContainText('RTT 8.8.4.4');
  await expect(latency.locator('.u-legend')).toContainText('Loss 1.0.0.1');
  await expect(page.getByRole('table', { name: 'Probe hosts WAN 2' })).toHaveCount(0);
  await screenshot(page, 'probe-hosts');

  // One host stops answering: it is down, the WAN is not (all three must fail), traffic stays.
  demo.router.links.setHostAnswers('8.8.4.4', false);
  await expect(row('8.8.4.4').getByRole('cell').first()).toHaveText('Down', { timeout: 20_000 });
  await expect(row('1.1.1.1').getByRole('cell').first()).toHaveText('Up');
  await expect(health(page, 1)).toHaveText('Up');
  await expect(activeLink(page)).toContainText('WAN 1');
  await screenshot(page, 'probe-host-down');
});
