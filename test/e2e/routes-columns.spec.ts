import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { sessionStatus, siteItem } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// IP → Routes columns as the technician arranges them: hidden from the header's menu, resized by
// the border, moved by the header, the same from the keyboard, and all of it still so after the
// app is stopped and started again on the same profile. Run against the built-in demo router.

let profileDir: string;
let app: WebApp;

test.beforeAll(async () => {
  profileDir = mkdtempSync(join(tmpdir(), 'uplink-e2e-columns-'));
  app = await startWebApp({ profileDir });
});

test.afterAll(async () => {
  await app?.stop();
  rmSync(profileDir, { recursive: true, force: true });
});

const grid = (page: Page) => page.getByRole('grid', { name: 'Routes', exact: true });
const header = (page: Page, name: string) => grid(page).getByRole('columnheader', { name, exact: true });
const headers = (page: Page) => grid(page).getByRole('columnheader').allTextContents();
const headerWidth = async (page: Page, name: string) => (await header(page, name).boundingBox())!.width;

async function openRoutes(page: Page): Promise<void> {
  await page.goto(app.url);
  await siteItem(page, 'Demo router').click();
  const status = sessionStatus(page);
  await expect(status).toHaveText(/^(Online|Offline|Connecting…?)$/);
  if ((await status.textContent()) === 'Offline') {
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
  }
  await expect(status).toHaveText('Online');
  await page.getByRole('tab', { name: 'Routes', exact: true }).click();
  await expect(grid(page).getByRole('row').nth(1)).toContainText('/');
}

/** Presses the pointer on one point and lets go on another, in steps, as a hand drags. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(from.x + ((to.x - from.x) * step) / 10, from.y + ((to.y - from.y) * step) / 10);
  }
  await page.mouse.up();
}

const centre = (box: { x: number; y: number; width: number; height: number }) => ({
  x: box.x + box.width / 2,
  y: box.y + box.height / 2,
});

test('columns hidden, resized and moved stay so after a restart', async ({ page }) => {
  await openRoutes(page);
  expect(await headers(page)).toContain('Scope');

  // Hidden from the header's context menu.
  await header(page, 'Gateway').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Columns' });
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Scope', exact: true })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await menu.getByRole('menuitemcheckbox', { name: 'Scope', exact: true }).click();
  await expect(header(page, 'Scope')).toHaveCount(0);

  // Resized by dragging the header's right border.
  const border = grid(page).getByRole('separator', { name: 'Resize Gateway' });
  const before = Number(await border.getAttribute('aria-valuenow'));
  const grip = centre((await border.boundingBox())!);
  await drag(page, grip, { x: grip.x + 60, y: grip.y });
  await expect(border).toHaveAttribute('aria-valuenow', String(before + 60));
  expect(await headerWidth(page, 'Gateway')).toBeCloseTo(before + 60, 0);

  // Moved by dragging a header onto another's place; a drag is not a sort.
  const comment = centre((await header(page, 'Comment').boundingBox())!);
  const gateway = centre((await header(page, 'Gateway').boundingBox())!);
  await drag(page, comment, gateway);
  await expect.poll(() => headers(page)).toEqual(expect.arrayContaining(['Comment']));
  let order = await headers(page);
  expect(order.indexOf('Comment')).toBe(order.indexOf('Dst. Address') + 1);
  await expect(header(page, 'Comment')).not.toHaveAttribute('aria-sort');

  // The same from the keyboard, in the Columns dialog the toolbar's chooser leads to.
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Arrange columns…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Columns' });
  await dialog.getByRole('button', { name: 'Move Distance left' }).focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await headers(page)).indexOf('Distance'))
    .toBe(order.indexOf('Distance') - 1);
  await dialog.getByLabel('Width of Dst. Address').fill('180');
  await expect.poll(() => headerWidth(page, 'Dst. Address')).toBeCloseTo(180, 0);
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    await page.screenshot({ path: `test-results/screens/routes-columns-dialog-${theme}.png` });
  }
  await dialog.getByRole('button', { name: 'OK' }).click();
  await header(page, 'Gateway').click({ button: 'right' });
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    await page.screenshot({ path: `test-results/screens/routes-columns-menu-${theme}.png` });
  }
  await page.keyboard.press('Escape');
  order = await headers(page);

  // A restart on the same profile: the table comes back as it was left.
  await app.stop();
  app = await startWebApp({ profileDir });
  await openRoutes(page);
  await expect.poll(() => headers(page)).toEqual(order);
  await expect(header(page, 'Scope')).toHaveCount(0);
  await expect(grid(page).getByRole('separator', { name: 'Resize Gateway' })).toHaveAttribute(
    'aria-valuenow',
    String(before + 60),
  );
  expect(await headerWidth(page, 'Dst. Address')).toBeCloseTo(180, 0);
});
