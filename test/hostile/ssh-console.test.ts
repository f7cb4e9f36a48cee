// A hostile SSH console, after a login that went well: a print that never ends, an item that
// announces more bytes than any value has, a command's answer without end. Each fails that call with
// a typed error, holding a bounded amount, and the event loop (main's, in the app) keeps turning.

import { type Connection, Server, type ServerChannel, utils } from 'ssh2';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { CliClient } from '../../electron/routeros/cli-client';
import { replyLimits } from '../../electron/routeros/reply-limits';
import { RouterError } from '../../electron/routeros/router-client';
import { SshConnection } from '../../electron/routeros/ssh-transport';
import { longestStallMs, maxStallMs } from '../support/event-loop';

/** What the console sends for a command, piece by piece, for as long as the channel is open. */
type Answer = (channel: ServerChannel) => void;

const item = (index: number) => `3:.id${String(index).length + 1}:*${index}4:name5:route\r\n`;

/**
 * Sends `piece()` again and again as fast as the client reads, one piece per turn of the event loop
 * (the server shares the test's process: its own work must not count as the client's stall).
 */
const endless =
  (first: string, piece: () => Buffer): Answer =>
  (channel) => {
    let open = true;
    channel.on('close', () => {
      open = false;
    });
    channel.write(first);
    const more = () => {
      if (!open) return;
      if (channel.write(piece())) setImmediate(more);
      else channel.once('drain', more);
    };
    more();
  };

let rows = 0;
const nextRows = () => {
  const items = Array.from({ length: 200 }, (_, index) => item(rows + index));
  rows += items.length;
  return Buffer.from(items.join(''));
};
const answers: Record<string, Answer> = {
  // A table that never ends: rows are passed on as they come; the call ends at its timeout.
  'endless print': endless('', nextRows),
  // One value that says it is 900 MB long, then bytes for ever.
  'endless item': endless('3:.id2:*14:note999999999:', () => Buffer.alloc(64 * 1024, 0x61)),
  // Output that is no item at all, for ever.
  'endless answer': endless('', () => Buffer.alloc(64 * 1024, 0x62)),
};

/**
 * The console's limit in this test: the server shares the test's process, and its encrypting of
 * Uplink's 128 MiB would be counted as the client's stall; the limit's logic is the same.
 */
const consoleLimit = 8 * 1024 * 1024;

let server: Server;
let port: number;
let answer: Answer;
const clients = new Set<Connection>();

beforeAll(async () => {
  const { private: hostKey } = utils.generateKeyPairSync('ed25519');
  server = new Server({ hostKeys: [hostKey], ident: 'ROSSSH' }, (client) => {
    clients.add(client);
    client.on('error', () => undefined);
    client.on('close', () => clients.delete(client));
    client.on('authentication', (context) => context.accept());
    client.on('session', (accept) => {
      accept().on('exec', (acceptExec) => answer(acceptExec()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  for (const client of clients) client.end();
});

async function console(): Promise<CliClient> {
  const ssh = await SshConnection.open(
    { host: '127.0.0.1', port },
    { user: 'admin', password: '', timeoutMs: 3000, verify: async () => undefined },
  );
  return new CliClient(ssh, { callTimeoutMs: 1500 }, consoleLimit);
}

it('follows an endless print row by row without stalling: the caller decides when to stop', async () => {
  answer = answers['endless print'] as Answer;
  const client = await console();
  let seen = 0;
  let outcome: unknown;
  const stall = await longestStallMs(async () => {
    outcome = await Promise.race([
      client.printEach('/ip/route', {}, () => {
        seen += 1;
      }),
      new Promise((resolve) => setTimeout(resolve, 1500, 'still reading')),
    ]).catch((error: unknown) => error);
  });
  // Rows keep coming, so the call is still alive: the caller (the routes service) decides when to stop.
  expect(outcome).toBe('still reading');
  expect(seen).toBeGreaterThan(1000);
  expect(stall, 'longest event-loop stall (ms)').toBeLessThan(maxStallMs);
  await client.close();
});

it.each([
  ['endless item', `an item over ${replyLimits.maxSentenceBytes / 1024 / 1024} MiB`],
  ['endless answer', 'an answer with no item Uplink can read'],
])(
  '%s: the print fails as unreadable at Uplink’s limit, and the loop keeps turning',
  async (name, detail) => {
    answer = answers[name] as Answer;
    const client = await console();
    let outcome: unknown;
    const stall = await longestStallMs(async () => {
      outcome = await client.printEach('/ip/route', {}, () => undefined).catch((error: unknown) => error);
    });
    expect(outcome).toBeInstanceOf(RouterError);
    expect((outcome as RouterError).message).toContain(detail);
    expect(stall, 'longest event-loop stall (ms)').toBeLessThan(maxStallMs);
    await client.close();
  },
  60_000,
);

it('ends a command whose answer has no end, at the console’s limit', async () => {
  answer = answers['endless answer'] as Answer;
  const client = await console();
  let outcome: unknown;
  const stall = await longestStallMs(async () => {
    outcome = await client.print('/ip/route').catch((error: unknown) => error);
  });
  expect(outcome).toBeInstanceOf(RouterError);
  expect((outcome as RouterError).message).toContain('an answer over 8 MiB');
  expect(stall, 'longest event-loop stall (ms)').toBeLessThan(maxStallMs);
  await client.close();
}, 60_000);
