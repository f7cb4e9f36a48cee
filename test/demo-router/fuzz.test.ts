// Thousands of malformed sentences and random byte streams on many connections at once, while a
// well-behaved client keeps working on its own connection. Seeded, so a failure can be replayed.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeLength, encodeSentence } from '../../electron/demo-router/api/words';
import { type FakeServers, startFakeServers } from './fake-router';
import { waitUntil } from './waiting';

const CONNECTIONS = 100;
const SENTENCES_PER_CONNECTION = 80;

let servers: FakeServers;
beforeAll(async () => {
  servers = await startFakeServers(300);
});
afterAll(() => servers.close());

function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (length: number) => Array.from({ length }, () => String.fromCharCode(int(256))).join('');
  return { next, int, pick, text };
}

const COMMANDS = [
  '/ip/route/print',
  '/generated/print',
  '/ping',
  '/cancel',
  '/ip/route/add',
  '/login',
  '/x',
  'x',
  '',
];

/** One sentence that is well framed but otherwise anything: odd commands, attributes, queries. */
function randomSentence(rng: ReturnType<typeof random>): string[] {
  const words = [rng.next() < 0.8 ? rng.pick(COMMANDS) : rng.text(rng.int(20))];
  for (let count = rng.int(8); count > 0; count -= 1) {
    words.push(
      rng.pick([
        () => `=${rng.text(rng.int(6))}=${rng.text(rng.int(12))}`,
        () =>
          `?${rng.pick(['', '-', '<', '>', '='])}${rng.pick(['distance', 'comment', '.id', rng.text(3)])}=${rng.text(2)}`,
        () => `?#${Array.from({ length: rng.int(6) }, () => rng.pick([...'0123456789!&|.x#'])).join('')}`,
        () => `.tag=${rng.text(rng.int(4))}`,
        () => `=.proplist=${rng.pick(['', ',', '.id,,gateway', rng.text(5)])}`,
        () => `=count=${rng.int(3)}`,
        () => `=interval=${rng.int(3)}`,
        () => rng.text(rng.int(30)),
      ])(),
    );
  }
  return words;
}

/** Bytes no sentence should be made of: lying lengths, control bytes, truncation, noise. */
function randomMalformed(rng: ReturnType<typeof random>): Buffer {
  return rng.pick([
    () => Buffer.from(Array.from({ length: 1 + rng.int(64) }, () => rng.int(256))),
    () => Buffer.from([0xf8 + rng.int(8), rng.int(256)]),
    () => Buffer.from([0xf1 + rng.int(7)]),
    () => encodeLength(0x10000000 + rng.int(0x1000)),
    () =>
      Buffer.concat([
        encodeLength(0x4000 + rng.int(0x100000)),
        Buffer.from(rng.text(rng.int(100)), 'latin1'),
      ]),
    () => encodeSentence(randomSentence(rng)).subarray(0, rng.int(20)),
  ])();
}

function open(tls: boolean): Promise<Socket> {
  return new Promise((resolve) => {
    const { host, port } = tls ? servers.apiSsl : servers.api;
    const socket = tls ? connectTls({ host, port, rejectUnauthorized: false }) : connectTcp(port, host);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.once(tls ? 'secureConnect' : 'connect', () => resolve(socket));
  });
}

async function abuse(seed: number): Promise<number> {
  const rng = random(seed);
  const socket = await open(seed % 5 === 0);
  let sentences = 0;
  if (rng.next() < 0.5) socket.write(encodeSentence(['/login', '=name=admin', '=password=']));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  for (let index = 0; index < SENTENCES_PER_CONNECTION && !socket.destroyed; index += 1) {
    socket.write(encodeSentence(randomSentence(rng)));
    sentences += 1;
    if (index % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  // Then the connection ends badly, or politely.
  socket.write(rng.next() < 0.8 ? randomMalformed(rng) : encodeSentence(['/quit']));
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 50))]);
  socket.destroy();
  return sentences;
}

it('keeps serving a well-behaved client while thousands of bad sentences arrive on other connections', async () => {
  const api = await servers.nodeRouteros().connect();
  let goodAnswers = 0;
  let stop = false;
  const wellBehaved = (async () => {
    while (!stop) {
      const rows = await api.write('/ip/route/print', [
        '?distance=1',
        '?distance=2',
        '?#|',
        '=.proplist=.id',
      ]);
      expect(rows).toEqual([{ '.id': '*1' }, { '.id': '*2' }]);
      goodAnswers += 1;
    }
  })();

  const sent = await Promise.all(Array.from({ length: CONNECTIONS }, (_, seed) => abuse(seed + 1)));
  stop = true;
  await wellBehaved;

  expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThan(4000);
  expect(goodAnswers).toBeGreaterThan(2);
  // Half the connections logged in, so a good share of the nonsense reached the router itself.
  expect(servers.router.commands.length).toBeGreaterThan(1000);
  // Every abusive input was handled as a client's fault, never as a fault of the demo router.
  expect(servers.internalErrors).toEqual([]);
  // Streams the abusers started died with their connections.
  expect(await waitUntil(() => servers.router.liveStreams === 0)).toBe(true);
  // And the router still serves new connections, over both doors.
  for (const tls of [false, true]) {
    const fresh = await servers.nodeRouteros({ tls }).connect();
    expect(await fresh.write('/generated/print', ['=.proplist=.id'])).toHaveLength(300);
    await fresh.close();
  }
  await api.close();
}, 30_000);
