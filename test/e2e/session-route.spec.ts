import { expect, type Page, test } from '@playwright/test';
import { routerCommand, routerRows } from '../routes/demo-router-api';
import { themedScreenshots } from './failover-steps';
import { routerLab } from './router-lab';
import { fact } from './site-steps';

// The route carrying the session, end to end in web mode on the API and on SSH's console: the
// demo router sees the session coming from a relay (198.51.100.7) reached by a route of its own
// through ISP2. Its distance changed in the route dialog shows the plan first, saying this route
// carries the session, and nothing reaches the router before Apply; a route elsewhere goes at once.
// What the router holds is asked of the router itself, never read back from the UI.

const password = 'e2e-session-route-3b7e';
const siteName = 'Relay lab';
const relay = '198.51.100.7';

const lab = routerLab(password);
const { api } = lab;
const routeAt = async (dst: string) => (await routerRows(api(), '/ip/route', `?dst-address=${dst}`))[0];
const grid = (page: Page) => page.getByRole('grid', { name: 'Routes', exact: true });

/** The route dialog's Distance, typed and OK'd; the caller says what follows. */
async function typeDistance(page: Page, dst: string, distance: number) {
  await grid(page).getByRole('row').filter({ hasText: dst }).dblclick();
  const dialog = page.getByRole('dialog', { name: `Route ${dst}` });
  await dialog.getByLabel('Distance', { exact: true }).fill(String(distance));
  await dialog.getByRole('button', { name: 'OK' }).click();
  return dialog;
}

for (const door of [
  { transport: 'API', channel: 'API' },
  { transport: 'SSH', channel: 'SSH (CLI)' },
] as const) {
  test(`a change to the route carrying the session is planned first and says why; one elsewhere goes at once (${door.channel})`, async ({
    page,
  }) => {
    await lab.start({ sshPort: door.transport === 'SSH' ? 0 : null, loginsFrom: relay });
    await routerCommand(
      api(),
      '/ip/route/add',
      '=dst-address=198.51.100.0/24',
      '=gateway=10.0.2.1',
      '=comment=VPN',
    );
    await routerCommand(api(), '/ip/route/add', '=dst-address=203.0.113.0/24', '=gateway=10.0.1.1');
    await lab.open(page, siteName, door.transport);
    await expect(fact(page, 'Channel')).toHaveText(door.channel);
    await expect(fact(page, 'Seen from')).toHaveText(relay);
    await page.getByRole('tab', { name: 'Routes', exact: true }).click();

    const dialog = await typeDistance(page, '198.51.100.0/24', 7);
    const plan = page.getByRole('dialog', { name: 'Apply to the router?' });
    await expect(plan.getByRole('list', { name: 'Why' }).getByRole('listitem')).toHaveText([
      `198.51.100.0/24 (VPN): this route carries your session to the router (the router sees Uplink at ${relay}).`,
    ]);
    await expect(plan.getByRole('region', { name: 'Plan' }).getByRole('listitem')).toHaveText([
      '198.51.100.0/24 (VPN): distance 1 → 7',
    ]);
    expect((await routeAt('198.51.100.0/24'))?.distance, 'nothing is sent before Apply').toBe('1');
    if (door.transport === 'API') await themedScreenshots(page, 'test-results/screens/session-route', 'plan');
    await plan.getByRole('button', { name: 'Apply' }).click();
    await expect(plan).toBeHidden();
    await expect(dialog).toBeHidden();
    expect((await routeAt('198.51.100.0/24'))?.distance).toBe('7');
    expect(await routerRows(api(), '/system/scheduler'), 'the safety net is off again').toEqual([]);

    // A route the session does not ride: no plan, straight to the router.
    const other = await typeDistance(page, '203.0.113.0/24', 4);
    await expect(other).toBeHidden();
    await expect(plan).toBeHidden();
    expect((await routeAt('203.0.113.0/24'))?.distance).toBe('4');
  });
}
