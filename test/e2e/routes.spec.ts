import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { routerCommand, routerRows } from '../routes/demo-router-api';
import { themedScreenshots } from './failover-steps';
import { acceptRoutePlan, routesLab } from './routes-steps';

// IP → Routes end to end, in web mode, against a demo router started here. What the router holds
// after each step is asked of the router itself over its API, never read back from the UI.

const { api, ask, grid, routeRow, open } = routesLab({
  family: 'ip',
  siteName: 'Lab router',
  password: 'e2e-routes-5c1d',
});

async function openRoutes(page: Page): Promise<void> {
  await open(page);
  await expect(routeRow(page, '0.0.0.0/0').first()).toBeVisible();
}

async function staticDefaults() {
  const rows = await ask('?dst-address=0.0.0.0/0', '?static=true');
  expect(rows.length, 'the two-wan scenario has two static default routes').toBeGreaterThanOrEqual(2);
  return rows;
}

async function restoreDistances(rows: Record<string, string>[]) {
  for (const row of rows)
    await routerCommand(api(), '/ip/route/set', `=.id=${row['.id']}`, `=distance=${row.distance}`);
}

test('double-click a default route, set its distance, OK: the router has the new distance', async ({
  page,
}) => {
  const defaults = await staticDefaults();
  const wan = defaults[0]!;
  await openRoutes(page);
  await expect(grid(page).getByRole('columnheader', { name: 'Gateway', exact: true })).toBeVisible();
  await expect(grid(page).getByRole('columnheader', { name: 'Distance', exact: true })).toBeVisible();
  await routeRow(page, '0.0.0.0/0', wan.gateway!).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Route 0.0.0.0/0' });
  for (const field of ['Dst. Address', 'Gateway', 'Distance', 'Comment']) {
    await expect(dialog.getByLabel(field, { exact: true })).toBeVisible();
  }
  await expect(dialog.getByLabel('Gateway', { exact: true })).toHaveValue(wan.gateway!);
  await dialog.getByLabel('Distance', { exact: true }).fill('37');
  await dialog.getByRole('button', { name: 'OK' }).click();
  // A default route: the plan first, and nothing sent before its Apply.
  const plan = page.getByRole('dialog', { name: 'Apply to the router?' });
  await expect(plan.locator('pre')).toContainText('distance=37');
  expect((await ask(`?.id=${wan['.id']}`))[0]?.distance).toBe(wan.distance);
  await themedScreenshots(page, 'test-results/screens/routes', 'default-route-plan');
  await acceptRoutePlan(page, new RegExp(`: distance ${wan.distance} → 37$`));
  await expect(dialog).toBeHidden();
  const [after] = await ask(`?.id=${wan['.id']}`);
  expect(after?.distance).toBe('37');
  expect(after?.gateway).toBe(wan.gateway);
  await expect(routeRow(page, '0.0.0.0/0', wan.gateway!)).toContainText('37');
  await restoreDistances(defaults);
});

