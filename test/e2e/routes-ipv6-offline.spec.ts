import { writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import type { SiteSnapshot } from '../../shared/drafts/draft';
import { routerCommand, routerRows } from '../routes/demo-router-api';
import { E2E_CHANNELS } from '../support/channels';
import { themedScreenshots } from './failover-steps';
import { offlineLab } from './offline-steps';
import { addSite, sessionStatus } from './site-steps';

// IPv6 → Routes offline is the IPv4 table's twin: the site's snapshot keeps /ipv6/route, the tab
// shows it with every column, sort, Find, toolbar, menu and key, its edits go to the draft, and on
// reconnect the draft is applied as a plan, over the API and over the SSH console. What the router
// holds is asked of the router itself.

const password = 'e2e-offline-v6-93d1';
const screens = 'test-results/screens/routes-ipv6-offline';
const offline = offlineLab({ name: 'offline-v6', password });
const api = () => offline.api();
const siteName = 'Dual-stack branch';

test.beforeEach(async () => {
  for (const [dst, distance] of [
    ['2001:db8:20::/48', '5'],
    ['2001:db8:21::/48', '3'],
  ] as const) {
    await routerCommand(
      api(),
      '/ipv6/route/add',
      `=dst-address=${dst}`,
      '=gateway=2001:db8:2::1',
      `=distance=${distance}`,
      '=comment=lab6',
    );
  }
});

const ipv6 = (...query: string[]) => routerRows(api(), '/ipv6/route', ...query);
const snapshot = () => offline.profileFile<SiteSnapshot>(siteName, 'snapshot.json');
const grid = (page: Page) => page.getByRole('grid', { name: 'IPv6 Routes', exact: true });
const row = (page: Page, ...texts: string[]) =>
  texts.reduce((rows, text) => rows.filter({ hasText: text }), grid(page).getByRole('row'));
const bodyDsts = (page: Page) => grid(page).locator('td.routes-col-dstAddress').allTextContents();
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Route actions' });
const draftPanel = (page: Page) => page.getByRole('region', { name: 'Draft' });

/** The site added over `channel`, online, at its IPv6 tab; resolves once its snapshot holds the IPv6 routes above. */
async function openOnline(page: Page, channel: (typeof E2E_CHANNELS)[number]) {
  await page.goto(offline.app().url);
  const ssh = channel === 'ssh-cli';
  await addSite(page, {
    name: siteName,
    port: ssh ? offline.doors().ssh!.port : offline.doors().api.port,
    password,
    ...(ssh && { transport: 'SSH' as const }),
  });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  if (ssh) await page.getByRole('button', { name: 'Trust and connect' }).click();
  await expect(sessionStatus(page)).toHaveText('Online', { timeout: 20_000 });
  await page.getByRole('tab', { name: 'IPv6 Routes', exact: true }).click();
  await expect(row(page, '2001:db8:21::/48')).toBeVisible();
  await expect
    .poll(() => snapshot()?.ipv6Routes?.some((route) => route.dstAddress === '2001:db8:21::/48') ?? false, {
      timeout: 20_000,
    })
    .toBe(true);
}

for (const channel of E2E_CHANNELS) {
  test(`over ${channel}: offline, the IPv6 table sorts, finds and edits into the draft; on reconnect the plan is applied and read back from the router`, async ({
    page,
  }) => {
    await openOnline(page, channel);
    const [isp1] = await ipv6('?comment=ISP1');
    const [isp2] = await ipv6('?comment=ISP2');
    const plugIn = await offline.unplug();
    await expect(sessionStatus(page)).not.toHaveText('Online');
    await expect(page.getByRole('status').filter({ hasText: 'Offline: the snapshot of' })).toBeVisible();
    await expect(row(page, '::/0', 'ISP2')).toBeVisible();
    // Only IPv6 routes: the IPv4 snapshot is the Routes tab's.
    await expect(row(page, '0.0.0.0/0')).toHaveCount(0);

    // The whole toolbar, every column, sort and Find, as online.
    for (const action of ['Add', 'Remove', 'Enable', 'Disable', 'Comment'])
      await expect(toolbar(page).getByRole('button', { name: action, exact: true })).toBeVisible();
    await expect(grid(page).getByRole('columnheader', { name: 'Target Scope' })).toBeVisible();
    const find = page.getByRole('form', { name: 'Find routes' });
    await find.getByLabel('Find value').fill('2001:db8:20::/44');
    await find.getByLabel('Find value').press('Enter');
    await expect(grid(page).getByRole('row')).toHaveCount(3);
    await grid(page).getByRole('columnheader', { name: 'Distance', exact: true }).click();
    await expect.poll(() => bodyDsts(page)).toEqual(['2001:db8:21::/48', '2001:db8:20::/48']);

    // The context menu's Disable: into the draft, marked.
    await row(page, '2001:db8:20::/48').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    await expect(row(page, '2001:db8:20::/48').locator('.routes-col-flags')).toHaveText(/X/);
    await expect(row(page, '2001:db8:20::/48').locator('.routes-col-flags')).toHaveClass(
      /routes-cell-edited/,
    );
    // Delete on the other, after one confirmation.
    await row(page, '2001:db8:21::/48').click();
    await page.keyboard.press('Delete');
    const confirm = page.getByRole('dialog', { name: 'Remove route?' });
    await expect(confirm).toContainText('in the draft');
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(row(page, '2001:db8:21::/48')).toHaveCount(0);

    // The default route's distance by double-click, as online: the dialog offers what IPv6 has.
    await page.getByRole('button', { name: /^Remove condition/ }).click();
    await row(page, '::/0', 'ISP2').dblclick();
    const dialog = page.getByRole('dialog', { name: 'Route ::/0' });
    await expect(dialog.getByLabel('Pref. Source', { exact: true })).toHaveCount(0);
    await dialog.getByLabel('Distance', { exact: true }).fill('42');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
    await expect(row(page, '::/0', 'ISP2').locator('.routes-col-distance')).toHaveText('42');

    // Add: an IPv4 gateway is refused before anything is kept; a pinned link-local one is added.
    await toolbar(page).getByRole('button', { name: 'Add', exact: true }).click();
    const adding = page.getByRole('dialog', { name: 'New Route' });
    await adding.getByLabel('Dst. Address', { exact: true }).fill('2001:db8:29::/48');
    const gateway = adding.getByLabel('Gateway', { exact: true });
    await gateway.fill('10.0.2.1');
    await adding.getByRole('button', { name: 'OK' }).click();
    await expect(adding).toContainText('Enter an IPv6 gateway or an interface');
    await gateway.fill('fe80::9%ether2');
    await adding.getByLabel('Comment', { exact: true }).fill('lab6');
    await adding.getByRole('button', { name: 'OK' }).click();
    await expect(adding).toBeHidden();
    await expect(row(page, '2001:db8:29::/48')).toHaveClass(/routes-row-drafted/);
    await expect(draftPanel(page)).toContainText('Draft: 4 changes made offline');
    await themedScreenshots(page, screens, `offline-ipv6-${channel}`);

    // Back online: the plan in /ipv6 route, then Apply.
    await plugIn();
    expect((await ipv6('?comment=ISP2'))[0]?.distance, 'nothing reached the router offline').toBe(
      isp2?.distance,
    );
    await expect(sessionStatus(page)).toHaveText('Online', { timeout: 30_000 });
    const commands = draftPanel(page).getByRole('figure', { name: 'Plan commands' });
    await expect(commands).toContainText(
      '/ipv6 route set [find where dst-address="::/0" and comment="ISP2"] distance=42',
    );
    await expect(commands).toContainText(
      '/ipv6 route set [find where dst-address="2001:db8:20::/48" and comment="lab6"] disabled=yes',
    );
    await expect(commands).toContainText(
      '/ipv6 route remove [find where dst-address="2001:db8:21::/48" and comment="lab6"]',
    );
    await expect(commands).toContainText(
      '/ipv6 route add dst-address=2001:db8:29::/48 gateway=fe80::9%ether2',
    );
    await draftPanel(page).getByRole('button', { name: 'Apply' }).click();
    await expect(draftPanel(page)).toBeHidden({ timeout: 15_000 });

    // Read back from the router.
    expect((await ipv6('?comment=ISP2'))[0]).toMatchObject({ distance: '42', gateway: isp2?.gateway });
    expect((await ipv6('?comment=ISP1'))[0]).toMatchObject({ distance: isp1?.distance, disabled: 'false' });
    expect(await ipv6('?dst-address=2001:db8:20::/48')).toMatchObject([{ disabled: 'true' }]);
    expect(await ipv6('?dst-address=2001:db8:21::/48')).toEqual([]);
    expect(await ipv6('?dst-address=2001:db8:29::/48')).toMatchObject([
      { gateway: 'fe80::9%ether2', comment: 'lab6' },
    ]);
    await expect(row(page, '::/0', 'ISP2').locator('.routes-col-distance')).toHaveText('42');
    await expect(row(page, '2001:db8:29::/48')).not.toHaveClass(/routes-row-drafted/);
  });
}

test('a snapshot taken before IPv6 routes were kept says it has none, rather than an empty table that looks real', async ({
  page,
}) => {
  await openOnline(page, 'api');
  await offline.unplug();
  // The app started again on a snapshot as an older Uplink wrote it: no IPv6 routes in it (and,
  // of a router with a big table, not every IPv4 route).
  await offline.quitApp();
  const { ipv6Routes: _, ipv6RouteCount: __, ...older } = snapshot()!;
  const cut = { ...older, routeCount: 150_000 };
  writeFileSync(offline.profilePath(siteName, 'snapshot.json')!, JSON.stringify(cut));
  await page.goto((await offline.startApp()).url);
  await page.getByRole('listitem', { name: siteName, exact: true }).click();
  await page.getByRole('tab', { name: 'IPv6 Routes', exact: true }).click();
  await expect(page.getByText(/^No IPv6 routes in the snapshot taken at /)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Offline: the snapshot of' })).toContainText(
    `Of the router’s 150,000 routes it holds ${older.routes.length}:`,
  );
  await expect(grid(page)).toHaveCount(0);
  await expect(toolbar(page).getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
  await themedScreenshots(page, screens, 'no-ipv6-in-snapshot');
  // The IPv4 table is whole.
  await page.getByRole('tab', { name: 'Routes', exact: true }).click();
  await expect(
    page.getByRole('grid', { name: 'Routes', exact: true }).getByRole('row').filter({ hasText: 'ISP2' }),
  ).toBeVisible();
});
