import { expect, type Page, test } from '@playwright/test';
import type { SiteSnapshot } from '../../shared/drafts/draft';
import { routerRows } from '../routes/demo-router-api';
import { setUpTwoWans, themedScreenshots, wanItem } from './failover-steps';
import { offlineLab } from './offline-steps';
import { acceptRoutePlan } from './routes-steps';
import { addSite, sessionStatus } from './site-steps';

// A route dialog open when the session drops, in web mode: the two-wan demo router's doors closed
// under it (its configuration lives on) and opened again. The dialog stays with what was typed and
// says the router is unreachable; once the router is back, OK sends it; dropped again, Keep as
// offline edit puts it in the site's draft, and nothing reaches the router.

const password = 'e2e-offline-dialog-41c7';
const siteName = 'Dialog lab';
const screens = 'test-results/screens/offline-dialog';
const offline = offlineLab({ name: 'dialog', password, ssh: false });

const isp2Distance = async () => (await routerRows(offline.api(), '/ip/route', '?comment=ISP2'))[0]?.distance;
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Route 0.0.0.0/0' });
const distanceField = (page: Page) => dialog(page).getByLabel('Distance', { exact: true });
const isp2Row = (page: Page) =>
  page.getByRole('grid', { name: 'Routes', exact: true }).getByRole('row').filter({ hasText: 'ISP2' });

/** The site's snapshot on disk: what the draft is made on. */
const snapshotTaken = () => offline.profileFile<SiteSnapshot>(siteName, 'snapshot.json') !== undefined;

/** The site added and online. */
async function connect(page: Page) {
  await page.goto(offline.app().url);
  await addSite(page, { name: siteName, port: offline.doors().api.port, password });
  await expect(sessionStatus(page)).toHaveText(/^(Online|Offline)$/);
  if ((await sessionStatus(page).textContent()) === 'Offline')
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(sessionStatus(page)).toHaveText('Online');
}

/** The router off the network until the returned function brings it back. */
async function dropRouter(page: Page) {
  const reopen = await offline.unplug();
  await expect(sessionStatus(page)).not.toHaveText('Online', { timeout: 30_000 });
  return reopen;
}

test('a route dialog survives a dropped session: OK once the router is back, or kept as an offline edit', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await connect(page);
  await expect.poll(snapshotTaken, { timeout: 20_000 }).toBe(true);
  await page.getByRole('tab', { name: 'Routes', exact: true }).click();

  // Typed, then the router goes away: the dialog stays with the value and says why OK waits.
  await isp2Row(page).dblclick();
  await distanceField(page).fill('9');
  let reopen = await dropRouter(page);
  await expect(dialog(page)).toBeVisible();
  await expect(distanceField(page)).toHaveValue('9');
  await expect(dialog(page).getByText('The router is unreachable')).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: 'OK' })).toBeDisabled();
  await themedScreenshots(page, screens, 'unreachable');

  // Back: OK works again and sends what was typed.
  await reopen();
  await expect(sessionStatus(page)).toHaveText('Online', { timeout: 30_000 });
  await expect(dialog(page).getByText('The router is unreachable')).toBeHidden();
  await dialog(page).getByRole('button', { name: 'OK' }).click();
  await acceptRoutePlan(page, /^0\.0\.0\.0\/0 \(ISP2\): distance \d+ → 9$/);
  await expect(dialog(page)).toBeHidden();
  await expect.poll(isp2Distance).toBe('9');

  // Dropped again with 12 typed: kept as an offline edit, in the draft, not on the router.
  await isp2Row(page).dblclick();
  await distanceField(page).fill('12');
  reopen = await dropRouter(page);
  await expect(distanceField(page)).toHaveValue('12');
  await dialog(page).getByRole('button', { name: 'Keep as offline edit' }).click();
  await expect(dialog(page)).toBeHidden();
  const draft = page.getByRole('region', { name: 'Draft' });
  await expect(draft).toContainText('Draft: 1 change made offline');
  await expect(
    draft.getByRole('table', { name: 'Draft changes' }).getByRole('row').filter({ hasText: 'ISP2' }),
  ).toContainText('12');
  await expect(isp2Row(page)).toContainText('12');
  await reopen();
  await expect(sessionStatus(page)).toHaveText('Online', { timeout: 30_000 });
  expect(await isp2Distance()).toBe('9');
});

test('Configure WAN survives a dropped session: the gateway typed is kept as an offline edit', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await connect(page);
  await setUpTwoWans(page);
  await expect
    .poll(() => offline.profileFile<SiteSnapshot>(siteName, 'snapshot.json')?.wans.length, {
      timeout: 20_000,
    })
    .toBe(2);

  await wanItem(page, 1).getByRole('button', { name: 'Configure WAN 1' }).click();
  const configure = page.getByRole('dialog', { name: 'Configure WAN 1' });
  await configure.getByLabel('Gateway', { exact: true }).fill('10.0.1.254');
  const reopen = await dropRouter(page);
  await expect(configure.getByLabel('Gateway', { exact: true })).toHaveValue('10.0.1.254');
  await expect(configure.getByText('The router is unreachable')).toBeVisible();
  await expect(configure.getByRole('button', { name: 'Save' })).toBeDisabled();
  await themedScreenshots(page, screens, 'configure-unreachable');
  await configure.getByRole('button', { name: 'Keep as offline edit' }).click();
  await expect(configure).toBeHidden();
  await expect(page.getByRole('region', { name: 'Draft' })).toContainText('Draft: 1 change made offline');
  await reopen();
  await expect(sessionStatus(page)).toHaveText('Online', { timeout: 30_000 });
  const [probe] = await routerRows(offline.api(), '/ip/route', '?comment=uplink:wan1:probe');
  expect(probe?.gateway).toBe('10.0.1.1%ether1');
});
