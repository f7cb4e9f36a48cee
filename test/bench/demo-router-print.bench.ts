// How fast the demo router streams `/ip/route/print` of a million routes over the API, and what
// memory that takes. Router and reader share this process, so the figures are for both; the
// baseline is taken after the million routes exist, so the rise above it is the print's own cost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoRouter } from '../../electron/demo-router';
import { WireClient } from '../demo-router/wire-client';

const ROUTES = 1_000_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export default async function benchDemoRouterPrint(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'demo-router-bench-'));
  const startedAt = performance.now();
  const demo = await startDemoRouter({ routes: ROUTES, sshPort: null, dataDir });
  const startSeconds = (performance.now() - startedAt) / 1000;

  const baseline = process.memoryUsage();
  const peak = { rss: baseline.rss, heapUsed: baseline.heapUsed };
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  }, 10);

  let rows = 0;
  let bytes = 0;
  let printStartedAt = 0;
  let finish: (error?: Error) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = (error) => (error ? reject(error) : resolve());
  });
  const client = await WireClient.connect(demo.api, {
    onSentence: (words) => {
      if (words[0] === '!re') {
        rows += 1;
      } else if (words[0] === '!done' && words.includes('.tag=login')) {
        printStartedAt = performance.now();
        client.send('/ip/route/print', '.tag=print');
      } else if (words[0] === '!done') {
        finish();
      } else if (words[0] !== '!empty') {
        finish(new Error(`unexpected reply: ${words.join(' ')}`));
      }
    },
  });
  client.socket.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  client.send('/login', '=name=admin', '=password=', '.tag=login');
  await finished;
  const seconds = (performance.now() - printStartedAt) / 1000;
  clearInterval(sampler);
  client.close();
  await demo.stop();
  rmSync(dataDir, { recursive: true, force: true });

  console.log(`start with ${ROUTES.toLocaleString('en')} generated routes: ${startSeconds.toFixed(1)} s`);
  console.log(`/ip/route/print: ${rows.toLocaleString('en')} routes in ${seconds.toFixed(2)} s`);
  console.log(
    `  ${Math.round(rows / seconds).toLocaleString('en')} routes/s, ${mb(bytes / seconds)}/s on the wire`,
  );
  console.log(`  RSS: ${mb(baseline.rss)} before the print, ${mb(peak.rss)} peak`);
  console.log(`  heap used: ${mb(baseline.heapUsed)} before the print, ${mb(peak.heapUsed)} peak`);
}