test('an invalid distance marks the field and sends nothing', async ({ page }) => {
  const [wan] = await staticDefaults();
  await openRoutes(page);
  await routeRow(page, '0.0.0.0/0', wan!.gateway!).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Route 0.0.0.0/0' });
  const distance = dialog.getByLabel('Distance', { exact: true });
  await distance.fill('300');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(distance).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('Distance is a number from 1 to 255');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toBeVisible();
  const [after] = await ask(`?.id=${wan!['.id']}`);
  expect(after?.distance).toBe(wan!.distance);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('a DHCP route opens read-only, and its distance is changed through the DHCP client', async ({
  page,
}) => {
  const [dhcp] = await ask('?dhcp=true');
  expect(dhcp, 'the two-wan scenario has a DHCP default route').toBeDefined();
  await openRoutes(page);
  await routeRow(page, dhcp!['dst-address']!, dhcp!.gateway!).dblclick();
  const dialog = page.getByRole('dialog', { name: `Route ${dhcp!['dst-address']}` });
  await expect(dialog.getByLabel('Distance', { exact: true })).toHaveAttribute('readonly', '');
  await expect(dialog.getByRole('button', { name: 'Apply' })).toHaveCount(0);
  await expect(dialog).toContainText('default-route-distance');
  await dialog.getByRole('button', { name: 'Edit DHCP Client Distance' }).click();
  const client = page.getByRole('dialog', { name: /^DHCP Client/ });
  await client.getByLabel('Default Route Distance').fill('9');
  await client.getByRole('button', { name: 'OK' }).click();
  await expect(client).toBeHidden();
  // The distance of a default route: its plan first.
  const plan = page.getByRole('dialog', { name: /^Default route distance of the DHCP client on / });
  await expect(plan.getByRole('region', { name: 'Plan' }).getByRole('listitem')).toHaveText([
    `DHCP client on ether3: default route distance ${dhcp!.distance} → 9`,
  ]);
  await plan.getByRole('button', { name: 'Apply' }).click();
  await expect(plan).toBeHidden();
  const clients = await routerRows(api(), '/ip/dhcp-client');
  expect(clients.some((row) => row['default-route-distance'] === '9')).toBe(true);
  await expect.poll(async () => (await ask('?dhcp=true'))[0]?.distance).toBe('9');
  await expect(routeRow(page, dhcp!['dst-address']!, dhcp!.gateway!)).toContainText('9');
});

test('two default routes at one distance get a warning, and Renumber the others fixes it', async ({
  page,
}) => {
  const defaults = await staticDefaults();
  const [first, second] = defaults;
  await routerCommand(api(), '/ip/route/set', `=.id=${second!['.id']}`, `=distance=${first!.distance}`);
  await openRoutes(page);
  const warning = page.getByRole('status').filter({ hasText: 'share distance' });
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: 'Renumber the others' }).click();
  // Default routes: the new distances are a plan first, each line a route and its distance.
  const plan = page.getByRole('dialog', { name: 'Renumber the others' });
  await expect(plan.getByRole('region', { name: 'Plan' }).getByRole('listitem').first()).toContainText(
    /^0\.0\.0\.0\/0 .*: distance \d+ → \d+$/,
  );
  await plan.getByRole('button', { name: 'Apply' }).click();
  await expect(plan).toBeHidden();
  await expect(warning).toBeHidden();
  const enabled = (await ask('?dst-address=0.0.0.0/0')).filter((row) => row.disabled !== 'true');
  const distances = enabled.map((row) => row.distance);
  expect(new Set(distances).size).toBe(distances.length);
  await restoreDistances(defaults);
});

test('a route added on the router by another client appears within a second', async ({ page }) => {
  await openRoutes(page);
  await page.getByLabel('Filter routes').fill('added-elsewhere');
  await expect(grid(page).getByRole('row')).toHaveCount(1);
  const { ret: id } = await routerCommand(
    api(),
    '/ip/route/add',
    '=dst-address=198.51.100.0/24',
    '=gateway=10.0.1.1',
    '=comment=added-elsewhere',
  );
  await expect(routeRow(page, '198.51.100.0/24', 'added-elsewhere')).toBeVisible({ timeout: 1000 });
  await routerCommand(api(), '/ip/route/remove', `=.id=${id}`);
  await expect(routeRow(page, '198.51.100.0/24')).toHaveCount(0);
});

test('a blackhole route and an ECMP route added through the dialog are on the router as typed', async ({
  page,
}) => {
  await openRoutes(page);
  const add = async (fields: Record<string, string>, type?: 'blackhole') => {
    await page.getByRole('toolbar', { name: 'Route actions' }).getByRole('button', { name: 'Add' }).click();
    const dialog = page.getByRole('dialog', { name: 'New Route' });
    if (type) await dialog.getByLabel('Type', { exact: true }).selectOption(type);
    for (const [label, value] of Object.entries(fields))
      await dialog.getByLabel(label, { exact: true }).fill(value);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(dialog).toBeHidden();
  };
  await add({ 'Dst. Address': '198.51.100.0/24', Comment: 'e2e-blackhole' }, 'blackhole');
  await add({
    'Dst. Address': '203.0.113.0/24',
    Gateway: '10.0.1.1,10.0.2.1%ether2',
    'Pref. Source': '10.0.1.2',
    Comment: 'e2e-ecmp',
  });
  const [blackhole] = await ask('?comment=e2e-blackhole');
  expect(blackhole).toMatchObject({ 'dst-address': '198.51.100.0/24', blackhole: 'true', active: 'true' });
  expect(blackhole).not.toHaveProperty('gateway');
  const [ecmp] = await ask('?comment=e2e-ecmp');
  expect(ecmp).toMatchObject({
    'dst-address': '203.0.113.0/24',
    gateway: '10.0.1.1,10.0.2.1%ether2',
    'pref-src': '10.0.1.2',
    active: 'true',
  });
  // The table shows them as the router has them: the blackhole flag, both gateways.
  await expect(routeRow(page, '198.51.100.0/24', 'e2e-blackhole')).toContainText('B');
  await expect(routeRow(page, '203.0.113.0/24', '10.0.1.1,10.0.2.1%ether2')).toBeVisible();
  for (const row of [blackhole!, ecmp!]) await routerCommand(api(), '/ip/route/remove', `=.id=${row['.id']}`);
});

