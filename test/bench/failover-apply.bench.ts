// `npm run bench -- failover-apply`: from a click on Apply in the Confirm Priority plan to the new active
// link shown in the UI, the whole confirmed apply included (safety net on, change, check, safety net
// off). The guide says a failover "can take up to 60 seconds"; Uplink's goal is under one second.
// Web mode in Chromium against a two-wan demo router. Prints figures; asserts nothing.
import { chromium } from '@playwright/test';
import {
  activeLink,
  confirmPriority,
  openTwoWanSite,
  planDialog,
  startTwoWanRouter,
  wanItem,
} from '../e2e/failover-steps';
import { startWebApp } from '../e2e/web-app';
import { benchPage, chromiumLaunchOptions } from '../support/chromium';

const rounds = Number(process.env.UPLINK_BENCH_ROUNDS ?? 10);
const password = 'bench-failover';

export default async function bench(): Promise<void> {
  const router = await startTwoWanRouter(password);
  const app = await startWebApp();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await benchPage(browser, { width: 1280, height: 800 });
    await page.goto(app.url);
    await openTwoWanSite(page, router, 'Bench');
    await activeLink(page).getByText('WAN 1').waitFor();

    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate: the lower WAN moves up, and becomes the active link.
      const [primary, next] = round % 2 === 0 ? [2, 1] : [1, 2];
      await wanItem(page, primary).getByRole('button', { name: 'Move up' }).click();
      await confirmPriority(page).getByRole('button', { name: 'Apply' }).click();
      // Timed from Apply in the plan: reading the plan is the technician's, not the router's, time.
      const apply = planDialog(page, 'Confirm Priority: plan').getByRole('button', { name: 'Apply' });
      await planDialog(page, 'Confirm Priority: plan').getByRole('region', { name: 'Plan' }).waitFor();
      const started = performance.now();
      await apply.click();
      await activeLink(page).getByText(`WAN ${primary}`).waitFor({ timeout: 30_000 });
      times.push(performance.now() - started);
      await confirmPriority(page).waitFor({ state: 'hidden' });
      await wanItem(page, next).waitFor();
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    console.log(`Apply → new active link shown, ${rounds} reorders (confirmed apply, two-wan demo router):`);
    console.log(
      `  median ${at(0.5).toFixed(0)} ms   fastest ${times[0]!.toFixed(0)} ms   slowest ${times.at(-1)!.toFixed(0)} ms   goal < 1000 ms`,
    );
  } finally {
    await browser.close();
    await app.stop();
    await router.stop();
  }
}
