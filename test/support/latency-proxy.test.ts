// The latency proxy the channel tests and benchmarks run through: it really delays (an echo's
// round trip is at least twice the one-way delay), keeps bytes in order whatever jitter each chunk
// drew, stops reading a sender whose receiver does not read, and close() ends everything.
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type LatencyProxy, startLatencyProxy } from './latency-proxy';
import { until } from './until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(onSocket: (socket: Socket) => void): Promise<{ host: string; port: number }> {
  const server: Server = createServer(onSocket);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
}

async function proxy(
  options: Omit<Parameters<typeof startLatencyProxy>[0], 'target'>,
  target: { host: string; port: number },
) {
  const started: LatencyProxy = await startLatencyProxy({ ...options, target });
  cleanups.push(() => started.close());
  return started;
}

async function dial(port: number): Promise<Socket> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  cleanups.push(() => void socket.destroy());
  return socket;
}

const echo = (socket: Socket) => socket.pipe(socket);

describe('the latency proxy', () => {
  it('adds its delay each way: an echo comes back after the round trip, not before', async () => {
    const through = await proxy({ oneWayDelayMs: 75 }, await listen(echo));
    const socket = await dial(through.port);
    for (let round = 0; round < 3; round += 1) {
      const sent = performance.now();
      socket.write(`ping ${round}`);
      const reply = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
      expect(reply.toString()).toBe(`ping ${round}`);
      expect(performance.now() - sent).toBeGreaterThanOrEqual(149);
    }
  });

  it('keeps every byte in order whatever jitter each chunk drew, and passes the end on', async () => {
    let draws = 0;
    // Every other chunk draws the whole jitter: without ordering, they would arrive swapped.
    const random = () => (draws++ % 2 === 0 ? 1 : 0);
    const through = await proxy({ oneWayDelayMs: 1, jitterMs: 40, random }, await listen(echo));
    const socket = await dial(through.port);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise((resolve) => socket.once('end', resolve));
    const sent = Array.from({ length: 200 }, (_, index) => `${index};`).join('');
    for (let at = 0; at < sent.length; at += 7) {
      socket.write(sent.slice(at, at + 7));
      await new Promise((resolve) => setImmediate(resolve));
    }
    socket.end();
    await ended;
    expect(Buffer.concat(received).toString()).toBe(sent);
  });

  it('stops reading a sender while what it holds for a receiver that does not read is at its cap', async () => {
    const through = await proxy(
      { oneWayDelayMs: 1, maxBufferedBytes: 256 * 1024 },
      await listen((socket) => socket.pause()),
    );
    const socket = await dial(through.port);
    const chunk = Buffer.alloc(64 * 1024, 7);
    const offered = 128 * 1024 * 1024;
    let accepted = 0;
    // Writes until the sender is held back and stays so: drain then never comes.
    while (accepted < offered) {
      accepted += chunk.length;
      if (socket.write(chunk)) continue;
      const drained = await Promise.race([
        new Promise((resolve) => socket.once('drain', () => resolve(true))),
        new Promise((resolve) => setTimeout(() => resolve(false), 500)),
      ]);
      if (!drained) break;
    }
    // Kernel buffers on three sockets plus the proxy's cap: far below what was offered.
    expect(accepted).toBeLessThan(32 * 1024 * 1024);
  });

  it('ends every connection and stops listening on close', async () => {
    const through = await proxy({ oneWayDelayMs: 10 }, await listen(echo));
    const sockets = await Promise.all([dial(through.port), dial(through.port)]);
    await until(
      () => through.connections,
      (count) => count === 2,
    );
    const closed = sockets.map((socket) => new Promise((resolve) => socket.once('close', resolve)));
    sockets[0]?.write('held when the proxy closes');
    await through.close();
    await Promise.all(closed);
    expect(through.connections).toBe(0);
    const refused = connect({ host: '127.0.0.1', port: through.port });
    await expect(
      new Promise((resolve, reject) => refused.once('connect', resolve).once('error', reject)),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('takes a new delay for what is sent from then on', async () => {
    const through = await proxy({ oneWayDelayMs: 5 }, await listen(echo));
    const socket = await dial(through.port);
    through.setLatency({ oneWayDelayMs: 100 });
    const sent = performance.now();
    socket.write('slower');
    await new Promise((resolve) => socket.once('data', resolve));
    expect(performance.now() - sent).toBeGreaterThanOrEqual(199);
  });
});
