// `npm run bench -- drafts-snapshot`: what keeping a site's snapshot costs on a router with a big
// route table (UPLINK_BENCH_ROUTES, 100,000 by default; the demo router in a child process), and
// what a draft's plan against it costs online: the time from connect to the snapshot on disk, the
// file's size, and the time to show the plan of a one-item draft. Prints figures; asserts nothing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApplyService } from '../../electron/apply/apply-service';
import { createDraftsService } from '../../electron/drafts/drafts-service';
import { EventHub } from '../../electron/ipc/event-hub';
import { openRawApi } from '../../electron/routes/bulk-print';
import { createRoutesService } from '../../electron/routes/routes-service';
import { routeKeyOf, type SiteSnapshot } from '../../shared/drafts/draft';
import type { DraftView } from '../../shared/ipc/channels/drafts';
import { routeToForm } from '../../shared/routes/route-attrs';
import type { SessionState } from '../../shared/sessions/session-state';
import { connectClient, sessionsFor } from '../routes/session-adapter';
import { spawnDemoRouter } from './routes-table.bench';

const routes = Number(process.env.UPLINK_BENCH_ROUTES ?? 100_000);
const siteId = 'bench';
const context = { clientId: 'bench' };

export default async function bench(): Promise<void> {
  const demo = await spawnDemoRouter(routes);
  const profileDir = mkdtempSync(join(tmpdir(), 'uplink-bench-drafts-'));
  const client = await connectClient(demo.api);
  const listeners = new Set<(state: SessionState) => void>();
  const sessions = {
    ...sessionsFor({ [siteId]: client }),
    onStateChange: (listener: (state: SessionState) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const events = new EventHub();
  const applies = createApplyService({ sessions, events, profileDir });
  // As in the app over the API: the snapshot reads the table the routes service loads, on its fast path.
  const routesService = createRoutesService({
    sessions,
    events,
    applies,
    openApiStream: () => openRawApi({ ...demo.api, user: 'admin', password: '' }),
  });
  const service = createDraftsService({
    sessions,
    events,
    profileDir,
    applies,
    snapshotRoutes: (site, limit, family) => routesService.snapshotRoutes(site, limit, family),
  });
  try {
    const snapshotTaken = new Promise<DraftView>((resolve) =>
      events.subscribe((event, payload) => {
        if (event === 'drafts.changed' && (payload as DraftView).snapshot) resolve(payload as DraftView);
      }),
    );
    const started = performance.now();
    for (const listener of listeners) listener({ siteId, status: 'online', readOnly: false });
    await snapshotTaken;
    const snapshotMs = performance.now() - started;
    const file = join(profileDir, 'drafts', siteId, 'snapshot.json');
    const snapshot = (await service.handlers['drafts.snapshot']({ siteId }, context)) as SiteSnapshot;
    const isp2 = snapshot.routes.find((route) => route.comment === 'ISP2');
    if (!isp2) throw new Error('no ISP2 route in the snapshot');

    const shown = routeToForm(isp2);
    const edited = performance.now();
    await service.handlers['drafts.editRoute'](
      {
        siteId,
        family: 'ip',
        route: routeKeyOf(isp2),
        before: shown,
        after: { ...shown, distance: 9 },
      } as never,
      context,
    );
    const planMs = performance.now() - edited;

    console.log(`routes on the router            ${routes.toLocaleString('en')}`);
    console.log(`connect → snapshot on disk      ${snapshotMs.toFixed(0)} ms`);
    console.log(`snapshot file                   ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`);
    console.log(
      `one edit, saved, plan shown     ${planMs.toFixed(0)} ms (online, planned against the router)`,
    );
  } finally {
    await service.dispose?.();
    await routesService.dispose?.();
    await client.close();
    await demo.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
