import { type AddressInfo, createServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface LoopbackBridge {
  host: '127.0.0.1';
  port: number;
  /** Ends both sides (and stops listening, if no one connected yet). */
  destroy(): void;
}

/**
 * node-routeros can only dial a TCP address, but Uplink's sessions ride on streams it opened and
 * checked itself: a TLS socket whose certificate matched its pin, an SSH channel to the router's API
 * port. This listens on loopback for exactly one connection, splices it to `upstream`, and stops
 * listening; a second caller is turned away. When either side ends, so does the other.
 */
export async function bridgeToLoopback(upstream: Duplex): Promise<LoopbackBridge> {
  let local: Socket | undefined;
  const server = createServer({ noDelay: true }, (socket) => {
    if (local) return socket.destroy();
    local = socket;
    server.close();
    socket.pipe(upstream);
    upstream.pipe(socket);
    const tearDown = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.once('close', tearDown);
    upstream.once('close', tearDown);
    // Errors end the pair; whoever reads the streams learns of it from the close.
    socket.on('error', tearDown);
  });
  // The upstream can fail before anyone connects.
  upstream.on('error', () => {
    local?.destroy();
    server.close();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    destroy: () => {
      server.close();
      local?.destroy();
      upstream.destroy();
    },
  };
}
