import { expect, test } from '@playwright/test';
import { themedScreenshots } from './failover-steps';
import { routesLab } from './routes-steps';

// Ctrl+Z on a site: the last change Uplink made to its routes, taken back as a plan shown before
// anything is sent, then applied; the router itself is asked whether the change is gone.

const screens = 'test-results/screens/routes-undo';
const { ask, grid, routeRow, open } = routesLab({
  family: 'ip',
  siteName: 'Undo lab',
  password: 'e2e-undo-3b9e',
});

test('Ctrl+Z after a distance edit shows the undo as a plan, and Apply restores the distance on the router', async ({
  page,
}) => {
  const [isp2] = await ask('?comment=ISP2');
  const distance = isp2!.distance!;
  await open(page);
  await routeRow(page, '0.0.0.0/0', 'ISP2').dblclick();
  const dialog = page.getByRole('dialog', { name: 'Route 0.0.0.0/0' });
  await dialog.getByLabel('Distance', { exact: true }).fill('42');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeHidden();
  expect((await ask('?comment=ISP2'))[0]?.distance).toBe('42');
  await expect(routeRow(page, '0.0.0.0/0', 'ISP2')).toContainText('42');

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
  await themedScreenshots(page, screens, 'undo-plan');
  // Nothing is sent before Apply.
  expect((await ask('?comment=ISP2'))[0]?.distance).toBe('42');

  await undo.getByRole('button', { name: 'Apply' }).click();
  await expect(undo).toBeHidden();
  await expect.poll(async () => (await ask('?comment=ISP2'))[0]?.distance).toBe(distance);
  await expect(routeRow(page, '0.0.0.0/0', 'ISP2')).not.toContainText('42');

  // Taken back, there is nothing left to undo: the dialog says so and cannot send anything.
  await grid(page).focus();
  await page.keyboard.press('Control+z');
  await expect(undo).toContainText('Uplink has made no change to this site to undo.');
  await expect(undo.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await undo.getByRole('button', { name: 'Cancel' }).click();
  await expect(undo).toBeHidden();
});
