// The API front end against what RouterOS 7.18+ sends, over API and API-SSL: first word for word
// with a bare client, then through node-routeros (with Uplink's !empty fix) and routeros-api, whose
// own parsers must accept every reply. Behind it is a small fake router, so what is tested here is
// the protocol, not the router model.
import { RouterOSClient } from 'routeros-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeSentence } from '../../electron/demo-router/api/words';
import { type FakeServers, startFakeServers } from './fake-router';
import { waitUntil } from './waiting';
import { WireClient } from './wire-client';

const GENERATED = 2000;
let servers: FakeServers;

beforeAll(async () => {
  servers = await startFakeServers(GENERATED);
});
afterAll(() => servers.close());
afterEach(() => {
  expect(servers.internalErrors).toEqual([]);
});

const TRANSPORTS = [
  { name: 'API', tls: false },
  { name: 'API-SSL', tls: true },
] as const;

function endpoint(tls: boolean) {
  return tls ? servers.apiSsl : servers.api;
}

/** Waits until `check` holds; the router's stream bookkeeping settles a tick after the replies. */
async function eventually(check: () => boolean): Promise<void> {
  expect(await waitUntil(check)).toBe(true);
}

describe.each(TRANSPORTS)('$name word for word', ({ tls }) => {
  async function loggedIn(): Promise<WireClient> {
    const client = await WireClient.connect(endpoint(tls), { tls });
    await client.login();
    return client;
  }

  it('answers nothing but /login before login, and runs nothing', async () => {
    const client = await WireClient.connect(endpoint(tls), { tls });
    const before = servers.router.commands.length;
    client.send('/ip/route/print', '.tag=a');
    expect((await client.untilDone('a')).map((reply) => reply.words)).toEqual([
      ['!trap', '=message=not logged in', '.tag=a'],
      ['!done', '.tag=a'],
    ]);
    client.send('/quit');
    expect((await client.next()).type).toBe('!trap');
    expect(servers.router.commands.length).toBe(before);
    client.close();
  });

  it('traps a wrong password with RouterOS wording, then lets the client try again', async () => {
    const client = await WireClient.connect(endpoint(tls), { tls });
    client.send('/login', '=name=admin', '=password=wrong', '.tag=l');
    expect((await client.untilDone('l')).map((reply) => reply.words)).toEqual([
      ['!trap', '=message=invalid user name or password (6)', '.tag=l'],
      ['!done', '.tag=l'],
    ]);
    client.send('/login', '=name=nobody', '=password=');
    expect((await client.next()).attrs.message).toBe('invalid user name or password (6)');
    expect((await client.next()).type).toBe('!done');
    await client.login();
    client.send('/ip/route/add', '.tag=x');
    expect((await client.next()).words).toEqual(['!done', '=ret=*5', '.tag=x']);
    client.close();
  });

  it('echoes .tag on every reply of a tagged command, and no tag on an untagged one', async () => {
    const client = await loggedIn();
    client.send('/ip/route/print', '?distance=1', '?distance=2', '?#|', '.tag=t1');
    const tagged = await client.untilDone('t1');
    expect(tagged.map((reply) => [reply.type, reply.tag])).toEqual([
      ['!re', 't1'],
      ['!re', 't1'],
      ['!done', 't1'],
    ]);
    // RouterOS puts .tag after the attributes; node-routeros relies on that order.
    expect(tagged[0]!.words.at(-1)).toBe('.tag=t1');
    client.send('/ip/route/print', '=.proplist=.id', '?.id=*3');
    expect((await client.untilDone()).map((reply) => reply.words)).toEqual([['!re', '=.id=*3'], ['!done']]);
    client.send('/ip/route/print', '?.id=*3', '.tag=');
    expect((await client.untilDone()).every((reply) => reply.tag === undefined)).toBe(true);
    client.close();
  });

  it('runs several commands at once on one connection, each reply under its own tag', async () => {
    const client = await loggedIn();
    client.send('/ping', '=address=1.1.1.1', '.tag=p');
    expect(await client.next()).toMatchObject({ type: '!re', tag: 'p' });
    client.send('/ip/route/print', '=.proplist=.id', '?>distance=1', '.tag=r');
    client.send('/ip/route/add', '=dst-address=10.9.9.0/24', '.tag=a');
    const byTag = new Map<string, string[]>();
    while (byTag.get('r')?.at(-1) !== '!done' || byTag.get('a')?.at(-1) !== '!done') {
      const reply = await client.next();
      byTag.set(reply.tag!, [...(byTag.get(reply.tag!) ?? []), reply.type]);
    }
    expect(byTag.get('r')).toEqual(['!re', '!re', '!done']);
    expect(byTag.get('a')).toEqual(['!done']);
    // The ping is still running; it is cancelled in its own test.
    client.send('/cancel', '=tag=p', '.tag=c');
    await client.untilDone('p');
    client.close();
  });

  it('answers a print that matches nothing with !empty, then !done', async () => {
    const client = await loggedIn();
    client.send('/ip/route/print', '?distance=99', '.tag=e');
    expect((await client.untilDone('e')).map((reply) => reply.words)).toEqual([
      ['!empty', '.tag=e'],
      ['!done', '.tag=e'],
    ]);
    client.close();
  });

  it('traps with category and message as the router words them, then !done', async () => {
    const client = await loggedIn();
    client.send('/ip/route/remove', '=.id=*99', '.tag=1');
    expect((await client.untilDone('1')).map((reply) => reply.words)).toEqual([
      ['!trap', '=category=0', '=message=no such item', '.tag=1'],
      ['!done', '.tag=1'],
    ]);
    // Several traps for one failure, as RouterOS answers an unknown command, share one !done.
    client.send('/interface/frobnicate', '.tag=2');
    expect((await client.untilDone('2')).map((reply) => reply.words)).toEqual([
      ['!trap', '=category=0', '=message=no such command or directory (frobnicate)', '.tag=2'],
      ['!trap', '=message=no such command prefix', '.tag=2'],
      ['!done', '.tag=2'],
    ]);
    client.send('frobnicate', '.tag=3');
    expect((await client.untilDone('3'))[0]!.attrs.message).toBe('no such command prefix');
    client.send('/ip/route/print', '?#|x', '.tag=4');
    expect((await client.untilDone('4'))[0]!.attrs.category).toBe('1');
    client.close();
  });

  it('traps a fault in the router model as a general failure and keeps serving', async () => {
    const client = await loggedIn();
    client.send('/bug', '.tag=b');
    expect((await client.untilDone('b'))[0]!.attrs).toEqual({
      category: '4',
      message: 'a bug in the router model',
    });
    expect(servers.internalErrors).toHaveLength(1);
    servers.internalErrors.length = 0;
    client.send('/ip/route/print', '?.id=*1', '.tag=ok');
    expect((await client.untilDone('ok')).map((reply) => reply.type)).toEqual(['!re', '!done']);
    client.close();
  });

  it('cancels a stream: its !trap category=2 interrupted, the /cancel !done, then its !done', async () => {
    const client = await loggedIn();
    const live = servers.router.liveStreams;
    client.send('/ping', '=address=9.9.9.9', '=interval=5', '.tag=s');
    expect((await client.next()).attrs).toMatchObject({ seq: '0', host: '9.9.9.9' });
    expect(servers.router.liveStreams).toBe(live + 1);
    client.send('/cancel', '=tag=s', '.tag=c');
    const replies = [];
    for (let reply = await client.next(); ; reply = await client.next()) {
      if (reply.type === '!re') continue;
      replies.push(reply.words);
      if (reply.type === '!done' && reply.tag === 's') break;
    }
    expect(replies).toEqual([
      ['!trap', '=category=2', '=message=interrupted', '.tag=s'],
      ['!done', '.tag=c'],
      ['!done', '.tag=s'],
    ]);
    expect(servers.router.liveStreams).toBe(live);
    // Nothing more comes for the cancelled stream.
    await expect(client.next(100)).rejects.toThrow(/no reply/);
    client.close();
  });

  it('/cancel without a tag cancels every running command, and a stream that ends by itself ends with !done', async () => {
    const client = await loggedIn();
    client.send('/ping', '=count=2', '=interval=5', '.tag=short');
    const short = await client.untilDone('short');
    expect(short.map((reply) => reply.type)).toEqual(['!re', '!re', '!done']);
    client.send('/ping', '.tag=x');
    client.send('/ping', '.tag=y');
    await client.next();
    client.send('/cancel', '.tag=all');
    const ends = [];
    while (ends.length < 5) {
      const reply = await client.next();
      if (reply.type !== '!re') ends.push(`${reply.type} ${reply.tag}`);
    }
    expect(ends.sort()).toEqual(['!done all', '!done x', '!done y', '!trap x', '!trap y']);
    await eventually(() => servers.router.liveStreams === 0);
    client.close();
  });

  it('stops a stream whose connection goes away', async () => {
    const client = await loggedIn();
    const live = servers.router.liveStreams;
    client.send('/ping', '.tag=gone');
    await client.next();
    client.close();
    await eventually(() => servers.router.liveStreams === live);
  });

  it('/quit: !fatal with the bare reason, then the router closes the connection', async () => {
    const client = await loggedIn();
    client.send('/quit', '.tag=q');
    expect((await client.next()).words).toEqual(['!fatal', 'session terminated on request']);
    await client.closed;
  });

  it('ends only the offending connection with !fatal on a control byte', async () => {
    const client = await loggedIn();
    client.sendRaw(Buffer.from([0xf8, 1, 2, 3]));
    const fatal = await client.next();
    expect(fatal.type).toBe('!fatal');
    expect(fatal.words[1]).toMatch(/control byte 0xf8/);
    await client.closed;
  });

  it('ends a connection whose announced word exceeds the limit, before login, without waiting for it', async () => {
    const client = await WireClient.connect(endpoint(tls), { tls });
    client.sendRaw(
      Buffer.concat([encodeSentence(['/login']).subarray(0, -1), Buffer.from([0xe0, 0x10, 0, 0])]),
    );
    expect((await client.next()).type).toBe('!fatal');
    await client.closed;
  });
});

