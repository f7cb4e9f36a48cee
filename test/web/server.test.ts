import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppContext } from '../../electron/app/app-context';
import { createLogger } from '../../electron/app/logger';
import { startWebServer, type WebServer } from '../../electron/web/server';
import type { ServerMessage } from '../../shared/ipc/bridge';

let server: WebServer;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'uplink-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Uplink</title>');
  const context = await createAppContext({
    mode: 'web',
    profileDir: mkdtempSync(join(tmpdir(), 'uplink-web-')),
    logger: createLogger(() => {}),
  });
  server = await startWebServer({ context, rendererDir, port: 0 });
});

afterAll(async () => {
  await server.close();
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with the socket once open, or with the HTTP status it was refused with. */
function connect(path: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

function ask(ws: WebSocket, message: unknown): Promise<ServerMessage> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString()) as ServerMessage));
    ws.send(JSON.stringify(message));
  });
}

const origin = () => `http://127.0.0.1:${server.port}`;

describe('web mode', () => {
  it('serves the page with the token, with the CSP header, and refuses it without', async () => {
    const ok = await get(`/?token=${server.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-security-policy']).toContain("script-src 'self'");
    expect(ok.headers['content-security-policy']).not.toContain('unsafe');
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    expect((await get(`/?token=${server.token}`, { Host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('refuses a socket without the token, with a wrong one, or from a foreign Origin', async () => {
    expect(await connect('/ipc', { Origin: origin() })).toBe(403);
    expect(await connect('/ipc?token=nope', { Origin: origin() })).toBe(403);
    expect(await connect(`/ipc?token=${server.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await connect(`/elsewhere?token=${server.token}`, { Origin: origin() })).toBe(403);
  });

  it('carries the contract: a malformed request gets a typed error, then a good one succeeds', async () => {
    const ws = await connect(`/ipc?token=${server.token}`, { Origin: origin() });
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    try {
      const bad = await ask(ws, { id: 1, channel: 'app.info', arg: 'not undefined' });
      expect(bad).toMatchObject({ id: 1, result: { ok: false, error: { code: 'invalid-request' } } });
      const unknown = await ask(ws, { id: 2, channel: 'routes.nuke' });
      expect(unknown).toMatchObject({ id: 2, result: { ok: false, error: { code: 'unknown-channel' } } });
      const good = await ask(ws, { id: 3, channel: 'app.info' });
      expect(good).toMatchObject({ id: 3, result: { ok: true, value: { name: 'Uplink', mode: 'web' } } });
    } finally {
      ws.close();
    }
  });

  it('closes a socket that sends something that is not a request, and keeps serving others', async () => {
    const rude = await connect(`/ipc?token=${server.token}`, { Origin: origin() });
    if (typeof rude === 'number') throw new Error(`refused with ${rude}`);
    const closed = new Promise<number>((resolve) => rude.once('close', (code) => resolve(code)));
    rude.send('{ this is not json');
    expect(await closed).toBe(1008);

    const polite = await connect(`/ipc?token=${server.token}`, { Origin: origin() });
    if (typeof polite === 'number') throw new Error(`refused with ${polite}`);
    expect(await ask(polite, { id: 9, channel: 'app.info' })).toMatchObject({ id: 9, result: { ok: true } });
    polite.close();
  });
});
