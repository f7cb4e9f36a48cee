// A relay's round trip on loopback: a TCP proxy on 127.0.0.1 that holds every chunk for a one-way
// delay (plus jitter) before passing it on, in both directions, so tests and benchmarks see what a
// Transient Access grant through a regional relay costs. Order is kept (a chunk never overtakes the
// one before it, as on one TCP connection), buffering is bounded (a side that sends faster than the
// other reads is paused), and close() ends every connection and timer.
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

export interface Latency {
  /** Added to every chunk in each direction: half the round trip. */
  oneWayDelayMs: number;
  /** Up to this much more, drawn per chunk. */
  jitterMs?: number;
}

/** A relay's round trip as the issue states it: 150 ms, with a little jitter. */
export const RELAY_150MS: Latency = { oneWayDelayMs: 75, jitterMs: 5 };

export interface LatencyProxyOptions extends Latency {
  target: { host: string; port: number };
  /** Bytes held per direction before the sending side is paused: 1 MiB by default. */
  maxBufferedBytes?: number;
  /** Jitter draws from this; a test may make it repeatable. */
  random?: () => number;
}

export interface LatencyProxy {
  host: '127.0.0.1';
  port: number;
  /** Connections open now. */
  readonly connections: number;
  /** Changes the delay for chunks sent from now on (a relay that gets slower). */
  setLatency(latency: Latency): void;
  /** Ends every connection, drops what is held, and stops listening. */
  close(): Promise<void>;
}

export async function startLatencyProxy(options: LatencyProxyOptions): Promise<LatencyProxy> {
  let latency: Latency = options;
  const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
  const random = options.random ?? Math.random;
  const pairs = new Set<() => void>();
  const delay = () => latency.oneWayDelayMs + random() * (latency.jitterMs ?? 0);

  const server: Server = createServer({ noDelay: true, allowHalfOpen: true }, (client) => {
    // Half-open on both sides: an end is passed on after the held chunks, as the delay would have it.
    const upstream = connect({ ...options.target, noDelay: true, allowHalfOpen: true });
    const ends: (() => void)[] = [];
    const destroy = () => {
      pairs.delete(destroy);
      for (const end of ends) end();
      client.destroy();
      upstream.destroy();
    };
    pairs.add(destroy);
    ends.push(delayed(client, upstream, delay, maxBuffered), delayed(upstream, client, delay, maxBuffered));
    client.on('error', destroy);
    upstream.on('error', destroy);
    // A side that closes after both its ends (the other side's end was passed on to it) leaves the
    // other to get what is still held; one that closes any other way takes the pair down.
    const closed = (socket: Socket) => (hadError: boolean) => {
      if (hadError || !socket.readableEnded) return destroy();
      if (client.closed && upstream.closed) pairs.delete(destroy);
    };
    client.on('close', closed(client));
    upstream.on('close', closed(upstream));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    get connections() {
      return pairs.size;
    },
    setLatency: (next) => {
      latency = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const destroy of [...pairs]) destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Carries `from`'s bytes to `to`, each chunk after its delay; an end is passed on after the last
 * chunk. Returns what drops the held chunks and their timer.
 */
function delayed(from: Socket, to: Socket, delay: () => number, maxBuffered: number): () => void {
  const held: { at: number; chunk: Buffer | null }[] = [];
  let heldBytes = 0;
  let lastAt = 0;
  let timer: NodeJS.Timeout | undefined;

  const buffered = () => heldBytes + to.writableLength;
  const resumeIfRoom = () => {
    if (from.isPaused() && buffered() < maxBuffered) from.resume();
  };
  const deliver = () => {
    timer = undefined;
    const now = Date.now();
    while (held.length > 0 && (held[0] as { at: number }).at <= now) {
      const { chunk } = held.shift() as { chunk: Buffer | null };
      if (chunk === null) {
        to.end();
        continue;
      }
      heldBytes -= chunk.length;
      if (!to.destroyed) to.write(chunk);
    }
    resumeIfRoom();
    schedule();
  };
  const schedule = () => {
    const next = held[0];
    if (timer || !next) return;
    timer = setTimeout(deliver, Math.max(0, next.at - Date.now()));
  };
  const hold = (chunk: Buffer | null) => {
    // A later chunk never overtakes an earlier one, whatever jitter each drew.
    lastAt = Math.max(lastAt, Date.now() + delay());
    held.push({ at: lastAt, chunk });
    schedule();
  };

  from.on('data', (chunk: Buffer) => {
    heldBytes += chunk.length;
    hold(chunk);
    if (buffered() >= maxBuffered) from.pause();
  });
  from.on('end', () => hold(null));
  to.on('drain', resumeIfRoom);
  return () => {
    clearTimeout(timer);
    held.length = 0;
  };
}
