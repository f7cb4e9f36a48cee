import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ClientMessage, ServerMessage } from '../../shared/ipc/bridge';
import type { AppContext } from '../app/app-context';
import { contentSecurityPolicy } from './content-security-policy';

export interface WebServerOptions {
  context: AppContext;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks any free port. */
  port: number;
  /** Fixed for tests; a fresh random one per run otherwise. */
  token?: string;
}

export interface WebServer {
  /** The address to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const host = '127.0.0.1';
const ipcPath = '/ipc';
/** Requests are small; a bigger message is a misbehaving client, not a request. */
const maxMessageBytes = 1024 * 1024;
/** The app's own addresses are short; anything longer is refused before it is parsed. */
const maxTargetLength = 2048;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Web mode: the renderer over HTTP on 127.0.0.1 and the IPC contract over a WebSocket. The page
 * and its assets are the app's code and hold no data; everything else crosses the socket, which
 * only a client holding this run's token opens, and only from this server's own origin: the Host
 * check stops DNS rebinding, the Origin check stops other pages in the same browser. The token is
 * never put in a cookie: browsers send a cookie for 127.0.0.1 to every port on it, so any other
 * local server would receive it; the page keeps it in sessionStorage, which is bound to the origin.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { context } = options;
  let port = 0;
  const allowedHosts = () => new Set([`${host}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${host}:${port}`, `http://localhost:${port}`]);

  const tokenMatches = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const foreignPeer = (request: IncomingMessage): string | undefined => {
    if (!allowedHosts().has(request.headers.host ?? '')) return 'foreign host';
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return 'foreign origin';
    return undefined;
  };

  const server = createServer((request, response) => {
    // Until the target is known to be a plain path, nothing parses it: `new URL('//')` throws.
    const target = requestTarget(request.url);
    if (!target) {
      sendText(response, 400, 'Bad request');
      return;
    }
    const refused = foreignPeer(request);
    if (refused) {
      sendText(response, 403, `Forbidden: ${refused}. Open the address Uplink printed.`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Method not allowed');
      return;
    }
    serveStatic(options.rendererDir, target.pathname, response).catch((error: unknown) => {
      context.logger.error('web: static file failed', error);
      if (!response.headersSent) sendText(response, 500, 'Internal error');
      else response.destroy();
    });
  });
  // A client that resets mid-request, or sends what is not HTTP, costs its own connection only.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', (error) => context.logger.warn('web: socket error before upgrade', error));
    const target = requestTarget(request.url);
    const refused = !target
      ? 'bad request'
      : target.pathname !== ipcPath
        ? 'no such endpoint'
        : (foreignPeer(request) ??
          (tokenMatches(target.searchParams.get('token')) ? undefined : 'missing or wrong token'));
    if (refused) {
      context.logger.warn(`web: refused socket (${refused})`);
      const status = target ? '403 Forbidden' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, context));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.close(1001, 'Uplink is stopping');
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveSocket(ws: WebSocket, context: AppContext): void {
  const call = { clientId: randomUUID() };
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = context.events.subscribe((event, payload, to) => {
    if (!to || to.has(call.clientId)) send({ event, payload });
  });
  // ws reports a frame over maxPayload, invalid UTF-8 or a protocol violation here, then closes
  // the socket; without a listener the error would end the process.
  ws.on('error', (error) => context.logger.warn(`web: closed a client socket (${error.message})`));
  ws.on('message', (data, isBinary) => {
    const message = isBinary ? undefined : parseClientMessage(data.toString());
    if (!message) {
      // Without an id there is no one to answer; a client this broken is closed, not served.
      ws.close(1008, 'Malformed message');
      return;
    }
    void context
      .dispatch(message.channel, message.arg, call)
      .then((result) => send({ id: message.id, result }));
  });
  ws.on('close', () => {
    unsubscribe();
    context.clientGone(call);
  });
}

function parseClientMessage(text: string): ClientMessage | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, channel, arg } = value as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof channel !== 'string') return undefined;
    return { id, channel, arg };
  } catch {
    return undefined;
  }
}

/**
 * The request target as a URL, or undefined when it is not something this server serves: only an
 * origin-form path (`/…`, not `//host`, `/\\host`, `*` or an absolute URL), of bounded length, that
 * parses and percent-decodes.
 */
export function requestTarget(raw: string | undefined): URL | undefined {
  if (raw === undefined || raw.length > maxTargetLength || !raw.startsWith('/') || raw.startsWith('//')) {
    return undefined;
  }
  if (raw.includes('\\') || !URL.canParse(raw, `http://${host}`)) return undefined;
  const url = new URL(raw, `http://${host}`);
  if (url.host !== host) return undefined;
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  return url;
}

async function serveStatic(root: string, pathname: string, response: ServerResponse): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  if (relative.includes('\0') || !file.startsWith(normalize(root) + sep)) {
    sendText(response, 404, 'Not found');
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    sendText(response, 404, 'Not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(response);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}
