// `npm run bench -- monitor`: what live link monitoring costs. Memory: four WANs sampled at 1 Hz
// through the real monitor code (SiteMonitor, its probe windows and two-resolution series), a
// simulated day fed sample by sample, the heap measured after a forced collection. Redraw: the
// real web app in Chromium, two WANs on the two-wan demo router, so four live graphs; every uPlot
// redraw is timed in the page and the redraws of one frame added up. Prints figures; asserts nothing.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { chromium, type Page } from '@playwright/test';
import { SiteMonitor } from '../../electron/monitor/site-monitor';
import type { RouterClient } from '../../electron/routeros/router-client';
import type { FailoverState } from '../../shared/ipc/channels/failover';
import { defaultHealthThresholds } from '../../shared/monitor/health';
import { openTwoWanSite, startTwoWanRouter } from '../e2e/failover-steps';
import { startWebApp } from '../e2e/web-app';
import { benchPage, chromiumLaunchOptions } from '../support/chromium';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number) => `${value.toFixed(2)} ms`;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heap(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** A site whose failover has four WANs, all with probes (`hosts` each): what SiteMonitor measures. */
function fourWans(hosts: number): FailoverState {
  return {
    siteId: 'bench',
    phase: 'ready',
    readOnly: false,
    others: [],
    wans: [1, 2, 3, 4].map((wan) => ({
      wan,
      priority: wan,
      distance: wan,
      gateway: `10.0.${wan}.1`,
      interface: `ether${wan}`,
      probe: `192.0.2.${wan}`,
      moreProbes: Array.from({ length: hosts - 1 }, (_, host) => `198.51.100.${wan * 10 + host}`),
      state: wan === 1 ? 'active' : 'standby',
    })),
  };
}

function memoryPerWanHour(hosts: number): void {
  const wans = 4;
  let now = Date.UTC(2025, 0, 1);
  const before = heap();
  const monitor = new SiteMonitor('bench', {
    // Nothing watches it, so no stream is ever started; samples are fed as the pings would.
    client: () => ({}) as RouterClient,
    thresholds: () => defaultHealthThresholds,
    tick: () => undefined,
    status: () => undefined,
    now: () => now,
  });
  monitor.failoverChanged(fourWans(hosts));
  const hour = (count: number) => {
    for (let second = 0; second < count * 3600; second += 1) {
      now += 1000;
      for (let wan = 1; wan <= wans; wan += 1)
        // The further hosts answer first: the first host's probe makes the WAN's sample.
        for (let host = hosts - 1; host >= 0; host -= 1)
          monitor.probe(wan, host, second % 97 === host ? undefined : 20 + host + (second % 7));
    }
  };
  const rows: [string, number][] = [];
  for (const hours of [1, 6, 24, 48]) {
    hour(hours - (rows.length === 0 ? 0 : [1, 6, 24, 48][rows.length - 1]!));
    rows.push([`${hours} h`, heap() - before]);
  }
  console.log(
    `memory, ${wans} WANs of ${hosts} probe host${hosts === 1 ? '' : 's'} each at 1 Hz (heap + typed arrays after GC, held by SiteMonitor):`,
  );
  for (const [label, bytes] of rows) {
    console.log(
      `  after ${label.padEnd(5)} ${kb(bytes).padStart(8)} total, ${kb(bytes / wans).padStart(7)} per WAN, ${kb(bytes / wans / Number.parseInt(label, 10)).padStart(7)} per WAN-hour`,
    );
  }
  console.log(`  ring buffers allocated: ${kb(monitor.byteLength)} (fixed: a day costs what an hour does)`);
}

/**
 * Times every redraw uPlot makes: it commits each chart's redraw in a microtask, and a redraw is
 * the microtask that clears a canvas. Installed before the app's scripts load.
 */
function timeRedraws(): void {
  const times: { start: number; duration: number }[] = [];
  let drew = false;
  const clearRect = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (...args) {
    drew = true;
    return clearRect.apply(this, args);
  };
  const queue = window.queueMicrotask.bind(window);
  window.queueMicrotask = (callback) =>
    queue(() => {
      drew = false;
      const start = performance.now();
      try {
        callback();
      } finally {
        if (drew) times.push({ start, duration: performance.now() - start });
      }
    });
  (window as unknown as { redraws: typeof times }).redraws = times;
}

async function redrawsPerFrame(page: Page, seconds: number): Promise<number[]> {
  await page.evaluate(() => {
    (window as unknown as { redraws: unknown[] }).redraws.length = 0;
  });
  await page.waitForTimeout(seconds * 1000);
  const redraws = await page.evaluate(
    () => (window as unknown as { redraws: { start: number; duration: number }[] }).redraws,
  );
  // Redraws of one frame run back to back in one microtask checkpoint; a new frame is 8 ms on.
  const frames: number[] = [];
  let frameStart = Number.NEGATIVE_INFINITY;
  for (const { start, duration } of redraws) {
    if (start - frameStart > 8) {
      frames.push(0);
      frameStart = start;
    }
    frames[frames.length - 1] = (frames.at(-1) ?? 0) + duration;
  }
  return frames.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

async function redrawCost(): Promise<void> {
  const password = 'bench-monitor';
  const router = await startTwoWanRouter(password);
  const app = await startWebApp();
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await benchPage(browser, { width: 1280, height: 900 });
    await page.addInitScript(timeRedraws);
    await page.goto(app.url);
    await openTwoWanSite(page, router, 'Bench');
    await page.getByRole('tab', { name: 'Monitor' }).click();
    const charts = await page.getByRole('figure').count();
    await page.getByRole('radio', { name: '1 minute' }).check();
    // A full one-minute window: 60 points in every series before timing starts.
    await page.waitForTimeout(62_000);
    console.log(`redraw per frame, ${charts} live graphs in Chromium (goal ≤ 4 ms):`);
    for (const window of ['1 minute', '10 minutes'] as const) {
      await page.getByRole('radio', { name: window }).check();
      await page.waitForTimeout(1000);
      const frames = await redrawsPerFrame(page, 20);
      console.log(
        `  window ${window.padEnd(10)} ${String(frames.length).padStart(3)} frames: median ${ms(percentile(frames, 0.5))}, p95 ${ms(percentile(frames, 0.95))}, max ${ms(frames.at(-1) ?? Number.NaN)}`,
      );
    }
  } finally {
    await browser.close();
    await app.stop();
    await router.stop();
  }
}

export default async function monitorBench(): Promise<void> {
  memoryPerWanHour(1);
  // A quality-watched WAN's three probe hosts, each with its own round trip, jitter and loss series.
  memoryPerWanHour(3);
  await redrawCost();
}
