import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { fact, sessionStatus, siteItem, sitesList } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// The sites UI against the real app in web mode, each test on a fresh profile: the sites list, the
// site dialog and the built-in Demo router, driven the way a technician would (often keyboard only).

let app: WebApp;

test.beforeEach(async () => {
  app = await startWebApp();
});

test.afterEach(async () => {
  await app.stop();
});

const siteRow = (page: Page, name: string) => siteItem(page, name).getByRole('button', { name, exact: true });

test('the Demo router works on a fresh profile with no setup', async ({ page }) => {
  await page.goto(app.url);
  const demo = siteItem(page, 'Demo router');
  await expect(demo).toBeVisible();
  await expect(demo.getByText('Demo', { exact: true })).toBeVisible();

  await siteRow(page, 'Demo router').press('Enter');
  await expect(sessionStatus(page)).toHaveText('Online');
  await expect(fact(page, 'Identity')).not.toHaveText('—');
  await expect(fact(page, 'RouterOS')).toHaveText(/^7\.\d+/);
  // Where the simulator really listens, not the placeholder the site is stored with.
  await expect(fact(page, 'Address')).toHaveText(/^127\.0\.0\.1:\d+$/);
  await expect(fact(page, 'Address')).not.toHaveText('127.0.0.1:8728');
  // The list says so too, at a glance.
  await expect(demo).toContainText('Online');
  await expect(demo).toContainText(/RouterOS 7\.\d+/);

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(sessionStatus(page)).toHaveText('Offline');
});

