import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/web/server';
import { ask, connectSocket, openIpc, startTestWebServer } from './test-server';

let server: WebServer;

beforeAll(async () => {
  server = await startTestWebServer();
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

const connect = (path: string, headers: Record<string, string> = {}) => connectSocket(server, path, headers);

const origin = () => `http://127.0.0.1:${server.port}`;

describe('web mode', () => {
  it('serves the page (code, no data) with the CSP header, and never puts the token in a cookie', async () => {
    const ok = await get(`/?token=${server.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-security-policy']).toContain("script-src 'self'");
    expect(ok.headers['content-security-policy']).not.toContain('unsafe');
    // Browsers send a 127.0.0.1 cookie to every port: any other local server would get the token.
    expect(ok.headers['set-cookie']).toBeUndefined();
    expect((await get('/')).status).toBe(200);
  });

  it('refuses a request from a foreign Origin', async () => {
    expect((await get('/', { Origin: 'http://evil.example' })).status).toBe(403);
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
    const ws = await openIpc(server);
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
    const rude = await openIpc(server);
    const closed = new Promise<number>((resolve) => rude.once('close', (code) => resolve(code)));
    rude.send('{ this is not json');
    expect(await closed).toBe(1008);

    const polite = await openIpc(server);
    expect(await ask(polite, { id: 9, channel: 'app.info' })).toMatchObject({ id: 9, result: { ok: true } });
    polite.close();
  });
});
