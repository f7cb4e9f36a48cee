import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startDemoRouter } from '../../electron/demo-router';
import { routerCommand, routerRows } from '../routes/demo-router-api';
import { routesLab } from './routes-steps';
import { runOverSsh } from './ssh-steps';

// Export as a technician uses it: routes exported from one router's IP → Routes as `.rsc`, pasted
// line by line into a fresh router's SSH console, make the same routes there. Both routers are
// asked over their own APIs, never the UI.

const password = 'e2e-routes-export-4be0';
const { api, ask, routeRow, open } = routesLab({ family: 'ip', siteName: 'Export source', password });

/** What a route is, as RouterOS prints it: every property the export writes. */
const shape = (row: Record<string, string>) => ({
  'dst-address': row['dst-address'],
  gateway: row.gateway ?? '',
  distance: row.distance,
  scope: row.scope,
  'target-scope': row['target-scope'],
  'check-gateway': row['check-gateway'] ?? '',
  disabled: row.disabled,
  blackhole: row.blackhole ?? 'false',
  comment: row.comment,
});
const exported = async (ask: (...query: string[]) => Promise<Record<string, string>[]>) =>
  (await ask())
    .filter((row) => row.comment?.startsWith('e2e-export'))
    .map(shape)
    .sort((a, b) => a.comment!.localeCompare(b.comment!));

test('the filtered rows exported as .rsc recreate the same routes on a fresh router through its SSH console', async ({
  page,
}) => {
  for (const attrs of [
    ['=dst-address=203.0.113.0/24', '=blackhole=yes', '=comment=e2e-export blackhole'],
    ['=dst-address=198.51.100.0/24', '=gateway=10.0.1.1,10.0.2.1', '=comment=e2e-export ecmp'],
    [
      '=dst-address=192.0.2.0/24',
      '=gateway=10.0.2.1',
      '=distance=7',
      '=scope=20',
      '=check-gateway=ping',
      '=disabled=yes',
      '=comment=e2e-export "quoted"; $not-a-variable',
    ],
  ])
    await routerCommand(api(), '/ip/route/add', ...attrs);
  const source = await exported(ask);
  expect(source).toHaveLength(3);

  await open(page);
  await page.getByLabel('Filter routes').fill('e2e-export');
  await expect(routeRow(page, 'e2e-export')).toHaveCount(3);
  await page.getByRole('toolbar', { name: 'Route actions' }).getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Filtered rows as .rsc' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Export source routes filtered .*\.rsc$/);
  const lines = readFileSync((await download.path())!, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
  expect(lines).toHaveLength(3);

  const dataDir = mkdtempSync(join(tmpdir(), 'uplink-e2e-export-fresh-'));
  const fresh = await startDemoRouter({ password, dataDir, scenario: 'two-wan' });
  try {
    const freshApi = { ...fresh.api, password };
    const freshRoutes = (...query: string[]) => routerRows(freshApi, '/ip/route', ...query);
    expect(await exported(freshRoutes)).toEqual([]);
    const outputs = await runOverSsh(fresh.ssh!.port, password, lines);
    expect(outputs.join('')).not.toMatch(/failure|bad command|syntax error|expected/i);
    expect(await exported(freshRoutes)).toEqual(source);
  } finally {
    await fresh.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
