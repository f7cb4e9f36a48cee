import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { type DemoRouter, startDemoRouter } from '../../electron/demo-router';
import { type Draft, routeKeyOf, type SiteSnapshot } from '../../shared/drafts/draft';
import type { ServerMessage } from '../../shared/ipc/bridge';
import type { DraftView } from '../../shared/ipc/channels/drafts';
import { routeToForm } from '../../shared/routes/route-attrs';
import type { Site } from '../../shared/sites/site';
import { startWebApp, type WebApp } from './web-app';

// A draft save cut short, in web mode: the real Uplink process is killed (SIGKILL, as a crash or a
// power cut) while it saves one offline edit after another over its own IPC socket, then started
// again on the same profile. Whatever the moment, the draft on disk must be a whole one: the last
// the app confirmed, or the one it was saving, never half of either and never none.

const password = 'e2e-crash-5c1e';
let router: DemoRouter;
let routerDir: string;
let profileDir: string;
let app: WebApp;

test.beforeEach(async () => {
  routerDir = mkdtempSync(join(tmpdir(), 'uplink-e2e-crash-router-'));
  profileDir = mkdtempSync(join(tmpdir(), 'uplink-e2e-crash-profile-'));
  router = await startDemoRouter({ password, dataDir: routerDir, sshPort: null, scenario: 'two-wan' });
  app = await startWebApp({ profileDir });
});

test.afterEach(async () => {
  await app.stop();
  await router.stop();
  rmSync(routerDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

/** The IPC contract over web mode's socket, as the renderer uses it. */
async function connectIpc(running: WebApp) {
  const token = new URL(running.url).searchParams.get('token');
  const socket = new WebSocket(`ws://${new URL(running.url).host}/ipc?token=${token}`, {
    headers: { Origin: running.origin },
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const call = <T>(channel: string, arg?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as ServerMessage;
        if (!('id' in message) || message.id !== id) return;
        socket.off('message', onMessage);
        socket.off('close', onClose);
        if (message.result.ok) resolve(message.result.value as T);
        else reject(new Error(message.result.error.message));
      };
      const onClose = () => reject(new Error('the app went away'));
      socket.on('message', onMessage);
      socket.once('close', onClose);
      socket.send(JSON.stringify({ id, channel, arg }));
    });
  return { call, close: () => socket.terminate() };
}

test('a draft save killed halfway leaves the previous draft whole, and the app opens it again', async () => {
  test.setTimeout(180_000);
  let ipc = await connectIpc(app);
  const site = await ipc.call<Site>('sites.create', {
    name: 'Crash test',
    address: '127.0.0.1',
    port: router.api.port,
    transport: 'api',
    user: 'admin',
    password,
  });
  const siteId = site.id;
  await ipc.call('sessions.open', { siteId });
  await expect
    .poll(
      async () => (await ipc.call<SiteSnapshot | null>('drafts.snapshot', { siteId }))?.routes.length ?? 0,
    )
    .toBeGreaterThan(0);
  const snapshot = (await ipc.call<SiteSnapshot>('drafts.snapshot', { siteId })) as SiteSnapshot;
  // Offline from here on: the router is gone, the edits go into the draft only.
  await router.stop();
  const isp2 = snapshot.routes.find((route) => route.comment === 'ISP2');
  if (!isp2) throw new Error('the two-wan router has no ISP2 route');
  const key = routeKeyOf(isp2);
  // The route dialog's values as it opens on ISP2, and as OK sends them with another distance.
  const shown = routeToForm(isp2);
  const editTo = (distance: string) =>
    ipc.call<DraftView>('drafts.editRoute', {
      siteId,
      route: key,
      before: shown,
      after: { ...shown, distance },
    });
  const siteDir = join(profileDir, 'drafts', encodeURIComponent(siteId));
  const onDisk = () => JSON.parse(readFileSync(join(siteDir, 'draft.json'), 'utf8')) as Draft;
  const leftovers = () => readdirSync(siteDir).filter((name) => name.endsWith('.tmp'));
  // Distances that never equal the snapshot's own (an edit back to it would empty the draft).
  let counter = 0;
  const nextDistance = () => {
    counter += 1;
    return 10 + (counter % 200);
  };

  let confirmed = String(nextDistance());
  await editTo(confirmed);
  expect(onDisk().items.map((item) => item.value)).toEqual([confirmed]);

  let killedMidSave = 0;
  let attempts = 0;
  for (; attempts < 60 && killedMidSave < 3; attempts++) {
    const before = new Set(leftovers());
    let inFlight: string | undefined;
    let running = true;
    // One save after another, each confirmed before the next: the process is mostly saving.
    const saving = (async () => {
      while (running) {
        inFlight = String(nextDistance());
        try {
          await editTo(inFlight);
        } catch {
          return;
        }
        confirmed = inFlight;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 40 + Math.random() * 120));
    await app.kill();
    running = false;
    await saving;
    ipc.close();

    const draft = onDisk();
    expect(draft.items).toHaveLength(1);
    expect(draft.items[0]).toMatchObject({ property: 'distance', route: key, base: String(isp2.distance) });
    // The last save the app confirmed, or the one cut short had it reached its rename.
    expect([confirmed, inFlight]).toContain(draft.items[0]?.value);
    if (leftovers().some((name) => !before.has(name))) killedMidSave += 1;

    app = await startWebApp({ profileDir });
    ipc = await connectIpc(app);
    const reopened = await ipc.call<DraftView>('drafts.get', { siteId });
    expect(reopened.items.map((item) => item.value)).toEqual([draft.items[0]?.value]);
    confirmed = draft.items[0]?.value as string;
  }
  test.info().annotations.push({
    type: 'kills',
    description: `${attempts} kills, ${killedMidSave} inside a save`,
  });
  // The kills did land inside saves (a temporary file was left behind), so the test proved something.
  expect(killedMidSave).toBeGreaterThanOrEqual(3);
  // And what they left is swept by the next app before it saves.
  await editTo(String(nextDistance()));
  expect(leftovers()).toEqual([]);
  ipc.close();
});
