// `npm run bench -- fleet-scale`: many sites at once. N two-wan demo routers run in this process
// (links varying from router to router), Uplink in web mode in its own process, every site
// connected and monitored at 1 Hz, the fleet view open in Chromium. For each N: main's CPU and
// memory, the page's frame times, and a failover staged on one router until its row and its
// notification show it. UPLINK_BENCH_FLEET_SIZES="10,50,100" by default. Prints figures; asserts
// nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { type DemoRouter, startDemoRouter } from '../../electron/demo-router';
import type { ServerMessage } from '../../shared/ipc/bridge';
import type { RequestArg, RequestName, ResponseOf } from '../../shared/ipc/contract';
import { startWebApp, type WebApp } from '../e2e/web-app';
import { benchPage, chromiumLaunchOptions } from '../support/chromium';

const sizes = (process.env.UPLINK_BENCH_FLEET_SIZES ?? '10,50,100').split(',').map(Number);
/** How long main's CPU is sampled once every site is monitored, and how long frames are timed. */
const cpuSeconds = 15;
const frameSeconds = 8;
const ticksPerSecond = 100;

const pct = (value: number) => `${value.toFixed(1)} %`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** The contract over web mode's socket, as the page speaks it: for setting up many sites quickly. */
async function openContract(app: WebApp) {
  const token = new URL(app.url).searchParams.get('token') ?? '';
  const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/ipc?token=${token}`, {
    headers: { Origin: app.origin },
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const pending = new Map<number, (message: ServerMessage) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    if ('id' in message) pending.get(message.id)?.(message);
  });
  let next = 1;
  const invoke = <K extends RequestName>(channel: K, arg?: RequestArg<K>) =>
    new Promise<ResponseOf<K>>((resolve, reject) => {
      const id = next++;
      pending.set(id, (message) => {
        pending.delete(id);
        if (!('result' in message)) return;
        if (message.result.ok) resolve(message.result.value as ResponseOf<K>);
        else reject(new Error(message.result.error.message));
      });
      ws.send(JSON.stringify({ id, channel, arg }));
    });
  return { invoke, close: () => ws.close() };
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function processUsage(pid: number): { cpuSeconds: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpuSeconds: cpu, rss: rssKb * 1024 };
}

async function until<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Over `seconds`: the intervals between frames by requestAnimationFrame (on a loaded machine they
 * include time the page waited for a core), and the page's own work per frame: each frame's
 * rendering (from its rAF callback to the task after it: style, layout, paint) plus the handling
 * of the messages from main that came in since the frame before (the socket's handler and the
 * React update it starts, up to the task after it). Both sorted.
 */
async function frameTimes(page: Page, seconds: number): Promise<{ intervals: number[]; work: number[] }> {
  return page.evaluate(async (seconds) => {
    const after = (run: (now: number) => void) => setTimeout(() => run(performance.now()), 0);
    const timed = (window as unknown as { updateWork: number[] }).updateWork;
    await new Promise((resolve) => setTimeout(resolve, 50));
    timed.length = 0;
    const intervals: number[] = [];
    const work: number[] = [];
    let last = performance.now();
    const end = last + seconds * 1000;
    await new Promise<void>((resolve) => {
      const step = (now: number) => {
        intervals.push(now - last);
        last = now;
        const updates = timed.splice(0).reduce((sum, each) => sum + each, 0);
        after((done) => work.push(done - now + updates));
        if (now < end) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    intervals.shift();
    work.shift();
    return { intervals: intervals.sort((a, b) => a - b), work: work.sort((a, b) => a - b) };
  }, seconds);
}

/**
 * The page's main thread over a stretch, from Chromium's own counters in thread time (CDP
 * Performance): the CPU its tasks took and how much of it went to script, style and layout, not
 * counting the time it waited for a core on a loaded machine. In ms, and the stretch in seconds.
 */
async function threadTime(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => (metrics.find((metric) => metric.name === name)?.value ?? 0) * 1000;
    return {
      task: value('TaskDuration'),
      script: value('ScriptDuration'),
      style: value('RecalcStyleDuration'),
      layout: value('LayoutDuration'),
    };
  };
  const start = await read();
  const began = Date.now();
  return {
    since: async () => {
      const end = await read();
      await cdp.detach();
      return {
        seconds: (Date.now() - began) / 1000,
        task: end.task - start.task,
        script: end.script - start.script,
        style: end.style - start.style,
        layout: end.layout - start.layout,
      };
    },
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  /** Thread time, µs: what the thread ran, not what it waited for a core. */
  tdur?: number;
  args?: { name?: string };
}

/**
 * Chromium's own trace of the page's main thread (CDP Tracing): the CPU its tasks took between one
 * animation frame and the next (the frame loop of frameTimes marks each), sorted, in ms; and where
 * the time went, by the trace's event names (Paint, FunctionCall, Layout, ...), the largest first.
 */
async function traceMainThread(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  return {
    stop: async () => {
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      const main = events.find((each) => each.name === 'thread_name' && each.args?.name === 'CrRendererMain');
      const mine = events.filter(
        (each) => each.pid === main?.pid && each.tid === main?.tid && each.ph === 'X',
      );
      const frameStarts = mine
        .filter((each) => each.name === 'FireAnimationFrame')
        .map((each) => each.ts)
        .sort((a, b) => a - b);
      const frames = frameStarts.slice(1).map(() => 0);
      const totals = new Map<string, number>();
      for (const each of mine) {
        const cpu = (each.tdur ?? 0) / 1000;
        if (each.name !== 'RunTask') {
          totals.set(each.name, (totals.get(each.name) ?? 0) + cpu);
          continue;
        }
        // The frame a task ran in: after the frame start at or before it.
        let low = 0;
        let high = frameStarts.length - 1;
        while (low < high) {
          const middle = Math.ceil((low + high) / 2);
          if ((frameStarts[middle] as number) <= each.ts) low = middle;
          else high = middle - 1;
        }
        if (low < frames.length && (frameStarts[low] as number) <= each.ts)
          frames[low] = (frames[low] ?? 0) + cpu;
      }
      const top = [...totals]
        .filter(([name]) =>
          [
            'Paint',
            'FunctionCall',
            'Layout',
            'UpdateLayoutTree',
            'PrePaint',
            'Commit',
            'Layerize',
            'EventDispatch',
            'TimerFire',
          ].includes(name),
        )
        .sort((a, b) => b[1] - a[1]);
      return { frames: frames.sort((a, b) => a - b), top };
    },
  };
}

const at = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function runScale(count: number, browserPage: () => Promise<Page>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'uplink-bench-fleet-'));
  const routers: DemoRouter[] = [];
  let app: WebApp | undefined;
  try {
    // The first makes the API-SSL certificate the others then share.
    const start = (index: number) =>
      startDemoRouter({ password: '', dataDir, sshPort: null, scenario: 'two-wan' }).then((demo) => {
        // Links vary: 10-50 ms and 40-120 ms round trips, some jitter and loss.
        demo.router.links.set('ether1', {
          latencyMs: 10 + (index % 41),
          jitterMs: index % 5,
          lossPct: index % 3,
        });
        demo.router.links.set('ether2', { latencyMs: 40 + ((index * 7) % 81), jitterMs: 2 + (index % 7) });
        routers.push(demo);
      });
    await start(0);
    await Promise.all(Array.from({ length: count - 1 }, (_, index) => start(index + 1)));

    app = await startWebApp();
    const contract = await openContract(app);
    await contract.invoke('monitor.setMaxSites', { maxSites: count + 1 });
    const connectStart = Date.now();
    const sites = await Promise.all(
      routers.map((demo, index) =>
        contract.invoke('sites.create', {
          name: `Site ${String(index + 1).padStart(3, '0')}`,
          address: '127.0.0.1',
          port: demo.api.port,
          transport: 'api',
          user: 'admin',
          password: '',
        }),
      ),
    );
    await Promise.all(sites.map((site) => contract.invoke('sessions.open', { siteId: site.id })));
    // Every site plus the built-in Demo router.
    const capacity = await until(
      () => contract.invoke('monitor.capacity'),
      (now) => now.monitored >= count + 1,
      120_000,
    );
    console.log(
      `${count} sites: connected and monitored in ${((Date.now() - connectStart) / 1000).toFixed(1)} s (${capacity.monitored} of ${capacity.wanting} sites measured, 3 links each: ISP1, ISP2, LTE)`,
    );

    const page = await browserPage();
    await page.goto(app.url);
    const rows = page.getByRole('grid', { name: 'Fleet' }).getByRole('row');
    await until(
      () => rows.count(),
      (shown) => shown >= count + 2,
      60_000,
    );
    // Settle: the first history reads and the first sparklines are done.
    await page.waitForTimeout(5000);

    const before = processUsage(app.pid);
    const began = Date.now();
    let peakRss = before.rss;
    const thread = await threadTime(page);
    const trace = await traceMainThread(page);
    const frames = await frameTimes(page, frameSeconds);
    const traced = await trace.stop();
    const spent = await thread.since();
    while (Date.now() - began < cpuSeconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      peakRss = Math.max(peakRss, processUsage(app.pid).rss);
    }
    const after = processUsage(app.pid);
    const cpu = ((after.cpuSeconds - before.cpuSeconds) / ((Date.now() - began) / 1000)) * 100;
    const vsync = at(frames.intervals, 0.5);
    console.log(`  main CPU over ${cpuSeconds} s:            ${pct(cpu)} of one core   goal <= 15 %`);
    console.log(`  main RSS:                       ${mb(after.rss)} (peak ${mb(peakRss)})   goal <= 400 MB`);
    console.log(
      `  renderer, fleet view (${frameSeconds} s): ${frames.intervals.length} frames, interval p50 ${ms(vsync)}, p95 ${ms(at(frames.intervals, 0.95))}, max ${ms(at(frames.intervals, 1))}`,
    );
    console.log(
      `  renderer work per frame, wall clock (updates from main + rendering, waits for a core included): p50 ${ms(at(frames.work, 0.5))}, p95 ${ms(at(frames.work, 0.95))}, max ${ms(at(frames.work, 1))}   goal p95 <= 8 ms`,
    );
    console.log(
      `  renderer main thread CPU per frame (Chromium's trace, thread time): p50 ${ms(at(traced.frames, 0.5))}, p95 ${ms(at(traced.frames, 0.95))}, max ${ms(at(traced.frames, 1))}   goal p95 <= 8 ms`,
    );
    console.log(
      `    of it over ${frameSeconds} s: ${traced.top.map(([name, total]) => `${name} ${ms(total)}`).join(', ')}`,
    );
    const perSecond = (value: number) => ms(value / spent.seconds);
    console.log(
      `  renderer main thread CPU per second: ${perSecond(spent.task)} in tasks (script ${perSecond(spent.script)}, style ${perSecond(spent.style)}, layout ${perSecond(spent.layout)})`,
    );

    // A failover staged on the router of a site in the middle: its row's active link and the
    // notification, as the page sees them.
    const target = Math.floor(count / 2);
    const name = `Site ${String(target + 1).padStart(3, '0')}`;
    await page.evaluate((name) => {
      const row = document.querySelector(`tr[aria-label="${name}"]`);
      const seen = { row: 0, notification: 0 };
      Object.assign(window, { seen });
      new MutationObserver(() => {
        if (!seen.row && row?.querySelector('.fleet-active')?.textContent === 'ether2') seen.row = Date.now();
      }).observe(row ?? document.body, { subtree: true, characterData: true, childList: true });
      const shown = (window as unknown as { shown: { title: string; at: number }[] }).shown;
      // The site's own, from now: its links vary, so it may have raised one before.
      const since = Date.now();
      const check = setInterval(() => {
        const mine = shown.find((each) => each.title === name && each.at >= since);
        if (mine) {
          seen.notification = mine.at;
          clearInterval(check);
        }
      }, 20);
    }, name);
    const staged = Date.now();
    routers[target]?.router.links.set('ether1', { up: false });
    const seen = await until(
      () => page.evaluate(() => (window as unknown as { seen: { row: number; notification: number } }).seen),
      (now) => now.row > 0 && now.notification > 0,
      15_000,
    );
    const late = (time: number) => (time > 0 ? ms(time - staged) : 'not within 15 s');
    console.log(
      `  failover staged → row updated:  ${late(seen.row)}; → notification raised: ${late(seen.notification)}   goal <= 1 s`,
    );
    const raised = await page.evaluate(() => (window as unknown as { shown: unknown[] }).shown.length);
    console.log(`  notifications raised over the run (varying links, rate-limited): ${raised}`);
    contract.close();
    await page.close();
  } finally {
    await app?.stop();
    await Promise.all(routers.map((demo) => demo.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default async function fleetScale(): Promise<void> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    for (const count of sizes) {
      const page = async () => {
        const made = await benchPage(browser, { width: 1440, height: 900 });
        await made.context().grantPermissions(['notifications']);
        // Each notification the page raises, with when.
        await made.addInitScript({
          content: `(() => {
            const Real = window.Notification;
            const shown = [];
            window.shown = shown;
            class Recorded extends Real {
              constructor(title, options) { super(title, options); shown.push({ title, at: Date.now() }); }
              static get permission() { return Real.permission; }
            }
            window.Notification = Recorded;
            // Each message from main, timed from its handler's start to the task after it (the
            // React update it starts runs in between).
            const updateWork = [];
            window.updateWork = updateWork;
            const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
            Object.defineProperty(WebSocket.prototype, 'onmessage', {
              set(handler) {
                onmessage.set.call(this, (event) => {
                  const start = performance.now();
                  handler(event);
                  setTimeout(() => updateWork.push(performance.now() - start), 0);
                });
              },
              get() { return onmessage.get.call(this); },
            });
          })();`,
        });
        return made;
      };
      await runScale(count, page);
    }
  } finally {
    await browser.close();
  }
}
