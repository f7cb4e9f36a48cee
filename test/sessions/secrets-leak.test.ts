// The password goes in once, from the site dialog, and never comes out: a session driven through
// web mode's WebSocket and the real dispatcher, with every message, log line and profile file
// searched for it afterwards.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppContext } from '../../electron/app/app-context';
import { createLogger } from '../../electron/app/logger';
import type { DemoRouter } from '../../electron/demo-router/index';
import { SECRETS_FILE } from '../../electron/secrets/secret-store';
import { startWebServer, type WebServer } from '../../electron/web/server';
import type { ServerMessage } from '../../shared/ipc/bridge';
import type { SessionState } from '../../shared/sessions/session-state';
import type { Site } from '../../shared/sites/site';
import { demoRouter, fastTiming, tempDir } from './harness';

const PASSWORD = 'pa55-Zq8#xV-leak-canary';
const WRONG = 'wrong-Yt3$-leak-canary';

let router: DemoRouter;
let server: WebServer;
let profileDir: string;
const logLines: string[] = [];
const sent: string[] = [];
const received: string[] = [];
let ws: WebSocket;
let nextId = 1;

beforeAll(async () => {
  router = await demoRouter({ password: PASSWORD });
  profileDir = tempDir('leak-profile');
  const rendererDir = mkdtempSync(join(tmpdir(), 'uplink-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Uplink</title>');
  const context = await createAppContext({
    mode: 'web',
    profileDir,
    logger: createLogger((line) => logLines.push(line)),
    neighbors: false,
    sessionTiming: fastTiming,
  });
  server = await startWebServer({ context, rendererDir, port: 0 });
  ws = new WebSocket(`ws://127.0.0.1:${server.port}/ipc?token=${server.token}`, {
    headers: { Origin: server.origin },
  });
  ws.on('message', (data) => received.push(data.toString()));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
});

afterAll(async () => {
  ws.close();
  await server.close();
  await router.stop();
});

/** One request over the socket, recorded both ways; resolves with its value or rejects with its error. */
function call<T>(channel: string, arg?: unknown): Promise<T> {
  const id = nextId++;
  const text = JSON.stringify({ id, channel, arg });
  sent.push(text);
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (!('id' in message) || message.id !== id) return;
      ws.off('message', onMessage);
      if (message.result.ok) resolve(message.result.value as T);
      else reject(message.result.error);
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

it('never hands the password back: not over the socket, not to the log, not to any profile file but the secret store', async () => {
  const input = {
    name: 'Leak check',
    address: '127.0.0.1',
    port: router.api.port,
    transport: 'api',
    user: 'admin',
    password: PASSWORD,
  };
  const site = await call<Site>('sites.create', input);
  expect(site).toMatchObject({ name: 'Leak check', hasPassword: true });

  const online = await call<SessionState>('sessions.open', { siteId: site.id });
  expect(online.status).toBe('online');
  await call('sites.list');
  await call('sessions.list');
  await call('secrets.info');
  await call('sites.duplicate', { siteId: site.id });
  // An edit without a password keeps it, and reconnects the live session.
  const { password: _, ...withoutPassword } = input;
  await call('sites.update', { siteId: site.id, site: { ...withoutPassword, name: 'Leak check 2' } });
  expect((await call<SessionState[]>('sessions.list')).find((s) => s.siteId === site.id)?.status).toBe(
    'online',
  );
  await call('sessions.close', { siteId: site.id });

  // A wrong password fails in words that do not repeat it.
  await call('sites.update', { siteId: site.id, site: { ...input, password: WRONG } });
  const refused = await call<SessionState>('sessions.open', { siteId: site.id });
  expect(refused.error?.code).toBe('auth');
  await call('sites.remove', { siteId: site.id });

  // Only the request that carried it in ever held it.
  expect(sent.filter((text) => text.includes(PASSWORD)).map((text) => JSON.parse(text).channel)).toEqual([
    'sites.create',
  ]);
  expect(received.length).toBeGreaterThan(10);
  for (const secret of [PASSWORD, WRONG]) {
    expect(received.filter((text) => text.includes(secret))).toEqual([]);
    expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
    const files = filesUnder(profileDir).filter((path) => readFileSync(path, 'latin1').includes(secret));
    expect(files.map((path) => path.slice(profileDir.length + 1))).toEqual(
      secret === PASSWORD ? [SECRETS_FILE] : [],
    );
  }
  // The log did record the session's life: the check above looked at something.
  expect(logLines.some((line) => line.includes('online'))).toBe(true);
});
