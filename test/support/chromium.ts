import type { Browser, LaunchOptions, Page } from '@playwright/test';

/**
 * Debian's Chromium, never a downloaded one (`playwright install` is not used), with everything
 * that would reach beyond loopback switched off. Shared by the end-to-end tests and the benchmarks.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.UPLINK_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // Lets benchmarks read the renderer's heap through performance.memory.
    '--enable-precise-memory-info',
  ],
};

/**
 * A page for a benchmark run under tsx: its compiler names functions through a `__name` helper,
 * which code handed to `page.evaluate` then calls inside the page, where it does not exist.
 */
export async function benchPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  return page;
}