test('the route dialog: status line, Disable applied at once, Copy and Remove', async ({ page }) => {
  const { ret: id } = await routerCommand(
    api(),
    '/ip/route/add',
    '=dst-address=198.51.9.0/24',
    '=gateway=10.0.2.1',
    '=comment=e2e-dialog',
  );
  await openRoutes(page);
  await routeRow(page, '198.51.9.0/24', 'e2e-dialog').dblclick();
  const dialog = page.getByRole('dialog', { name: 'Route 198.51.9.0/24' });
  const status = dialog.getByRole('status', { name: 'Route status' });
  await expect(status).toHaveText('enabled · active · static');
  const actions = dialog.getByRole('group', { name: 'Route actions' });
  await actions.getByRole('button', { name: 'Disable' }).click();
  await expect(status).toHaveText('disabled · inactive · static');
  expect((await ask(`?.id=${id}`))[0]?.disabled).toBe('true');
  await actions.getByRole('button', { name: 'Copy' }).click();
  const copy = page.getByRole('dialog', { name: 'New Route' });
  await expect(copy.getByLabel('Gateway', { exact: true })).toHaveValue('10.0.2.1');
  await copy.getByRole('button', { name: 'Cancel' }).click();
  await routeRow(page, '198.51.9.0/24', 'e2e-dialog').dblclick();
  await dialog.getByRole('group', { name: 'Route actions' }).getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove route?' }).getByRole('button', { name: 'Remove' }).click();
  await expect.poll(async () => (await ask(`?.id=${id}`)).length).toBe(0);
});

test('the route dialog’s Disable on a default route shows its plan first, then the router has it', async ({
  page,
}) => {
  // The standby ISP's route: disabling it moves no traffic, and the test puts it back.
  const standby = (await staticDefaults())[1]!;
  const disabledOnRouter = async () => (await ask(`?.id=${standby['.id']}`))[0]?.disabled;
  await openRoutes(page);
  await routeRow(page, '0.0.0.0/0', standby.gateway!).dblclick();
  const dialog = page.getByRole('dialog', { name: 'Route 0.0.0.0/0' });
  const status = dialog.getByRole('status', { name: 'Route status' });
  const actions = dialog.getByRole('group', { name: 'Route actions' });
  await expect(status).toContainText('enabled');
  for (const [button, after] of [
    ['Disable', 'true'],
    ['Enable', 'false'],
  ] as const) {
    await actions.getByRole('button', { name: button }).click();
    const plan = page.getByRole('dialog', { name: 'Apply to the router?' });
    await expect(plan).toBeVisible();
    expect(await disabledOnRouter(), 'nothing sent before Apply').toBe(after === 'true' ? 'false' : 'true');
    await acceptRoutePlan(
      page,
      button === 'Disable' ? /\(ISP2\): disabled no → yes$/ : /\(ISP2\): disabled yes → no$/,
    );
    await expect.poll(disabledOnRouter).toBe(after);
    await expect(status).toContainText(after === 'true' ? 'disabled' : 'enabled');
  }
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('multiple selection: Shift-click, Ctrl-click, Shift+arrows and Ctrl+A; a bulk disable and one confirmation for a bulk remove', async ({
  page,
}) => {
  for (const n of [1, 2, 3, 4]) {
    await routerCommand(
      api(),
      '/ip/route/add',
      `=dst-address=198.51.${n}.0/24`,
      '=gateway=10.0.1.1',
      `=comment=e2e-bulk-${n}`,
    );
  }
  const bulk = async () =>
    (await ask())
      .filter((route) => route.comment?.startsWith('e2e-bulk'))
      .sort((a, b) => a.comment!.localeCompare(b.comment!));
  await openRoutes(page);
  await page.getByLabel('Filter routes').fill('e2e-bulk');
  const table = grid(page);
  await expect(table.getByRole('row')).toHaveCount(5);
  const row = (n: number) => routeRow(page, `e2e-bulk-${n}`);
  await row(1).click();
  await row(3).click({ modifiers: ['Shift'] });
  await expect(table.locator('[aria-selected="true"]')).toHaveCount(3);
  await expect(page.getByText('3 selected')).toBeVisible();
  await page.getByRole('toolbar', { name: 'Route actions' }).getByRole('button', { name: 'Disable' }).click();
  await expect
    .poll(async () => (await bulk()).map((route) => route.disabled))
    .toEqual(['true', 'true', 'true', 'false']);

  // Ctrl-click takes one out; Shift+ArrowDown from the cursor extends to the rows below it.
  await row(2).click({ modifiers: ['ControlOrMeta'] });
  await expect(table.locator('[aria-selected="true"]')).toHaveCount(2);
  await row(1).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(table.locator('[aria-selected="true"]')).toHaveCount(3);

  // The filtered rows as CSV: a header and the four routes.
  await page.getByRole('toolbar', { name: 'Route actions' }).getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Filtered rows as CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(
    csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[6]),
  ).toEqual(['e2e-bulk-1', 'e2e-bulk-2', 'e2e-bulk-3', 'e2e-bulk-4']);

  await table.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(table.locator('[aria-selected="true"]')).toHaveCount(4);
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Remove 4 routes?' });
  await expect(confirm.getByRole('list', { name: 'Routes to remove' }).getByRole('listitem')).toHaveCount(4);
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect.poll(async () => (await bulk()).length).toBe(0);
});

test('keyboard: arrows move, Enter opens, Delete asks first; sort and filter', async ({ page }) => {
  await openRoutes(page);
  const table = grid(page);
  await table.focus();
  await page.keyboard.press('ArrowDown');
  await expect(table.locator('[aria-selected="true"]')).toHaveCount(1);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^Route / });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await table.getByRole('columnheader', { name: 'Distance', exact: true }).click();
  await expect(table.getByRole('columnheader', { name: 'Distance', exact: true })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await page.getByRole('button', { name: 'Default routes' }).click();
  const rows = table.getByRole('row');
  const defaults = await ask('?dst-address=0.0.0.0/0');
  await expect(rows).toHaveCount(defaults.length + 1);
  await table.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Remove route?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(await ask('?dst-address=0.0.0.0/0')).toHaveLength(defaults.length);
});

