import { expect, type Page } from '@playwright/test';

// Sites and sessions as a technician sees them, found by role and name, shared by the end-to-end
// tests and the benchmarks that drive the UI.

export const sitesList = (page: Page) => page.getByRole('list', { name: 'Sites' });
export const siteItem = (page: Page, name: string) =>
  sitesList(page).getByRole('listitem', { name, exact: true });
export const sessionStatus = (page: Page) => page.getByRole('status', { name: 'Session status' });
/** One of the facts the site header shows about the router (Identity, RouterOS, Channel, …). */
export const fact = (page: Page, term: string) =>
  page
    .getByRole('main')
    .locator('.site-fact')
    .filter({ has: page.getByRole('term').filter({ hasText: term }) })
    .getByRole('definition');

export interface NewSite {
  name: string;
  port: number;
  password: string;
  transport?: 'API' | 'API-SSL' | 'SSH';
}

/** Add site, for a router on 127.0.0.1 as user admin; resolves once the new site is open. */
export async function addSite(page: Page, site: NewSite): Promise<void> {
  await page.getByRole('button', { name: 'Add site' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add site' });
  await dialog.getByLabel('Name', { exact: true }).fill(site.name);
  await dialog.getByLabel('Address', { exact: true }).fill('127.0.0.1');
  await dialog.getByLabel('Transport', { exact: true }).selectOption({ label: site.transport ?? 'API' });
  await dialog.getByLabel('Port', { exact: true }).fill(String(site.port));
  await dialog.getByLabel('User', { exact: true }).fill('admin');
  await dialog.getByLabel('Password', { exact: true }).fill(site.password);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(siteItem(page, site.name)).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(site.name);
}