describe.each(TRANSPORTS)('node-routeros 1.6.9 with the !empty fix over $name', ({ tls }) => {
  const client = (password = '') => servers.nodeRouteros({ tls, password });

  it('refuses a wrong password the way it recognises RouterOS refusing one', async () => {
    await expect(client('wrong').connect()).rejects.toMatchObject({ errno: 'CANTLOGIN' });
  });

  it('prints with queries, stack operations and .proplist, several at once', async () => {
    const api = await client().connect();
    const [both, neither, narrow, inactive] = await Promise.all([
      api.write('/ip/route/print', ['?distance=1', '?distance=10', '?#|', '=.proplist=.id,distance']),
      api.write('/ip/route/print', ['?distance=1', '?distance=10', '?#|!', '=.proplist=.id']),
      api.write('/ip/route/print', ['=.proplist=.id,gateway', '?>comment=']),
      api.write('/ip/route/print', ['?dst-address=0.0.0.0/0', '?active=false', '?#&', '=.proplist=gateway']),
    ]);
    expect(both).toEqual([
      { '.id': '*1', distance: '1' },
      { '.id': '*4', distance: '10' },
    ]);
    expect(neither).toEqual([{ '.id': '*2' }, { '.id': '*3' }]);
    expect(narrow).toEqual([
      { '.id': '*1', gateway: '1.1.1.1' },
      { '.id': '*2', gateway: '9.9.9.9' },
    ]);
    expect(inactive).toEqual([{ gateway: '9.9.9.9' }]);
    await api.close();
  });

  it('resolves a print that matches nothing with []', async () => {
    const api = await client().connect();
    expect(await api.write('/ip/route/print', ['?distance=99'])).toEqual([]);
    // The connection is still usable afterwards.
    expect(await api.write('/ip/route/add', ['=dst-address=10.8.0.0/16'])).toEqual([{ ret: '*5' }]);
    await api.close();
  });

  it('rejects a trapped command with the router message', async () => {
    const api = await client().connect();
    await expect(api.write('/ip/route/remove', ['=.id=*42'])).rejects.toThrow('no such item');
    await expect(api.write('/interface/frobnicate')).rejects.toThrow(
      'no such command or directory (frobnicate)',
    );
    expect(await api.write('/ip/route/print', ['?.id=*4', '=.proplist=distance'])).toEqual([
      { distance: '10' },
    ]);
    await api.close();
  });

  it('reads a long print in full, in order', async () => {
    const api = await client().connect();
    const rows = await api.write('/generated/print', ['=.proplist=.id']);
    expect(rows).toHaveLength(GENERATED);
    expect(rows.at(-1)).toEqual({ '.id': `*${GENERATED.toString(16).toUpperCase()}` });
    await api.close();
  });

  it('streams, then stops the stream with /cancel', async () => {
    const api = await client().connect();
    const live = servers.router.liveStreams;
    const rows: Array<Record<string, string>> = [];
    const stream = api.stream(
      ['/ping', '=address=8.8.8.8', '=interval=5'],
      (error: Error | null, row: Record<string, string>) => {
        if (!error && row) rows.push(row);
      },
    );
    await eventually(() => rows.length >= 3);
    await stream.stop();
    await eventually(() => servers.router.liveStreams === live);
    expect(rows.slice(0, 3).map((row) => row.seq)).toEqual(['0', '1', '2']);
    await api.close();
  });
});

