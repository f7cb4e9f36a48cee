// An MNDP flood on the LAN: 20,000 spoofed announcements from twenty addresses, while a real router
// keeps announcing from another. The list stays within its caps, the router stays listed, the
// renderer is told of changes a few times a second rather than per packet, and the event loop
// never stands still for long.
import { spawn } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, expect, it } from 'vitest';
import { encodeMndp } from '../../electron/neighbors/mndp-packet';
import { NeighborWatcher, neighborLimits } from '../../electron/neighbors/neighbor-watcher';
import type { Neighbor } from '../../shared/ipc/channels/sites';
import { longestStallMs, maxStallMs } from '../support/event-loop';

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

async function boundSocket(address: string): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.bind(0, address, resolve));
  cleanup.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return socket;
}

/**
 * 1,000 spoofed routers (a MAC and an identity each) from each of 127.0.1.1-20, sent by a process
 * of its own, as a host on the LAN would: the sender's work is not this process's stall. The process
 * is started (and its sockets bound) first; `send()` starts the flood and resolves when it is over.
 */
async function floodSender(port: number): Promise<{ send(): Promise<void> }> {
  const script = `
    const dgram = require('node:dgram');
    const tlv = (type, value) => { const h = Buffer.alloc(4); h.writeUInt16BE(type, 0); h.writeUInt16BE(value.length, 2); return Buffer.concat([h, value]); };
    const packet = (id) => Buffer.concat([Buffer.alloc(4),
      tlv(1, Buffer.from([2, (id >> 16) & 255, (id >> 8) & 255, id & 255, 0, 1])),
      tlv(5, Buffer.from('spoof ' + id))]);
    let open = 0;
    const sockets = Array.from({ length: 20 }, (_, i) => { const s = dgram.createSocket('udp4'); s.bind(0, '127.0.1.' + (i + 1), () => { if (++open === 20) process.stdout.write('ready\\n'); }); return s; });
    let n = 0;
    const go = () => {
      for (const [i, s] of sockets.entries()) for (let k = n; k < n + 5; k++) s.send(packet(i * 1000 + k), ${port}, '127.0.0.1');
      n += 5;
      if (n < 1000) setImmediate(go); else setTimeout(() => process.exit(0), 100);
    };
    process.stdin.once('data', go);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  cleanup.push(() => void child.kill());
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the flood exited with ${code}`)),
    );
  });
  exited.catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', () => reject(new Error('the flood sender did not start')));
  });
  return {
    send: () => {
      child.stdin.write('go\n');
      return exited;
    },
  };
}

it('an MNDP flood stays within the caps, a real router stays listed, changes come coalesced', async () => {
  const lists: Neighbor[][] = [];
  const watcher = await NeighborWatcher.start({
    host: '127.0.0.1',
    port: 0,
    // Under a flood the kernel drops datagrams, the real router's too: room for many lost in a row.
    expireMs: 5000,
    coalesceMs: 250,
    onChange: (neighbors) => lists.push(neighbors),
  });
  cleanup.push(() => watcher.stop());

  const router = {
    identity: 'Real router',
    macAddress: '02:00:00:00:00:AA',
    version: '7.18.2',
    board: 'CHR',
  };
  const real = await boundSocket('127.0.0.2');
  const announce = () => real.send(encodeMndp(router), watcher.port, '127.0.0.1');
  announce();
  const announcing = setInterval(announce, 200);
  cleanup.push(() => clearInterval(announcing));
  await expect.poll(() => watcher.list().map((n) => n.identity), { timeout: 5000 }).toEqual(['Real router']);

  const flood = await floodSender(watcher.port);
  const startedAt = Date.now();
  const emitsBefore = lists.length;
  const stall = await longestStallMs(async () => {
    await flood.send();
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  const floodMs = Date.now() - startedAt;

  expect(stall, 'longest event-loop stall (ms)').toBeLessThan(maxStallMs);
  const listed = watcher.list();
  expect(listed.length).toBeLessThanOrEqual(neighborLimits.maxNeighbors);
  expect(listed.map((n) => n.identity)).toContain('Real router');
  // Each address names at most maxPerSource routers, and is rate-limited besides.
  expect(listed.length).toBeLessThanOrEqual(1 + 20 * neighborLimits.maxPerSource);
  const emits = lists.length - emitsBefore;
  expect(emits).toBeLessThanOrEqual(Math.ceil(floodMs / 250) + 2);
  for (const list of lists.slice(emitsBefore)) expect(list.map((n) => n.identity)).toContain('Real router');

  // The flood stops; the spoofed routers expire, the one still announcing stays.
  await expect
    .poll(() => watcher.list().map((n) => n.identity), { timeout: 15_000, interval: 100 })
    .toEqual(['Real router']);
});
