import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import packageJson from '../../package.json';
import { displayProblem, findElectronBinary } from '../../scripts/electron-binary';
import { addAndConnect, startTwoWanRouter } from '../e2e/failover-steps';
import { siteItem } from '../e2e/site-steps';

const binary = findElectronBinary();
const skipReason = 'reason' in binary ? binary.reason : displayProblem();
if (skipReason) {
  // Said plainly in the test output, not only in a report: this run did not start Electron.
  console.log(`Electron smoke test SKIPPED: ${skipReason}.`);
}

test('the Electron app opens its window and shows the version from app.info', async () => {
  test.skip(skipReason !== undefined, `Electron smoke test skipped: ${skipReason}`);
  if ('reason' in binary) return;
  const app = await electron.launch({ executablePath: binary.path, args: ['.'] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByLabel('App version')).toHaveText(`Uplink ${packageJson.version}`);
    await expect(window.getByLabel('App mode')).toContainText('Desktop');
    // The sandboxed renderer sees the bridge and nothing of Node.
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
      'undefined',
    );
  } finally {
    await app.close();
  }
});

/** Electron's notifications as main shows them in this test: recorded, not put on the desktop. */
type Recorded = { uplinkShown: { title: string; body: string; emit(event: 'click'): void }[] };

test('a lost session raises a desktop notification through Electron’s Notification; a click opens the site', async () => {
  test.skip(skipReason !== undefined, `Electron smoke test skipped: ${skipReason}`);
  if ('reason' in binary) return;
  const profile = mkdtempSync(join(tmpdir(), 'uplink-smoke-'));
  const password = 'smoke-notify-5c1d';
  const router = await startTwoWanRouter(password);
  let stopped: Promise<void> | undefined;
  const app = await electron.launch({
    executablePath: binary.path,
    args: ['.'],
    env: { ...process.env, UPLINK_PROFILE: profile },
  });
  try {
    await app.evaluate(({ Notification }) => {
      const scope = globalThis as unknown as { uplinkShown: unknown[] };
      scope.uplinkShown = [];
      Notification.prototype.show = function record(this: unknown) {
        scope.uplinkShown.push(this);
      };
    });
    const window = await app.firstWindow();
    await addAndConnect(window, { name: 'Branch office', port: router.demo.api.port, password });
    await siteItem(window, 'Demo router').click();
    stopped = router.stop();
    await expect
      .poll(
        () =>
          app.evaluate(() =>
            (globalThis as unknown as Recorded).uplinkShown.map(({ title, body }) => `${title}: ${body}`),
          ),
        {
          timeout: 15_000,
        },
      )
      .toContainEqual(expect.stringMatching(/^Branch office: Connection lost/));
    // The technician clicks it.
    await app.evaluate(() =>
      (globalThis as unknown as Recorded).uplinkShown
        .find((each) => each.title === 'Branch office')
        ?.emit('click'),
    );
    await expect(window.getByRole('heading', { name: 'Branch office' })).toBeVisible();
  } finally {
    await app.close();
    await (stopped ?? router.stop());
    rmSync(profile, { recursive: true, force: true });
  }
});
