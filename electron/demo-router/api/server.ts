// The RouterOS API listener: plain TCP (API, 8728 on a router) or TLS (API-SSL, 8729). Each accepted
// connection gets its own session, reply writer and fault slot; closing the server ends them all.
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { ApiConnection, type ApiRouter } from './connection';
import type { FaultRegistry } from './faults';
import { ReplyWriter } from './reply-writer';

export interface ApiServerOptions {
  host: string;
  /** 0 picks any free port. */
  port: number;
  /** Key and certificate (PEM): serve API-SSL instead of plain API. */
  tls?: { key: string; cert: string };
  faults: FaultRegistry;
  /** A fault in the demo router's own code (never a client's): reported, then trapped or fatal. */
  onInternalError: (error: unknown) => void;
  /**
   * The address a connection the router opened to itself was made to (an SSH forward to its API
   * port), by the connection's peer; undefined for a client's.
   */
  madeByRouter?(peer: { address: string; port: number }): string | undefined;
}

export interface ListeningServer {
  readonly host: string;
  readonly port: number;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

export async function startApiServer(router: ApiRouter, options: ApiServerOptions): Promise<ListeningServer> {
  const serve = (socket: Socket) => {
    socket.setNoDelay(true);
    const writer = new ReplyWriter(socket);
    socket.once('close', options.faults.admit(writer));
    new ApiConnection(socket, router, writer, options.onInternalError, () => {
      const peer = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
      const own = options.madeByRouter?.(peer);
      return own === undefined
        ? { via: 'api', address: peer.address }
        : { via: 'api', address: own, fromRouter: true };
    });
  };
  const server: Server = options.tls ? createTlsServer(options.tls, serve) : createServer(serve);
  // Tracked at TCP level, so close() also ends connections still in their TLS handshake.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Once listening, an error is an accept failure (say, out of file descriptors): report it and
  // keep serving the connections there are.
  server.on('error', options.onInternalError);
  return {
    host: options.host,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