test('screenshots of the Routes tab and the route dialog, light and dark', async ({ page }) => {
  const [wan] = await staticDefaults();
  await openRoutes(page);
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    await page.screenshot({ path: `test-results/screens/routes-${theme}.png` });
    await routeRow(page, '0.0.0.0/0', wan!.gateway!).dblclick();
    const dialog = page.getByRole('dialog', { name: 'Route 0.0.0.0/0' });
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: `test-results/screens/route-dialog-${theme}.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
});

test('Disable on the active default route shows its plan first; Apply disables it with a safety net, Enable puts it back the same way', async ({
  page,
}) => {
  const [isp1] = await ask('?comment=ISP1');
  await openRoutes(page);
  await routeRow(page, '0.0.0.0/0', 'ISP1').click();
  const toolbar = page.getByRole('toolbar', { name: 'Route actions' });
  await toolbar.getByRole('button', { name: 'Disable' }).click();
  const plan = page.getByRole('dialog', { name: /^Disable 0\.0\.0\.0\/0/ });
  await expect(plan.getByRole('region', { name: 'Plan' }).getByRole('listitem')).toHaveText([
    '0.0.0.0/0 (ISP1): disabled no → yes',
  ]);
  await plan.getByText('RouterOS commands').click();
  await expect(plan.locator('pre')).toHaveText(
    '/ip route set [find where dst-address="0.0.0.0/0" and comment="ISP1"] disabled=yes',
  );
  // Nothing is sent before Apply.
  expect((await ask('?comment=ISP1'))[0]?.disabled).toBe(isp1?.disabled);
  await plan.getByRole('button', { name: 'Apply' }).click();
  await expect(plan).toBeHidden();
  expect((await ask('?comment=ISP1'))[0]?.disabled).toBe('true');

  await routeRow(page, '0.0.0.0/0', 'ISP1').click();
  await toolbar.getByRole('button', { name: 'Enable' }).click();
  const enable = page.getByRole('dialog', { name: /^Enable 0\.0\.0\.0\/0/ });
  await enable.getByRole('button', { name: 'Apply' }).click();
  await expect(enable).toBeHidden();
  expect((await ask('?comment=ISP1'))[0]?.disabled).toBe('false');
});
