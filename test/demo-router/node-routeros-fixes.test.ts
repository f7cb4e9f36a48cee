// Proof of Uplink's fixes to node-routeros 1.6.9 (electron/routeros/node-routeros.ts): the library
// as published crashes or hangs on RouterOS 7.18's `!empty`, and holds back a reply whose closing
// byte arrives in a later read; the fixed subclass does neither. The unfixed library meets `!empty`
// in a child process, because its failure there is an uncaught exception.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { promisify } from 'node:util';
import { RouterOSAPI as Unfixed } from 'node-routeros';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSentence, SentenceDecoder } from '../../electron/demo-router/api/words';
import { RouterOSAPI } from '../../electron/routeros/node-routeros';
import { type FakeServers, startFakeServers } from './fake-router';
import { waitUntil } from './waiting';

const run = promisify(execFile);

/** Plain CommonJS against the published library: prints what became of the calls. */
const UNFIXED_CLIENT = `
const { RouterOSAPI } = require('node-routeros');
const [port, mode] = process.argv.slice(1);
if (mode === 'survive') process.on('uncaughtException', (error) => console.log('uncaught ' + (error.errno || error.message)));
const settle = (promise, ms) => Promise.race([
  promise.then((rows) => 'resolved ' + JSON.stringify(rows), (error) => 'rejected ' + error.message),
  new Promise((resolve) => setTimeout(() => resolve('hung'), ms)),
]);
const api = new RouterOSAPI({ host: '127.0.0.1', port: Number(port), user: 'admin', password: '' });
api.connect().then(async () => {
  console.log('empty print ' + await settle(api.write('/ip/route/print', ['?distance=99']), 400));
  console.log('next print ' + await settle(api.write('/ip/route/print', ['?distance=1']), 200));
  process.exit(0);
});
`;

/** Resolves to 'hung' when the promise has not settled after `ms`. */
function settle<T>(promise: Promise<T>, ms: number): Promise<T | 'hung'> {
  return Promise.race([promise, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms))]);
}

let servers: FakeServers;
let scripted: Server;
let scriptedPort = 0;

/**
 * A scripted router for replies the demo router never sends on its own: a listen that meets
 * `!empty`, a print whose `!done` loses its closing byte to a later read, a control byte.
 */
function startScriptedRouter(): Server {
  return createServer((socket) => {
    const decoder = new SentenceDecoder({ maxWordBytes: 4096, maxSentenceBytes: 4096 });
    // Without Nagle's delay, each write leaves on its own: the split below reaches the client split.
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      for (const words of decoder.push(chunk)) {
        const tag = words.find((word) => word.startsWith('.tag='))!;
        const send = (...reply: string[]) => socket.write(encodeSentence([...reply, tag]));
        switch (words[0]) {
          case '/login':
            send('!done');
            break;
          case '/ip/route/listen':
            send('!re', '=n=1');
            send('!empty');
            setTimeout(() => send('!re', '=n=2'), 20);
            break;
          case '/ip/route/print': {
            send('!re', '=.id=*1');
            const done = encodeSentence(['!done', tag]);
            socket.write(done.subarray(0, -1));
            setTimeout(() => socket.write(done.subarray(-1)), 30);
            break;
          }
          case '/garbage':
            socket.write(Buffer.from([0xf8, 0, 0]));
            break;
          case '/cancel': {
            const target = `.tag=${words.find((word) => word.startsWith('=tag='))!.slice(5)}`;
            socket.write(encodeSentence(['!trap', '=category=2', '=message=interrupted', target]));
            send('!done');
            socket.write(encodeSentence(['!done', target]));
          }
        }
      }
    });
  });
}

beforeAll(async () => {
  servers = await startFakeServers();
  scripted = startScriptedRouter();
  await new Promise<void>((resolve) => scripted.listen(0, '127.0.0.1', resolve));
  scriptedPort = (scripted.address() as { port: number }).port;
});
afterAll(async () => {
  await servers.close();
  await new Promise<void>((resolve) => scripted.close(() => resolve()));
});

/** Runs `use` on a connected client and closes the connection however `use` ends. */
async function withClient<T extends Unfixed>(api: T, use: (api: T) => Promise<void>): Promise<void> {
  api.on('error', () => undefined);
  await api.connect();
  try {
    await use(api);
  } finally {
    await api.close().catch(() => undefined);
  }
}

function runUnfixed(mode: 'crash' | 'survive') {
  return run(process.execPath, ['-e', UNFIXED_CLIENT, String(servers.api.port), mode], {
    cwd: process.cwd(),
    timeout: 10_000,
  });
}

const options = (port: number) => ({ host: '127.0.0.1', port, user: 'admin', password: '' });

describe('!empty', () => {
  it('kills the published library with an uncaught UNKNOWNREPLY exception', async () => {
    const outcome = await runUnfixed('crash').then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).not.toBe(0);
    expect(outcome.stderr).toContain('UNKNOWNREPLY');
    expect(outcome.stderr).toContain('!empty');
  });

  it('when the process survives the exception, leaves the print and the whole connection hanging', async () => {
    const { stdout } = await runUnfixed('survive');
    expect(stdout.split('\n')).toEqual(['uncaught UNKNOWNREPLY', 'empty print hung', 'next print hung', '']);
  });

  it('fixed: a print that matches nothing resolves [], and the connection carries on', async () => {
    const api = await servers.nodeRouteros().connect();
    expect(await api.write('/ip/route/print', ['?distance=99'])).toEqual([]);
    expect(await api.write('/ip/route/print', ['?distance=1', '=.proplist=.id'])).toEqual([{ '.id': '*1' }]);
    await api.close();
  });

  it('fixed: a stream keeps streaming past it', async () => {
    await withClient(new RouterOSAPI(options(scriptedPort)), async (api) => {
      const rows: string[] = [];
      const stream = api.stream(['/ip/route/listen'], (error: Error | null, row: { n: string }) => {
        if (!error && row) rows.push(row.n);
      });
      await waitUntil(() => rows.length >= 2);
      expect(rows).toEqual(['1', '2']);
      await stream.stop();
    });
  });
});

describe('a reply whose closing byte comes in a later read', () => {
  it('is held back by the published library', async () => {
    await withClient(new Unfixed(options(scriptedPort)), async (api) => {
      expect(await settle(api.write('/ip/route/print'), 300)).toBe('hung');
    });
  });

  it('fixed: settles when the byte arrives, not at the next keepalive (5 s)', async () => {
    await withClient(new RouterOSAPI(options(scriptedPort)), async (api) => {
      expect(await settle(api.write('/ip/route/print'), 2000)).toEqual([{ '.id': '*1' }]);
    });
  });
});

it('fixed: a control byte from the router fails the connection instead of hanging it', async () => {
  await withClient(new RouterOSAPI(options(scriptedPort)), async (api) => {
    const failed = new Promise<unknown>((resolve) => api.once('error', resolve));
    void api.write('/garbage');
    expect(await settle(failed, 2000)).toBeInstanceOf(Error);
    expect(api.connected).toBe(false);
  });
});
