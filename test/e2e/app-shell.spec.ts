import { expect, test } from '@playwright/test';
import packageJson from '../../package.json';
import { startWebApp, type WebApp } from './web-app';

let app: WebApp;

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app.stop();
});

test('the app shell shows the version app.info reports over the WebSocket', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto(app.url);
  await expect(page.getByLabel('App version')).toHaveText(`Uplink ${packageJson.version}`);
  await expect(page.getByLabel('App mode')).toContainText('Web mode');
  // The token leaves the address bar once the page has it.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await page.screenshot({ path: 'test-results/screens/app-shell.png' });
  // A strict CSP that the app itself violates would show up here.
  expect(errors).toEqual([]);
});

test('a reload keeps working without the token in the address', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByLabel('App version')).toHaveText(`Uplink ${packageJson.version}`);
  await page.reload();
  await expect(page.getByLabel('App version')).toHaveText(`Uplink ${packageJson.version}`);
});

test('without the token the page says which address to open and gets nothing', async ({ page }) => {
  await page.goto(app.origin);
  await expect(page.getByRole('alert')).toContainText('open the address Uplink printed');
  await expect(page.getByLabel('App version')).not.toHaveText(/Uplink \d/);
  const cookies = await page.context().cookies();
  expect(cookies).toEqual([]);
});

test('the theme picker switches between light and dark', async ({ page }) => {
  await page.goto(app.url);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByLabel('Theme').selectOption('dark');
  const dark = await background();
  await page.getByLabel('Theme').selectOption('light');
  const light = await background();
  expect(dark).not.toBe(light);
  await page.reload();
  await expect(page.getByLabel('Theme')).toHaveValue('light');
});
