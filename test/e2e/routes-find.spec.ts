import { expect, type Page, test } from '@playwright/test';
import { routerCommand } from '../routes/demo-router-api';
import { themedScreenshots } from './failover-steps';
import { routesLab } from './routes-steps';

// IP → Routes' Find, against a demo router started here: per-column conditions as chips with
// their counts, all of which a route must meet. What the table shows is checked against the
// routes put on the router, not against what Uplink believes.

const screens = 'test-results/screens/routes-find';
const lab = routesLab({ family: 'ip', siteName: 'Find lab', password: 'e2e-find-7a31' });

/** Routes the Find test looks for: three in 10.10.0.0/16 at distances 3, 7 and 9, one outside it. */
const planted = [
  { dst: '10.10.1.0/24', distance: '3' },
  { dst: '10.10.2.0/24', distance: '7' },
  { dst: '10.10.3.0/24', distance: '9' },
  { dst: '10.11.0.0/24', distance: '9' },
];

test.beforeAll(async () => {
  for (const { dst, distance } of planted) {
    await routerCommand(
      lab.api(),
      '/ip/route/add',
      `=dst-address=${dst}`,
      '=gateway=10.0.1.1',
      `=distance=${distance}`,
      '=comment=e2e-find',
    );
  }
});

/** The table's body rows (the header row is the first). */
const bodyRows = (page: Page) =>
  lab
    .grid(page)
    .getByRole('row')
    .filter({ hasNot: page.getByRole('columnheader') });
const shownDsts = async (page: Page) =>
  (await bodyRows(page).locator('.routes-col-dstAddress').allTextContents()).sort();

async function addCondition(page: Page, column: string, operator: string, value: string) {
  const find = page.getByRole('form', { name: 'Find routes' });
  await find.getByLabel('Find column').selectOption({ label: column });
  await find.getByLabel('Find operator').selectOption({ label: operator });
  const input = find.getByLabel('Find value');
  if ((await input.evaluate((element) => element.tagName)) === 'SELECT') await input.selectOption(value);
  else await input.fill(value);
  await input.press('Enter');
}

const chip = (page: Page, text: string) =>
  page.getByRole('list', { name: 'Find conditions' }).getByRole('listitem').filter({ hasText: text });

test('Find: per-column conditions as chips with their counts, every one must hold', async ({ page }) => {
  const onRouter = await lab.ask('?comment=e2e-find');
  expect(onRouter).toHaveLength(planted.length);
  await lab.open(page);
  // Ctrl+F from the table goes to Find, as in Winbox.
  await lab.grid(page).focus();
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('form', { name: 'Find routes' }).getByLabel('Find value')).toBeFocused();

  await addCondition(page, 'Dst. Address', 'in subnet', '10.10.0.0/16');
  await expect(chip(page, 'Dst. Address in subnet 10.10.0.0/16')).toContainText('3');
  await expect.poll(() => shownDsts(page)).toEqual(['10.10.1.0/24', '10.10.2.0/24', '10.10.3.0/24']);

  await addCondition(page, 'Distance', '>', '5');
  const distanceChip = chip(page, 'Distance > 5');
  // On its own the distance matches every route above 5, the one outside the subnet too.
  const aboveFive = (await lab.ask()).filter((row) => Number(row.distance) > 5).length;
  await expect(distanceChip).toContainText(String(aboveFive));
  await expect.poll(() => shownDsts(page)).toEqual(['10.10.2.0/24', '10.10.3.0/24']);
  await expect(page.getByText(/^2 of \d+ routes/)).toBeVisible();

  // The filter box still narrows what the conditions leave.
  await page.getByLabel('Filter routes').fill('10.10.3');
  await expect.poll(() => shownDsts(page)).toEqual(['10.10.3.0/24']);
  await page.getByLabel('Filter routes').fill('');

  // A value that is not a subnet says so and adds nothing.
  await addCondition(page, 'Gateway', 'in subnet', '10.0.1');
  await expect(page.getByRole('form', { name: 'Find routes' }).getByRole('alert')).toHaveText(
    /Enter a subnet/,
  );
  await expect(page.getByRole('list', { name: 'Find conditions' }).getByRole('listitem')).toHaveCount(3);
  await page.getByRole('form', { name: 'Find routes' }).getByLabel('Find value').fill('');
  await themedScreenshots(page, screens, 'find-chips');

  // From the keyboard: Backspace in the empty value takes the last chip away, the chip's button any.
  await page.getByRole('form', { name: 'Find routes' }).getByLabel('Find value').press('Backspace');
  await expect(distanceChip).toHaveCount(0);
  await expect.poll(() => shownDsts(page)).toHaveLength(3);
  await addCondition(page, 'Flags', 'has', 'disabled');
  await expect(chip(page, 'Flags has disabled')).toContainText('0');
  await expect(bodyRows(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove condition: Flags has disabled' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Remove condition: Dst. Address in subnet 10.10.0.0/16' }).click();
  await expect(page.getByRole('list', { name: 'Find conditions' })).toHaveCount(0);
  await expect.poll(async () => (await shownDsts(page)).length).toBeGreaterThan(planted.length);
});
