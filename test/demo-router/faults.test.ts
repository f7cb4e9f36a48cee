// Fault injection on live API connections: drop, stall, garbage, trickle, set from the test while
// the router runs, for the next connection or for all open ones.
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeSentence } from '../../electron/demo-router/api/words';
import { type FakeServers, startFakeServers } from './fake-router';
import { settledValue, waitUntil } from './waiting';
import { WireClient } from './wire-client';

let servers: FakeServers;
beforeAll(async () => {
  servers = await startFakeServers(20_000);
});
afterAll(() => servers.close());
afterEach(() => {
  servers.faults.clear();
  expect(servers.internalErrors).toEqual([]);
});

/** A socket that records every byte it receives, and every chunk boundary. */
async function rawSocket(): Promise<{ socket: Socket; received: () => Buffer; chunks: () => number }> {
  const parts: Buffer[] = [];
  const socket = connect(servers.api.port, servers.api.host);
  socket.on('data', (chunk: Buffer) => parts.push(chunk));
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, received: () => Buffer.concat(parts), chunks: () => parts.length };
}

const LOGIN = encodeSentence(['/login', '=name=admin', '=password=']);
const DONE = encodeSentence(['!done']);

describe('drop after N sentences', () => {
  it('cuts the next connection right after its Nth reply sentence, without !fatal', async () => {
    servers.faults.next({ dropAfterSentences: 3 });
    const client = await WireClient.connect(servers.api);
    await client.login();
    client.send('/ip/route/print', '=.proplist=.id');
    expect(await client.next()).toMatchObject({ type: '!re', attrs: { '.id': '*1' } });
    expect(await client.next()).toMatchObject({ type: '!re', attrs: { '.id': '*2' } });
    await expect(client.next()).rejects.toThrow('connection closed');
    await client.closed;
  });

  it('applies to open connections with all(), and node-routeros sees the connection go', async () => {
    const api = await servers.nodeRouteros().connect();
    const closed = new Promise((resolve) => api.once('close', resolve));
    servers.faults.all({ dropAfterSentences: 0 });
    await closed;
    expect(api.connected).toBe(false);
  });

  it('only hits the connection it was queued for', async () => {
    servers.faults.next({ dropAfterSentences: 1 });
    const first = await WireClient.connect(servers.api);
    const second = await WireClient.connect(servers.api);
    await first.login();
    await first.closed;
    await second.login();
    second.send('/ip/route/print', '?.id=*4', '.tag=x');
    expect((await second.untilDone('x')).map((reply) => reply.type)).toEqual(['!re', '!done']);
    second.close();
  });
});

describe('stall', () => {
  it('holds every reply back until lifted, then lets them out in order', async () => {
    const client = await WireClient.connect(servers.api);
    await client.login();
    servers.faults.all({ stall: true });
    client.send('/ip/route/print', '?.id=*1', '.tag=1');
    client.send('/ip/route/add', '.tag=2');
    await expect(client.next(150)).rejects.toThrow(/no reply/);
    servers.faults.all({ stall: false });
    const replies = [await client.next(), await client.next(), await client.next()];
    // Each command's replies in order; the two commands' replies may interleave.
    expect(replies.filter((reply) => reply.tag === '1').map((reply) => reply.type)).toEqual(['!re', '!done']);
    expect(replies.filter((reply) => reply.tag === '2').map((reply) => reply.words)).toEqual([
      ['!done', '=ret=*5', '.tag=2'],
    ]);
    client.close();
  });

  it('pauses a long print at once, and clear() resumes it', async () => {
    const client = await WireClient.connect(servers.api);
    await client.login();
    const start = servers.router.generatedRowsProduced;
    servers.faults.all({ stall: true });
    client.send('/generated/print', '.tag=g');
    const produced = (await settledValue(() => servers.router.generatedRowsProduced)) - start;
    // Only what fits under the held-back limit before the print is told to wait.
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThan(2000);
    servers.faults.clear();
    const replies = await client.untilDone('g');
    expect(replies).toHaveLength(20_001);
    client.close();
  });

  it('makes a client with a timeout give up', async () => {
    servers.faults.next({ stall: true });
    const api = servers.nodeRouteros({ timeout: 0.3 });
    await expect(api.connect()).rejects.toMatchObject({ errno: 'SOCKTMOUT' });
  });
});

describe('garbage bytes', () => {
  it('writes the given bytes just before the next reply', async () => {
    servers.faults.next({ garbage: Uint8Array.from([0xff, 0xfe, 0x00]) });
    const { socket, received } = await rawSocket();
    socket.write(LOGIN);
    const expected = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00]), DONE]);
    await waitUntil(() => received().length >= expected.length);
    expect(received()).toEqual(expected);
    socket.destroy();
  });

  it('writes that many random bytes, once, on a connection already open', async () => {
    const { socket, received } = await rawSocket();
    socket.write(LOGIN);
    await waitUntil(() => received().length === DONE.length);
    servers.faults.all({ garbage: 64 });
    socket.write(encodeSentence(['/ip/route/add']));
    socket.write(encodeSentence(['/ip/route/add']));
    const reply = encodeSentence(['!done', '=ret=*5']);
    await waitUntil(() => received().length >= DONE.length + 64 + 2 * reply.length);
    const bytes = received();
    expect(bytes.length).toBe(DONE.length + 64 + 2 * reply.length);
    expect(bytes.subarray(DONE.length + 64)).toEqual(Buffer.concat([reply, reply]));
    socket.destroy();
  });

  it('breaks a client that reads it: the bare client refuses a control byte', async () => {
    servers.faults.next({ garbage: Uint8Array.from([0xf9]) });
    const client = await WireClient.connect(servers.api);
    client.send('/login', '=name=admin', '=password=');
    await expect(client.next()).rejects.toThrow(/control byte/);
  });
});

describe('slow trickle', () => {
  it('delivers replies a few bytes at a time, intact', async () => {
    servers.faults.next({ trickle: { bytes: 3, intervalMs: 1 } });
    const { socket, received, chunks } = await rawSocket();
    socket.write(LOGIN);
    socket.write(encodeSentence(['/ip/route/print', '?.id=*3', '.tag=t']));
    const expected = Buffer.concat([
      DONE,
      encodeSentence([
        '!re',
        '=.id=*3',
        '=dst-address=192.168.88.0/24',
        '=gateway=bridge',
        '=distance=0',
        '=active=true',
        '.tag=t',
      ]),
      encodeSentence(['!done', '.tag=t']),
    ]);
    await waitUntil(() => received().length >= expected.length);
    expect(received()).toEqual(expected);
    // Loopback delivers every write as it comes: one chunk per tick, three bytes each at most.
    expect(chunks()).toBeGreaterThanOrEqual(Math.ceil(expected.length / 3) / 2);
    socket.destroy();
  });

  it('still lets node-routeros, reading a split stream, log in and print', async () => {
    servers.faults.next({ trickle: { bytes: 2, intervalMs: 1 } });
    const api = await servers.nodeRouteros().connect();
    expect(
      await api.write('/ip/route/print', ['?distance=1', '?distance=2', '?#|', '=.proplist=.id']),
    ).toEqual([{ '.id': '*1' }, { '.id': '*2' }]);
    servers.faults.all({ trickle: null });
    expect(await api.write('/ip/route/print', ['?distance=99'])).toEqual([]);
    await api.close();
  });
});

it('clear() forgets faults queued for connections not yet made', async () => {
  servers.faults.next({ dropAfterSentences: 0 });
  servers.faults.clear();
  const client = await WireClient.connect(servers.api);
  await client.login();
  client.close();
});
