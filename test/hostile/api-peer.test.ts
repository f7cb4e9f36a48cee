// A broken or hostile router on the RouterOS API, at every stage: the session's login and its calls,
// the bulk print's own login and the print itself. Each case costs that connection (or that call) a
// typed error; the process, its event loop and a healthy session to another router carry on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoRouter } from '../../electron/demo-router/index';
import { type ApiClient, connectApi } from '../../electron/routeros/api-client';
import { RouterError } from '../../electron/routeros/router-client';
import { openTcp } from '../../electron/routeros/socket-transports';
import { openRawApi, rawApiPrint } from '../../electron/routes/bulk-print';
import { RouteTable } from '../../electron/routes/route-table';
import { demoRouter, harness } from '../sessions/harness';
import { longestStallMs, maxStallMs } from '../support/event-loop';
import {
  type HostileApiServer,
  type Misbehaviour,
  type Stage,
  startHostileApiServer,
} from './hostile-api-server';

// A row cap well under the stated one (maxPrintRows), so that a flood reaches it in a test's time.
const login = { user: 'admin', password: '', callTimeoutMs: 1000, loginTimeoutMs: 1000, maxPrintRows: 5000 };

let healthy: DemoRouter;
let bystander: ApiClient;
let hostile: HostileApiServer | undefined;
/** Pings the healthy router every 100 ms while a case runs; a failed one is a bystander hurt. */
let pinging: { stop(): Promise<string[]> } | undefined;

beforeAll(async () => {
  healthy = await demoRouter({ sshPort: null });
  bystander = await connectApi(await openTcp(healthy.api, 'api', 3000), login);
});

afterEach(async () => {
  await pinging?.stop();
  pinging = undefined;
  await hostile?.stop();
  hostile = undefined;
});

afterAll(async () => {
  await bystander.close();
  await healthy.stop();
});

function pingBystander(): { stop(): Promise<string[]> } {
  const failures: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      await bystander.ping().catch((error: Error) => failures.push(error.message));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return failures;
    },
  };
}

/** Runs `work` against a hostile server while the bystander is pinged; what `work` settled with. */
async function against(how: Misbehaviour, stage: Stage, work: (port: number) => Promise<unknown>) {
  hostile = await startHostileApiServer(how, stage);
  const port = hostile.port;
  pinging = pingBystander();
  let outcome: unknown;
  const stall = await longestStallMs(async () => {
    outcome = await work(port).catch((error: unknown) => error);
  });
  const hurt = await pinging.stop();
  pinging = undefined;
  expect(stall, 'longest event-loop stall (ms)').toBeLessThan(maxStallMs);
  expect(hurt, 'the healthy session’s pings').toEqual([]);
  await bystander.ping();
  return outcome;
}

const session = (port: number, callTimeoutMs = login.callTimeoutMs) =>
  openTcp({ host: '127.0.0.1', port }, 'api', 3000).then((stream) =>
    connectApi(stream, { ...login, callTimeoutMs }),
  );

/** A bulk print into a table of its own, with short limits; resolves with the table or rejects. */
function bulkPrint(port: number): Promise<RouteTable> {
  const table = new RouteTable();
  const print = rawApiPrint(openRawApi({ host: '127.0.0.1', port, user: 'admin', password: '' }, 1000), {
    idleMs: 1000,
    maxRoutes: 20_000,
  });
  return new Promise((resolve, reject) => {
    print({
      menu: '/ip/route',
      table,
      rows: () => undefined,
      end: (error) => (error ? reject(error) : resolve(table)),
    });
  });
}

/** The typed error each misbehaviour must come back as. */
const expected: Record<Exclude<Misbehaviour, 'long-word'>, string> = {
  'control-byte': 'unreadable',
  'huge-length': 'unreadable',
  truncated: 'closed',
  'endless-rows': 'unreadable',
  silent: 'timeout',
};

const atLogin = ['control-byte', 'huge-length', 'truncated', 'silent'] as const;

function expectTyped(outcome: unknown, how: keyof typeof expected): void {
  expect(outcome).toBeInstanceOf(RouterError);
  expect((outcome as RouterError).code).toBe(expected[how]);
}

describe('the session’s login', () => {
  it.each(atLogin)('%s: a typed error', async (how) =>
    expectTyped(await against(how, 'login', session), how),
  );
});

describe('a call after the login', () => {
  it.each(['control-byte', 'huge-length', 'truncated', 'endless-rows', 'silent'] as const)(
    '%s: a typed error for that call',
    async (how) => {
      const lost: string[] = [];
      let client: ApiClient | undefined;
      const outcome = await against(how, 'command', async (port) => {
        // A flood must meet the row cap, not the call's timeout: on a busy machine 5,000 rows can
        // take longer than the short one.
        client = await session(port, how === 'endless-rows' ? 15_000 : login.callTimeoutMs);
        client.onLost((error) => lost.push(error.code));
        return client.print('/ip/route');
      });
      await client?.close();
      expectTyped(outcome, how);
      // Bytes it cannot read end the connection; a reply over the row cap or a stall end the call.
      if (how === 'control-byte' || how === 'huge-length') expect(lost).toEqual(['unreadable']);
    },
  );

  it('a word just under the limit, trickled in 1 KiB pieces, is read whole', async () => {
    let client: ApiClient | undefined;
    const outcome = await against('long-word', 'command', async (port) => {
      // A thousand pieces, one per turn of the server's loop, take longer than the short timeout.
      client = await session(port, 15_000);
      return client.print('/ip/route');
    });
    await client?.close();
    expect(outcome).toEqual([{ comment: 'a'.repeat(1024 * 1024 - 64 - '=comment='.length) }]);
  });
});

describe('the bulk print’s second connection', () => {
  it.each(atLogin)('login, %s: a typed error', async (how) =>
    expectTyped(await against(how, 'login', bulkPrint), how),
  );

  it.each(['control-byte', 'huge-length', 'truncated', 'endless-rows', 'silent'] as const)(
    'print, %s: a typed error',
    async (how) => {
      const outcome = await against(how, 'command', bulkPrint);
      expectTyped(outcome, how);
    },
  );

  it('a word just under the limit, trickled in 1 KiB pieces, is read and the print ends', async () => {
    const outcome = await against('long-word', 'command', bulkPrint);
    expect(outcome).toBeInstanceOf(RouteTable);
  });
});

it('a session whose router answers the login with bytes it cannot read says so to the UI', async () => {
  hostile = await startHostileApiServer('control-byte', 'login');
  const h = await harness();
  try {
    const siteId = await h.addSite({ port: hostile.port });
    await h.sessions.open(siteId).catch(() => undefined);
    const state = await h.until(siteId, (s) => s.error !== undefined);
    expect(state.error).toMatchObject({ code: 'unreadable' });
    expect(state.error?.message).toMatch(/cannot read/);
  } finally {
    await h.dispose();
  }
});
