import { randomBytes } from 'node:crypto';
import { connect as connectTcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { requestTarget, type WebServer } from '../../electron/web/server';
import { longestStallMs, maxStallMs } from '../support/event-loop';
import { ask, openIpc, startTestWebServer } from '../web/test-server';

let server: WebServer;

beforeAll(async () => {
  server = await startTestWebServer();
});

afterAll(async () => {
  await server.close();
});

/** Sends `head` as it is (no client library to tidy it up) and resolves with the status line's code. */
function rawRequest(head: string): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const socket = connectTcp(server.port, '127.0.0.1');
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(reply);
      resolve(match ? Number(match[1]) : 'closed');
    });
    // No half-close: the server answers and then closes, as `Connection: close` asks.
    socket.write(head);
  });
}

const get = (target: string, extra = '') =>
  rawRequest(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n${extra}\r\n`);

const upgrade = (target: string) =>
  get(
    target,
    `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nOrigin: http://127.0.0.1:${server.port}\r\n`,
  );

const appInfo = (ws: WebSocket, id: number) => ask(ws, { id, channel: 'app.info' });

const closeCode = (ws: WebSocket) =>
  new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

/** Paths a local page or process can send: protocol-relative, backslashes, bad escapes, huge, binary. */
function hostilePaths(): string[] {
  const fixed = [
    '//',
    '///',
    '//evil.example/x',
    '/\\evil.example',
    '/%',
    '/%E0%A4%A',
    '/%00',
    '/..%2F..%2Fetc%2Fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '*',
    'http://evil.example/',
    `/${'a'.repeat(5000)}`,
    `/?q=${'%'.repeat(3000)}`,
    `/ipc?token=${'x'.repeat(3000)}`,
  ];
  const printable = "/%\\.?#:@[]!$&'()*+,;=~-_abcXYZ019";
  const random = Array.from({ length: 200 }, () => {
    const length = 1 + Math.floor(Math.random() * 40);
    return Array.from({ length }, () => printable[Math.floor(Math.random() * printable.length)]).join('');
  });
  return [...fixed, ...random];
}

describe('web mode against hostile requests', () => {
  it('answers every odd, random or oversized path with a status (400 when it cannot be served), and keeps serving', async () => {
    const paths = hostilePaths();
    const statuses: Array<number | 'closed'> = [];
    const stall = await longestStallMs(async () => {
      for (const path of paths) statuses.push(await get(path));
    });
    for (const [i, status] of statuses.entries()) {
      expect([400, 403, 404, 200, 431], `GET ${paths[i]}`).toContain(status);
    }
    expect(statuses[0]).toBe(400);
    expect(await get('/%00')).toBe(404);
    expect(await get('/..%2F..%2Fetc%2Fpasswd')).toBe(404);
    expect(await get(`/${'a'.repeat(5000)}`)).toBe(400);
    expect(stall).toBeLessThan(maxStallMs);
    expect(await get('/')).toBe(200);
  });

  it('refuses the same paths on the WebSocket upgrade without throwing', async () => {
    const stall = await longestStallMs(async () => {
      for (const path of hostilePaths()) expect([400, 403, 431]).toContain(await upgrade(path));
    });
    expect(await upgrade('//')).toBe(400);
    expect(stall).toBeLessThan(maxStallMs);
    const ws = await openIpc(server);
    expect(await appInfo(ws, 1)).toMatchObject({ id: 1, result: { ok: true } });
    ws.close();
  });

  it('closes only the socket that sends an oversized frame or invalid UTF-8, and keeps serving the others', async () => {
    const bystander = await openIpc(server);
    const oversized = Buffer.alloc(2 * 1024 * 1024, 0x78);
    const stall = await longestStallMs(async () => {
      const huge = await openIpc(server);
      const hugeClosed = closeCode(huge);
      huge.send(oversized, { binary: false });
      expect(await hugeClosed).toBe(1009);

      const garbled = await openIpc(server);
      const garbledClosed = closeCode(garbled);
      garbled.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
      expect(await garbledClosed).toBe(1007);
    });
    expect(stall).toBeLessThan(maxStallMs);
    expect(await appInfo(bystander, 2)).toMatchObject({ id: 2, result: { ok: true } });
    bystander.close();
  });

  it('parses only plain origin-form paths', () => {
    expect(requestTarget('/assets/index.js?x=1')?.pathname).toBe('/assets/index.js');
    for (const bad of ['//', '/\\x', '*', 'http://a/', '/%', undefined])
      expect(requestTarget(bad)).toBeUndefined();
  });
});
