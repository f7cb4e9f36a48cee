import { expect, test } from '@playwright/test';
import {
  activeDefaultOnRouter,
  activeLink,
  applyPlan,
  applyPriority,
  confirmPriority,
  planDialog,
  priorityList,
  routesOnRouter,
  setUpTwoWans,
  shownOrder,
  startTwoWanRouter,
  type TwoWanRouter,
  wanItem,
} from './failover-steps';
import { addSite, fact, sessionStatus } from './site-steps';
import { startWebApp, type WebApp } from './web-app';

// The whole WAN failover flow over an SSH-only site, as a Transient Access grant gives one: with the
// router's SSH forwarding off (RouterOS's default), Uplink works through the console; with it on,
// through the API in an SSH tunnel. What the router holds is asked of the router over its API.

const password = 'e2e-failover-ssh-5d1c';

let router: TwoWanRouter;
let app: WebApp;

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads which fixtures a hook wants from this pattern.
test.afterEach(async ({}, testInfo) => {
  // What main said is the first thing to read when a flow over SSH fails.
  if (testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach('web mode output', { body: app?.output() ?? '' });
  await app?.stop();
  await router?.stop();
});

const onRouter = () => routesOnRouter(router.demo, password);
const activeDefault = () => activeDefaultOnRouter(router.demo, password);

for (const { forwarding, channel } of [
  { forwarding: 'no', channel: 'SSH (CLI)' },
  { forwarding: 'local', channel: 'API over SSH' },
]) {
  test(`enable, configure, reorder, apply and deactivate over SSH with forwarding-enabled=${forwarding} (${channel})`, async ({
    page,
  }) => {
    // Every step is a few console commands over SSH; the whole flow takes longer than one over the API.
    test.setTimeout(120_000);
    router = await startTwoWanRouter(password, { ssh: true });
    await router.demo.router.runScript(`/ip ssh set forwarding-enabled=${forwarding}`);
    app = await startWebApp();
    await page.goto(app.url);
    await addSite(page, { name: 'Grant', port: router.demo.ssh!.port, password, transport: 'SSH' });
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('button', { name: 'Trust and connect' }).click();
    await expect(sessionStatus(page)).toHaveText('Online');
    await expect(fact(page, 'Channel')).toHaveText(channel);

    await setUpTwoWans(page);
    await expect(activeLink(page)).toContainText('WAN 1');

    await wanItem(page, 2).getByRole('button', { name: 'Move up' }).click();
    expect(await shownOrder(page)).toEqual(['WAN 2', 'WAN 1']);
    await applyPriority(page);
    await expect(activeLink(page)).toContainText('WAN 2');
    await expect(confirmPriority(page)).toBeHidden();
    expect((await activeDefault())?.comment).toBe('uplink:wan2');
    expect(
      (await onRouter())
        .filter((route) => route.comment === 'uplink:wan1' || route.comment === 'uplink:wan2')
        .map((route) => [route.comment, route.distance])
        .sort(),
    ).toEqual([
      ['uplink:wan1', 2],
      ['uplink:wan2', 1],
    ]);

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await expect(
      planDialog(page, 'Deactivate WAN failover').getByRole('listitem').filter({ hasText: ': remove' }),
    ).toHaveCount(4);
    await applyPlan(page, 'Deactivate WAN failover');
    await expect(page.getByRole('button', { name: 'Enable' })).toBeVisible();
    await expect(priorityList(page)).toBeHidden();
    expect((await onRouter()).filter((route) => route.comment.startsWith('uplink:'))).toEqual([]);
    expect(await activeDefault()).toBeDefined();
    await expect(wanItem(page, 1)).toBeHidden();
  });
}
