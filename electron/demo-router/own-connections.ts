// Connections the router opens to its own services (an SSH `direct-tcpip` to its API port): the
// service they reach must see them as the router's own, coming from the address they were made to,
// not as a client's. On loopback only their local port tells them apart from a client's.
import type { Socket } from 'node:net';

export class OwnConnections {
  private readonly madeTo = new Map<string, string>();

  /** `socket`, dialled by the router to `to`, is its own until it closes. */
  add(socket: Socket, to: string): void {
    socket.once('connect', () => {
      const key = `${socket.localAddress}:${socket.localPort}`;
      this.madeTo.set(key, to);
      socket.once('close', () => this.madeTo.delete(key));
    });
  }

  /** The address the router made a connection to, by the peer its service sees; undefined for a client's. */
  madeByRouter(peer: { address: string; port: number }): string | undefined {
    return this.madeTo.get(`${peer.address}:${peer.port}`);
  }
}
