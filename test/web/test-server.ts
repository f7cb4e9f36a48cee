import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { type AppContext, createAppContext } from '../../electron/app/app-context';
import { createLogger } from '../../electron/app/logger';
import { startWebServer, type WebServer } from '../../electron/web/server';
import type { ServerMessage } from '../../shared/ipc/bridge';

/** Web mode on a free port, over a fresh profile, serving a one-line page; with its app context. */
export async function startTestWebServer(): Promise<WebServer & { context: AppContext }> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'uplink-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Uplink</title>');
  const context = await createAppContext({
    mode: 'web',
    profileDir: mkdtempSync(join(tmpdir(), 'uplink-web-')),
    logger: createLogger(() => {}),
  });
  return Object.assign(await startWebServer({ context, rendererDir, port: 0 }), { context });
}

/** Opens a socket; resolves with the socket once open, or with the HTTP status it was refused with. */
export function connectSocket(
  server: WebServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

/** The IPC socket as the page opens it: token and own Origin. */
export async function openIpc(server: WebServer): Promise<WebSocket> {
  const ws = await connectSocket(server, `/ipc?token=${server.token}`, { Origin: server.origin });
  if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
  return ws;
}

/** Sends one message and resolves with the next one that comes back. */
export function ask(ws: WebSocket, message: unknown): Promise<ServerMessage> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString()) as ServerMessage));
    ws.send(JSON.stringify(message));
  });
}
