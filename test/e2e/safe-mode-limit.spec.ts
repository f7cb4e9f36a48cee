import { expect, test } from '@playwright/test';
import { routerRows } from '../routes/demo-router-api';
import { themedScreenshots } from './failover-steps';
import { routerLab } from './router-lab';

// Safe Mode holds a change only with its whole undo, of up to 100 routes: with more selected, the
// Routes tab says so before anything is sent, and the changes wait for a smaller selection. What the
// router holds is asked of the router itself.

const password = 'e2e-safe-limit-51c0';
const siteName = 'Safe Mode limit lab';

const lab = routerLab(password);

test('in Safe Mode, a selection of more than 100 routes is told why its changes wait, and nothing is sent', async ({
  page,
}) => {
  await lab.start({ sshPort: null, routes: 150 });
  await lab.open(page, siteName, 'API');
  const safeMode = page.getByRole('button', { name: 'Safe Mode', exact: true });
  await safeMode.click();
  await expect(safeMode).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('tab', { name: 'Routes', exact: true }).click();
  const grid = page.getByRole('grid', { name: 'Routes', exact: true });
  await expect(grid.getByRole('row').filter({ hasText: '20.0.0.0/24' })).toBeVisible();
  await grid.getByRole('row').filter({ hasText: '20.0.0.0/24' }).click();
  await grid.focus();
  await page.keyboard.press('ControlOrMeta+a');
  const warning = page.getByRole('status').filter({ hasText: 'Safe Mode cannot hold a change to' });
  await expect(warning).toContainText(/cannot hold a change to 1\d\d routes/);
  await expect(warning).toContainText('a line per route in the script the router runs');
  const toolbar = page.getByRole('toolbar', { name: 'Route actions' });
  for (const action of ['Enable', 'Disable', 'Comment', 'Remove'])
    await expect(toolbar.getByRole('button', { name: action, exact: true })).toBeDisabled();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await themedScreenshots(page, 'test-results/screens/safe-mode', 'beyond-net');
  expect(await routerRows(lab.api(), '/ip/route', '?disabled=true')).toEqual([]);

  // One route selected: the changes are offered again, and the warning is gone.
  await grid.getByRole('row').filter({ hasText: '20.0.0.0/24' }).click();
  await expect(warning).toBeHidden();
  await expect(toolbar.getByRole('button', { name: 'Disable', exact: true })).toBeEnabled();
});