describe.each(TRANSPORTS)('routeros-api (RouterOSClient) over $name', ({ tls }) => {
  function client(password = ''): RouterOSClient {
    const { host, port } = endpoint(tls);
    return new RouterOSClient({
      host,
      port,
      user: 'admin',
      password,
      tls: tls ? { rejectUnauthorized: false } : undefined,
    });
  }

  it('refuses a wrong password', async () => {
    await expect(client('wrong').connect()).rejects.toBeTruthy();
  });

  it('queries with where / orWhere / whereNot / whereEmpty / whereHigher and select', async () => {
    const connection = client();
    const menu = await connection.connect();
    const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);
    expect(ids(await menu.menu('/ip/route').where('distance', '1').orWhere('distance', '10').get())).toEqual([
      '*1',
      '*4',
    ]);
    expect(ids(await menu.menu('/ip/route').whereNot('comment', '').get())).toEqual(['*1', '*2', '*3']);
    expect(ids(await menu.menu('/ip/route').whereEmpty('comment').get())).toEqual(['*3']);
    expect(ids(await menu.menu('/ip/route').whereHigher('distance', '1').get())).toEqual(['*2', '*4']);
    const selected = await menu.menu('/ip/route').select(['id', 'gateway']).where('distance', '2').get();
    expect(selected).toEqual([{ $$path: '/ip/route', id: '*2', gateway: '9.9.9.9' }]);
    await connection.close();
  });

  it('gets [] for a print that matches nothing (it knows !empty)', async () => {
    const connection = client();
    const menu = await connection.connect();
    expect(await menu.menu('/ip/route').where('gateway', '203.0.113.1').get()).toEqual([]);
    await connection.close();
  });

  it('streams and stops', async () => {
    const connection = client();
    const menu = await connection.connect();
    const live = servers.router.liveStreams;
    const seqs: number[] = [];
    const stream = menu
      .menu('/ping')
      .where('address', '1.0.0.1')
      .where('interval', '5')
      .stream((error: Error | null, row: { seq: number }) => {
        if (!error && row) seqs.push(row.seq);
      });
    await eventually(() => seqs.length >= 2);
    await stream.stop();
    await eventually(() => servers.router.liveStreams === live);
    expect(seqs.slice(0, 2)).toEqual([0, 1]);
    await connection.close();
  });
});
