import { _electron as electron, expect, test } from '@playwright/test';
import packageJson from '../../package.json';
import { displayProblem, findElectronBinary } from '../../scripts/electron-binary';

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
