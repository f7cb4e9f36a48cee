import { expect, type Page, test } from '@playwright/test';
import { routerCommand, routerRows } from '../routes/demo-router-api';
import { startTwoWanRouter, type TwoWanRouter, themedScreenshots } from './failover-steps';
import { acceptRoutePlan } from './routes-steps';
import { addSite, fact, sessionStatus } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// Ctrl+Z on a site: the last change Uplink made to its routes, taken back as a plan shown before
// anything is sent, then applied; the router itself is asked whether the change is gone. Over the
// API, and over SSH's console as a Transient Access grant gives it (forwarding off).

const password = 'e2e-undo-3b9e';
const screens = 'test-results/screens/routes-undo';
let router: TwoWanRouter;
let app: WebApp;

test.afterEach(async () => {
  await app?.stop();
  await router?.stop();
});

const ask = (...query: string[]) => routerRows({ ...router.demo.api, password }, '/ip/route', ...query);
const isp2Distance = async () => (await ask('?comment=ISP2'))[0]?.distance;
const grid = (page: Page) => page.getByRole('grid', { name: 'Routes', exact: true });
const isp2Row = (page: Page) => grid(page).getByRole('row').filter({ hasText: 'ISP2' });

/**
 * A site on a two-wan router of the test's own, over `transport`, at its Routes tab, with ISP2's
 * distance set to 42 through the route dialog; resolves to ISP2's distance before.
 */
async function distanceEdited(page: Page, transport: 'API' | 'SSH', channel: string): Promise<string> {
  router = await startTwoWanRouter(password, { ssh: transport === 'SSH' });
  app = await startWebApp();
  const distance = (await isp2Distance())!;
  await page.goto(app.url);
  const port = transport === 'SSH' ? router.demo.ssh!.port : router.demo.api.port;
  await addSite(page, { name: 'Undo lab', port, password, transport });
  await expect(sessionStatus(page)).toHaveText(/^(Online|Offline)$/);
  if ((await sessionStatus(page).textContent()) === 'Offline')
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
  if (transport === 'SSH') await page.getByRole('button', { name: 'Trust and connect' }).click();
  await expect(sessionStatus(page)).toHaveText('Online');
  await expect(fact(page, 'Channel')).toHaveText(channel);
  await page.getByRole('tab', { name: 'Routes', exact: true }).click();

  await isp2Row(page).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Route 0.0.0.0/0' });
  await dialog.getByLabel('Distance', { exact: true }).fill('42');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await acceptRoutePlan(page, /^0\.0\.0\.0\/0 \(ISP2\): distance \d+ → 42$/);
  await expect(dialog).toBeHidden();
  expect(await isp2Distance()).toBe('42');
  await expect(isp2Row(page)).toContainText('42');
  return distance;
}

for (const { transport, channel } of [
  { transport: 'API', channel: 'API' },
  { transport: 'SSH', channel: 'SSH (CLI)' },
] as const) {
  test(`Ctrl+Z after a distance edit shows the undo as a plan, and Apply restores the distance on the router (${channel})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const distance = await distanceEdited(page, transport, channel);

    // In the filter box Ctrl+Z is the text's own: no undo of the router opens.
    await page.getByLabel('Filter routes').press('Control+z');
    await expect(page.getByRole('dialog', { name: 'Undo' })).toHaveCount(0);

    await grid(page).focus();
    await page.keyboard.press('Control+z');
    const undo = page.getByRole('dialog', { name: 'Undo' });
    await expect(undo).toContainText('Uplink takes back “Edit 0.0.0.0/0 (ISP2)”');
    const plan = undo.getByRole('region', { name: 'Plan' });
    await expect(plan.getByRole('listitem')).toHaveText([`0.0.0.0/0 (ISP2): distance 42 → ${distance}`]);
    await undo.getByText('RouterOS commands').click();
    await expect(undo.locator('pre')).toHaveText(
      `/ip route set [find where dst-address="0.0.0.0/0" and comment="ISP2"] distance=${distance}`,
    );
    if (transport === 'API') await themedScreenshots(page, screens, 'undo-plan');
    // Nothing is sent before Apply.
    expect(await isp2Distance()).toBe('42');

    await undo.getByRole('button', { name: 'Apply' }).click();
    await expect(undo).toBeHidden();
    await expect.poll(isp2Distance).toBe(distance);
    await expect(isp2Row(page)).not.toContainText('42');

    // Taken back, there is nothing left to undo: the dialog says so and cannot send anything.
    await grid(page).focus();
    await page.keyboard.press('Control+z');
    await expect(undo).toContainText('Uplink has made no change to this site to undo.');
    await expect(undo.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await undo.getByRole('button', { name: 'Cancel' }).click();
    await expect(undo).toBeHidden();
  });
}

test('an undo the router did not take as asked (the route renamed meanwhile) says what it found, and the change stays to undo', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await distanceEdited(page, 'API', 'API');
  const [isp2] = await ask('?comment=ISP2');
  // Someone else renames the route: the undo's [find where comment="ISP2"] picks nothing.
  await routerCommand(
    { ...router.demo.api, password },
    '/ip/route/set',
    `=.id=${isp2!['.id']}`,
    '=comment=ISP2 fibre',
  );
  await grid(page).focus();
  await page.keyboard.press('Control+z');
  const undo = page.getByRole('dialog', { name: 'Undo' });
  await undo.getByRole('button', { name: 'Apply' }).click();
  await expect(undo).toContainText('as asked: 0.0.0.0/0 (ISP2) was not found.');
  await themedScreenshots(page, screens, 'undo-not-taken');
  const [after] = await ask(`?.id=${isp2!['.id']}`);
  expect(after).toMatchObject({ distance: '42', comment: 'ISP2 fibre' });
  await undo.getByRole('button', { name: 'Cancel' }).click();
  await expect(undo).toBeHidden();
  // Still the last change, for when the route has its name back.
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAttribute(
    'title',
    /^Undo “Edit 0\.0\.0\.0\/0 \(ISP2\)”/,
  );
});
