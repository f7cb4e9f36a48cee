import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type DemoRouter, startDemoRouter } from '../../electron/demo-router';
import { addSite, fact, type NewSite, sessionStatus, siteItem } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// Sessions end to end: web mode against a demo router started here, on its own, with its own
// identity and password, so what the UI shows can only have come from that router.

const identity = 'e2e-edge-router';
const password = 'e2e-Secret-7f3a';

let demo: DemoRouter;
let dataDir: string;
let app: WebApp;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'uplink-e2e-router-'));
  demo = await startDemoRouter({ identity, password, dataDir });
});

test.afterAll(async () => {
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// A fresh profile per test: no site, pinned key or password carries over from another test.
test.beforeEach(async () => {
  app = await startWebApp();
});

test.afterEach(async () => {
  demo.faults.clear();
  await app.stop();
});

/** A site for the router started here, over `transport`; its password unless another is given. */
const addEdgeSite = (page: Page, site: Omit<NewSite, 'password'> & { password?: string }) =>
  addSite(page, { ...site, password: site.password ?? password });

async function expectOnline(page: Page, name: string): Promise<void> {
  await expect(sessionStatus(page)).toHaveText('Online');
  await expect(fact(page, 'Identity')).toHaveText(identity);
  await expect(fact(page, 'RouterOS')).toHaveText(/^7\.\d+/);
  await expect(siteItem(page, name)).toContainText(identity);
}

test('connects over the API', async ({ page }) => {
  await page.goto(app.url);
  await addEdgeSite(page, { name: 'Edge API', port: demo.api.port, transport: 'API' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectOnline(page, 'Edge API');
  await expect(fact(page, 'Channel')).toHaveText('API');
});

test('connects over API-SSL once the certificate is trusted', async ({ page }) => {
  await page.goto(app.url);
  await addEdgeSite(page, { name: 'Edge API-SSL', port: demo.apiSsl.port, transport: 'API-SSL' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const prompt = page.getByRole('main').getByText('New certificate: check it before you trust it');
  await expect(prompt).toBeVisible();
  // A question waiting for an answer, not a failure: no "Failed", no alert about the session.
  await expect(sessionStatus(page)).toHaveText('Key to check');
  await expect(siteItem(page, 'Edge API-SSL')).toContainText('Key to check');
  await expect(page.getByRole('status').filter({ hasText: 'New certificate' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /certificate|connect/i })).toHaveCount(0);
  await expect(
    page
      .getByRole('main')
      .getByRole('definition')
      .filter({ hasText: /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Trust and connect' }).click();
  await expectOnline(page, 'Edge API-SSL');
  await expect(fact(page, 'Channel')).toHaveText('API-SSL');
  await expect(prompt).toBeHidden();
});

test('connects over SSH', async ({ page }) => {
  const ssh = demo.ssh;
  if (!ssh) throw new Error('the demo router was started without SSH');
  await page.goto(app.url);
  await addEdgeSite(page, { name: 'Edge SSH', port: ssh.port, transport: 'SSH' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Trust and connect' }).click();
  await expectOnline(page, 'Edge SSH');
  await expect(fact(page, 'Channel')).toHaveText(/SSH/);
});

test('a wrong password is said plainly, with the way to fix it', async ({ page }) => {
  await page.goto(app.url);
  await addEdgeSite(page, {
    name: 'Edge wrong password',
    port: demo.api.port,
    transport: 'API',
    password: 'nope',
  });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'The router refused the login' });
  await expect(problem).toContainText('Check them in Edit site.');
  await expect(sessionStatus(page)).toHaveText('Failed');
  await problem.getByRole('button', { name: 'Edit site' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit site' });
  await edit.getByLabel('Password', { exact: true }).fill(password);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectOnline(page, 'Edge wrong password');
  await expect(problem).toBeHidden();
});

test('a wrong port is said once, with the service to check', async ({ page }) => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await page.goto(app.url);
  await addEdgeSite(page, { name: 'Edge wrong port', port, transport: 'API' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Could not connect' });
  await expect(problem).toContainText(`127.0.0.1:${port} refused the connection`);
  const said = (await problem.textContent()) ?? '';
  expect(said.match(/\/ip service/g)).toHaveLength(1);
  expect(said.match(/127\.0\.0\.1/g)).toHaveLength(1);
  await expect(problem.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('a dropped connection shows reconnecting, then online again', async ({ page }) => {
  await page.goto(app.url);
  await addEdgeSite(page, { name: 'Edge flaky', port: demo.api.port, transport: 'API' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expectOnline(page, 'Edge flaky');

  demo.faults.all({ dropAfterSentences: 0 });
  await expect(sessionStatus(page)).toHaveText('Reconnecting');
  await expect(page.getByRole('status').filter({ hasText: 'Connection lost. Reconnecting…' })).toBeVisible();
  await expect(siteItem(page, 'Edge flaky')).toContainText('Reconnecting');
  await expect(sessionStatus(page)).toHaveText('Online', { timeout: 30_000 });
  await expect(siteItem(page, 'Edge flaky')).toContainText('Online');
});

test('a Transient Access grant that expires closes its session with the message', async ({ page }) => {
  const ssh = demo.ssh;
  if (!ssh) throw new Error('the demo router was started without SSH');
  const expiresAt = new Date(Date.now() + 25_000);
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add site' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add site' });
  await dialog.getByLabel('Name', { exact: true }).fill('Client via grant');
  await dialog.getByLabel('Transient Access', { exact: true }).check();
  await expect(dialog.getByLabel('Transport', { exact: true })).toHaveValue('ssh');
  await dialog
    .getByLabel('Paste grant', { exact: true })
    .fill(
      [
        'Host: 127.0.0.1',
        `Port: ${ssh.port}`,
        'Username: admin',
        `Password: ${password}`,
        `Expires: ${expiresAt.toISOString()}`,
        'Access: full',
      ].join('\n'),
    );
  await expect(
    dialog.getByText('Filled in: Address, Port, User, Password, Expires, Read-only.'),
  ).toBeVisible();
  await expect(dialog.getByLabel('Port', { exact: true })).toHaveValue(String(ssh.port));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Trust and connect' }).click();
  await expectOnline(page, 'Client via grant');
  // The time left counts down live, and is red in the last minute.
  const timer = page.getByRole('timer', { name: 'Time left' });
  await expect(timer).toHaveText(/^0:[0-2]\d$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? '');

  await expect(sessionStatus(page)).toHaveText('Expired', { timeout: 40_000 });
  await expect(
    page.getByRole('main').getByText('The Transient Access grant expired', { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('main').getByText(/Its session was closed; unapplied edits are kept/),
  ).toBeVisible();
  // Said once: the banner's title and its next step, nothing repeated.
  await expect(page.getByRole('main').getByText(/grant expired/)).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Edit site' })).toBeVisible();
  await expect(siteItem(page, 'Client via grant')).toContainText('Expired');
});

test('before a change over a grant about to end, the safety net that would outlive it is said, with a grace that fits', async ({
  page,
}) => {
  const ssh = demo.ssh;
  if (!ssh) throw new Error('the demo router was started without SSH');
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add site' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add site' });
  await dialog.getByLabel('Name', { exact: true }).fill('Grant ending');
  await dialog.getByLabel('Transient Access', { exact: true }).check();
  await dialog
    .getByLabel('Paste grant', { exact: true })
    .fill(
      `Host: 127.0.0.1\nPort: ${ssh.port}\nUsername: admin\nPassword: ${password}\nExpires in: 4 minutes`,
    );
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Trust and connect' }).click();
  await expectOnline(page, 'Grant ending');

  await page.getByRole('tab', { name: 'WAN Failover' }).click();
  const grace = page.getByLabel('Grace period (seconds)');
  await grace.fill('300');
  await page.getByRole('region', { name: 'Safety net' }).getByRole('button', { name: 'Save' }).click();
  const warning = page.getByRole('status').filter({ hasText: 'The grant ends before the safety net would' });
  await expect(warning).toContainText(
    /before this change’s 300-second safety net would\. Use a grace of \d+ seconds/,
  );
  const offer = warning.getByRole('button', { name: /^Use a \d+-second grace$/ });
  const seconds = /\d+/.exec((await offer.textContent()) ?? '')?.[0] ?? '';
  await offer.click();
  await expect(grace).toHaveValue(seconds);
  await expect(warning).toBeHidden();
});