test('a site is added, edited and removed with the keyboard alone', async ({ page }) => {
  await page.goto(app.url);
  await expect(siteItem(page, 'Demo router')).toBeVisible();

  await page.getByRole('button', { name: 'Add site' }).focus();
  await page.keyboard.press('Enter');
  const add = page.getByRole('dialog', { name: 'Add site' });
  await expect(add).toBeVisible();
  await expect(add.getByLabel('Name', { exact: true })).toBeFocused();

  // Save with nothing filled in: the schema's own words, at the fields, and focus on the first.
  await page.keyboard.press('Enter');
  await expect(add.getByText('Give the site a name')).toBeVisible();
  await expect(add.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByLabel('Name', { exact: true })).toBeFocused();

  await page.keyboard.type('Branch office');
  await page.keyboard.press('Tab'); // Reached: Direct
  await page.keyboard.press('Tab'); // Address
  await expect(add.getByLabel('Address', { exact: true })).toBeFocused();
  await page.keyboard.type('192.0.2.10');
  await page.keyboard.press('Tab'); // Port
  await expect(add.getByLabel('Port', { exact: true })).toHaveValue('8728');
  await page.keyboard.press('Tab'); // Transport
  await expect(add.getByLabel('Transport', { exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(add.getByLabel('Transport', { exact: true })).toHaveValue('api-ssl');
  // The port followed the transport, since it was the old default.
  await expect(add.getByLabel('Port', { exact: true })).toHaveValue('8729');
  await page.keyboard.press('Tab'); // User
  await page.keyboard.press('Tab'); // Password
  await expect(add.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type('not-a-real-password');
  await page.keyboard.press('Enter');
  await expect(add).toBeHidden();

  const branch = siteItem(page, 'Branch office');
  await expect(branch).toBeVisible();
  await expect(branch).toContainText('API-SSL · 192.0.2.10:8729');
  // Sorted by name, and the new site is the selected one.
  await expect(sitesList(page).getByRole('listitem')).toHaveText([/^Branch office/, /^Demo router/]);
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('Branch office');

  // Edit from the context menu key; the password is write-only.
  await siteRow(page, 'Branch office').focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for Branch office' });
  await expect(menu).toBeVisible();
  await page.keyboard.press('ArrowDown'); // Disconnect is disabled while offline: skipped.
  await expect(menu.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit site' });
  await expect(edit).toBeVisible();
  await expect(edit.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(edit.getByText('Leave blank to keep the stored password.')).toBeVisible();
  await expect(edit.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Warehouse');
  await page.keyboard.press('Enter');
  await expect(edit).toBeHidden();
  await expect(siteItem(page, 'Warehouse')).toBeVisible();
  await expect(siteItem(page, 'Branch office')).toHaveCount(0);
  // Focus came back to the row the menu was opened on.
  await expect(siteRow(page, 'Warehouse')).toBeFocused();

  // Arrow keys move the selection; Delete asks first, and Cancel (focused) keeps the site.
  await page.keyboard.press('ArrowUp');
  await expect(siteRow(page, 'Demo router')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(siteRow(page, 'Warehouse')).toBeFocused();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Remove site' });
  await expect(confirm).toContainText('Remove Warehouse?');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(siteItem(page, 'Warehouse')).toBeVisible();
  await expect(siteRow(page, 'Warehouse')).toBeFocused();

  await page.keyboard.press('Delete');
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Remove' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(siteItem(page, 'Warehouse')).toHaveCount(0);
  await expect(sitesList(page).getByRole('listitem')).toHaveText([/^Demo router/]);

  // The site's tabs: one tab stop, arrows move and select.
  await page.getByRole('tab', { name: 'Routes', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'IPv6 Routes', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  const failover = page.getByRole('tab', { name: 'WAN Failover', exact: true });
  await expect(failover).toBeFocused();
  await expect(failover).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'WAN Failover' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Monitor', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // Past the last tab, the arrow wraps round to the first.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Routes', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  // And it stays gone: main persisted the removal.
  await page.reload();
  await expect(siteItem(page, 'Demo router')).toBeVisible();
  await expect(siteItem(page, 'Warehouse')).toHaveCount(0);
});

test('a grant’s empty password fills the field with nothing', async ({ page }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add site' }).click();
  const add = page.getByRole('dialog', { name: 'Add site' });
  await add.getByLabel('Transient Access', { exact: true }).check();
  // Typed first, so the grant's empty password has something to replace.
  await add.getByLabel('Password', { exact: true }).fill('left over');
  await add
    .getByLabel('Paste grant', { exact: true })
    .fill('Host: 192.0.2.40\nPort: 40022\nUsername: ta-7\nPassword: \nExpires in: 2 hours');
  await expect(add.getByText('Filled in: Address, Port, User, Password, Expires.')).toBeVisible();
  await expect(add.getByLabel('Password', { exact: true })).toHaveValue('');
});

/** Edit site, from the site header's menu. */
async function openEdit(page: Page) {
  await page.getByRole('button', { name: 'Site actions' }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  return page.getByRole('dialog', { name: 'Edit site' });
}

/** A direct site with a stored password, selected. */
async function addSiteWithPassword(page: Page, name: string) {
  await page.getByRole('button', { name: 'Add site' }).click();
  const add = page.getByRole('dialog', { name: 'Add site' });
  await add.getByLabel('Name', { exact: true }).fill(name);
  await add.getByLabel('Address', { exact: true }).fill('192.0.2.8');
  await add.getByLabel('Password', { exact: true }).fill('s3cret');
  await add.getByRole('button', { name: 'Save' }).click();
  await expect(add).toBeHidden();
}

test('a stored password can be cleared in Edit site', async ({ page }) => {
  await page.goto(app.url);
  await addSiteWithPassword(page, 'Branch');
  let edit = await openEdit(page);
  const password = edit.getByLabel('Password', { exact: true });
  await expect(password).toHaveAttribute('placeholder', '••••••••');
  await expect(edit.getByText('Leave blank to keep the stored password.')).toBeVisible();
  await edit.getByLabel('Clear the stored password').check();
  await expect(password).toBeDisabled();
  await expect(edit.getByText('Leave blank to keep the stored password.')).toBeHidden();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();

  edit = await openEdit(page);
  await expect(edit.getByLabel('Clear the stored password')).toHaveCount(0);
  await expect(edit.getByLabel('Password', { exact: true })).not.toHaveAttribute('placeholder', /•/);
});

test('the site dialog says plain API sends the password in the clear, and offers API-SSL or SSH', async ({
  page,
}) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add site' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add site' });
  const warning = dialog.getByRole('status').filter({ hasText: 'API sends the password unencrypted' });
  await dialog.getByLabel('Address', { exact: true }).fill('192.0.2.1');
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: 'Use SSH' }).click();
  await expect(dialog.getByLabel('Transport', { exact: true })).toHaveValue('ssh');
  await expect(dialog.getByLabel('Port', { exact: true })).toHaveValue('22');
  await expect(warning).toBeHidden();
  await dialog.getByLabel('Transport', { exact: true }).selectOption({ label: 'API' });
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: 'Use API-SSL' }).click();
  await expect(dialog.getByLabel('Port', { exact: true })).toHaveValue('8729');
  await expect(warning).toBeHidden();
});

test('a site re-pointed elsewhere says its stored password will be cleared', async ({ page }) => {
  await page.goto(app.url);
  await addSiteWithPassword(page, 'Branch');
  let edit = await openEdit(page);
  await expect(edit.getByText('Leave blank to keep the stored password.')).toBeVisible();
  await edit.getByLabel('Port', { exact: true }).fill('18728');
  await expect(
    edit.getByText('A new address, port or transport clears the stored password: type it again to keep one.'),
  ).toBeVisible();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  edit = await openEdit(page);
  await expect(edit.getByLabel('Clear the stored password')).toHaveCount(0);
});

test('a sites.json cut short is set aside, and the app starts and says so', async ({ page }) => {
  const profileDir = mkdtempSync(join(tmpdir(), 'uplink-e2e-broken-'));
  writeFileSync(join(profileDir, 'sites.json'), '{"version":1,"sites":[{"id":"a1","name":"Bra');
  const broken = await startWebApp({ profileDir });
  try {
    await page.goto(broken.url);
    const notice = page
      .getByRole('status')
      .filter({ hasText: 'sites.json could not be read and was set aside' });
    await expect(notice).toContainText(
      /is now sites\.json\.broken-\S+\. Uplink started without the sites it listed/,
    );
    await expect(siteItem(page, 'Demo router')).toBeVisible();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
  } finally {
    await broken.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
});
