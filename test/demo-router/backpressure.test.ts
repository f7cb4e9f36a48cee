// A long print is written only as fast as the client reads it: the router's rows are pulled one
// by one as the socket drains, so a client that stops reading stops the print, not the memory.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeSentence } from '../../electron/demo-router/api/words';
import { type FakeServers, startFakeServers } from './fake-router';
import { settledValue, waitUntil } from './waiting';
import { type Reply, WireClient } from './wire-client';

const ROWS = 120_000;
let servers: FakeServers;

beforeAll(async () => {
  servers = await startFakeServers(ROWS);
});
afterAll(() => servers.close());

/** Reads replies, counting `!re` ones, until `!done` for `tag`; returns the non-row replies. */
async function drain(client: WireClient, tag: string): Promise<{ rows: number; others: Reply[] }> {
  let rows = 0;
  const others: Reply[] = [];
  for (;;) {
    const reply = await client.next();
    if (reply.type === '!re') rows += 1;
    else others.push(reply);
    if (reply.type === '!done' && reply.tag === tag) return { rows, others };
  }
}

it('pulls rows only as the client reads them, and delivers them all once it does', async () => {
  const client = await WireClient.connect(servers.api);
  await client.login();
  const start = servers.router.generatedRowsProduced;
  client.socket.pause();
  client.send('/generated/print', '.tag=big');
  // The kernel's socket buffers (which grow on loopback) take what they can; then it stops.
  const whilePaused = (await settledValue(() => servers.router.generatedRowsProduced)) - start;
  expect(whilePaused).toBeGreaterThan(0);
  expect(whilePaused).toBeLessThan(ROWS / 2);

  client.socket.resume();
  const { rows, others } = await drain(client, 'big');
  expect(rows).toBe(ROWS);
  expect(others.map((reply) => reply.type)).toEqual(['!done']);
  client.close();
});

it('cancels a print midway; rows already written still arrive, then the interrupted trap', async () => {
  const client = await WireClient.connect(servers.api);
  await client.login();
  client.socket.pause();
  const start = servers.router.generatedRowsProduced;
  client.send('/generated/print', '.tag=p');
  // Stuck on the full socket buffers well before the end of the table.
  expect((await settledValue(() => servers.router.generatedRowsProduced)) - start).toBeLessThan(ROWS / 2);
  client.send('/cancel', '=tag=p', '.tag=c');
  client.socket.resume();
  const { rows, others } = await drain(client, 'p');
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(ROWS);
  expect(others.map((reply) => reply.words)).toEqual([
    ['!trap', '=category=2', '=message=interrupted', '.tag=p'],
    ['!done', '.tag=c'],
    ['!done', '.tag=p'],
  ]);
  client.close();
});

it('keeps answering other commands on the same connection while a long print is under way', async () => {
  const client = await WireClient.connect(servers.api);
  await client.login();
  client.send('/generated/print', '.tag=long');
  client.send('/ip/route/print', '?.id=*2', '=.proplist=gateway', '.tag=short');
  let shortDoneAt = -1;
  let longRows = 0;
  for (;;) {
    const reply = await client.next();
    if (reply.tag === 'long' && reply.type === '!re') longRows += 1;
    if (reply.tag === 'short' && reply.type === '!done') shortDoneAt = longRows;
    if (reply.tag === 'long' && reply.type === '!done') break;
  }
  expect(longRows).toBe(ROWS);
  // The short print finished long before the long one did: the two were interleaved.
  expect(shortDoneAt).toBeGreaterThanOrEqual(0);
  expect(shortDoneAt).toBeLessThan(ROWS / 2);
  client.close();
});

it('stops reading commands from a client that does not read its replies, until it does', async () => {
  const FLOOD = 200_000;
  let dones = 0;
  const client = await WireClient.connect(servers.api, {
    onSentence: (words) => {
      if (words[0] === '!done') dones += 1;
    },
  });
  client.send('/login', '=name=admin', '=password=');
  await waitUntil(() => dones === 1);
  const before = servers.router.commands.length;
  client.socket.pause();
  // Each command is answered with a trap and a !done, three times its own size.
  const command = encodeSentence(['/ip/route/remove']);
  client.sendRaw(Buffer.concat(Array.from({ length: FLOOD }, () => command)));
  const executed = (await settledValue(() => servers.router.commands.length)) - before;
  expect(executed).toBeGreaterThan(0);
  expect(executed).toBeLessThan(FLOOD / 2);

  client.socket.resume();
  expect(await waitUntil(() => dones === FLOOD + 1, 20_000)).toBe(true);
  expect(servers.router.commands.length - before).toBe(FLOOD);
  client.close();
});
