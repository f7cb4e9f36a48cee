import { expect, test } from '@playwright/test';
import { startWebApp } from '../web-app';

test('shots', async ({ page }) => {
  const app = await startWebApp();
  try {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Add site' }).click();
    const add = page.getByRole('dialog', { name: 'Add site' });
    await add.getByLabel('Name', { exact: true }).fill('Branch');
    await add.getByLabel('Address', { exact: true }).fill('192.0.2.8');
    await add.getByLabel('Password', { exact: true }).fill('s3cret');
    await page.screenshot({ path: '/tmp/shot-add.png' });
    await add.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Site actions' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit site' });
    await edit.getByLabel('Port', { exact: true }).fill('18728');
    await edit.getByLabel('Clear the stored password').scrollIntoViewIfNeeded();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: '/tmp/shot-edit-dark.png' });
    await expect(edit).toBeVisible();
  } finally {
    await app.stop();
  }
});
