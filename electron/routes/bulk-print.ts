import type { Duplex } from 'node:stream';
import type { Route } from '../../shared/routes/route';
import { type RouteFamily, routeMenuOf } from '../../shared/routes/route-family';
import { encodeSentence, SentenceDecoder } from '../demo-router/api/words';
import { maxTableRoutes } from '../routeros/reply-limits';
import { type RouterClient, RouterError, type StreamHandle } from '../routeros/router-client';
import { type Endpoint, replyOverLimit, unreadableReply } from '../routeros/router-errors';
import { openTcp } from '../routeros/socket-transports';
import { RouteReplyDecoder } from './route-reply-decoder';
import { RouteTable, routeProplist } from './route-table';

/** Where a bulk print puts its rows, and whom it tells. */
export interface BulkPrintTarget {
  /** `/ip/route` or `/ipv6/route`. */
  menu: string;
  table: RouteTable;
  /** Some rows went into the table. */
  rows(): void;
  /** The print ended by itself (`!done`) or failed; not called after `stop()`. */
  end(error?: RouterError): void;
  /**
   * Settles once the session's listen is in place on the router. A print on a connection of its
   * own waits for it: were its snapshot taken first, a change between the two would be lost.
   */
  listening?: Promise<unknown>;
}

/** The first full read of a route menu, the one that can be a million rows. */
export type BulkPrint = (target: BulkPrintTarget) => StreamHandle;

export interface BulkPrintLimits {
  /** How long the print may go without a row before it is given up as stalled. */
  idleMs: number;
  /** How many routes the table may hold. */
  maxRoutes: number;
}

const defaultLimits: BulkPrintLimits = { idleMs: 60_000, maxRoutes: maxTableRoutes };

/**
 * A bulk print held to an idle timeout and the table cap: a router that stops sending leaves the
 * print failed with a timeout, not "loading" for ever, and one that sends more routes than the
 * cap is stopped there with a message, instead of taking all memory.
 */
function bounded(print: BulkPrint, { idleMs, maxRoutes }: BulkPrintLimits): BulkPrint {
  return ({ menu, table, rows, end, listening }) => {
    let over = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (error?: RouterError) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      end(error);
    };
    const giveUp = (error: RouterError) => {
      finish(error);
      void handle.stop();
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => giveUp(new RouterError('timeout', `The router sent no routes for ${idleMs / 1000} s.`)),
        idleMs,
      );
    };
    const handle = print({
      menu,
      table,
      rows: () => {
        if (over) return;
        if (table.size > maxRoutes) return giveUp(replyOverLimit(`${menu}/print`, maxRoutes));
        arm();
        rows();
      },
      end: finish,
      ...(listening && { listening }),
    });
    arm();
    return {
      stop: async () => {
        over = true;
        clearTimeout(timer);
        await handle.stop();
      },
    };
  };
}

/** Through the session's own client: works on every transport, CLI over SSH included. */
export const streamedPrint = (client: RouterClient, limits = defaultLimits): BulkPrint =>
  bounded(
    ({ menu, table, rows, end }) =>
      client.stream(
        `${menu}/print`,
        { '.proplist': routeProplist.join(',') },
        {
          row: (row) => {
            table.apply(row);
            rows();
          },
          end,
        },
      ),
    limits,
  );

/** A logged-in RouterOS API byte stream (plain, TLS, or an SSH direct-tcpip channel to the API port). */
export type OpenApiStream = () => Promise<Duplex>;

const tag = 'uplink-routes';

/**
 * The fast path for big tables: the print runs on a connection of its own and its reply is decoded
 * from bytes straight into the table's columns (RouteReplyDecoder), bypassing node-routeros, whose
 * per-word string handling makes a million-row print take minutes. Live changes still come through
 * the session's /ip/route/listen.
 */
export const rawApiPrint = (open: OpenApiStream, limits = defaultLimits): BulkPrint =>
  bounded(({ menu, table, rows, end, listening }) => {
    let stream: Duplex | undefined;
    let stopped = false;
    let ended = false;
    const finish = (error?: RouterError) => {
      if (ended || stopped) return;
      ended = true;
      stream?.destroy();
      end(error);
    };
    const decoder = new RouteReplyDecoder(table, {
      rows,
      done: () => finish(),
      failed: finish,
    });
    const listened = listening?.catch(() => undefined);
    Promise.all([open(), listened]).then(
      ([opened]) => {
        stream = opened;
        if (stopped) return opened.destroy();
        opened.on('data', (chunk: Buffer) => decoder.push(chunk));
        opened.on('error', (error) => finish(new RouterError('closed', error.message)));
        opened.on('close', () => finish(new RouterError('closed', 'The router closed the connection')));
        opened.write(
          encodeSentence([`${menu}/print`, `=.proplist=${routeProplist.join(',')}`, `.tag=${tag}`]),
        );
      },
      (error: unknown) =>
        finish(error instanceof RouterError ? error : new RouterError('unreachable', String(error))),
    );
    return {
      stop: async () => {
        stopped = true;
        if (stream && !ended) stream.write(encodeSentence(['/cancel', `=tag=${tag}`]));
        stream?.destroy();
      },
    };
  }, limits);

/** A snapshot's routes (RouteTable#kept), and how many the router has. */
export interface KeptRoutes {
  routes: Route[];
  total: number;
}

/** Routes a snapshot builds between two turns of the event loop. */
const keptPerTurn = 5000;

/**
 * A table's routes for its snapshot (RouteTable.keptSlots), built a few thousand at a time with
 * the event loop served between: the snapshot is taken as a big table finishes loading, which is
 * when the technician starts filtering it, and 100,000 routes built in one go held that up.
 */
export async function keptRoutes(
  table: RouteTable,
  limit: number,
  /** Resolves when the next turn may go: the routes service holds it while the technician is busy. */
  turn: () => Promise<unknown> = () => Promise.resolve(),
): Promise<KeptRoutes> {
  await turn();
  const slots = table.keptSlots(limit);
  const routes: Route[] = [];
  for (let at = 0; at < slots.length; at += keptPerTurn) {
    if (at > 0) await turn();
    // A route removed meanwhile is left out; one changed meanwhile is taken as it is now.
    for (const slot of slots.subarray(at, at + keptPerTurn))
      if (table.alive[slot]) routes.push(table.route(slot));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { routes, total: table.size };
}

/** A snapshot's routes of one family, read by a bulk print into a table of its own. */
export function printKeptRoutes(print: BulkPrint, limit: number, family: RouteFamily): Promise<KeptRoutes> {
  const table = new RouteTable();
  return new Promise((resolve, reject) => {
    print({
      menu: routeMenuOf(family),
      table,
      rows: () => undefined,
      end: (error) => (error ? reject(error) : resolve(keptRoutes(table, limit))),
    });
  });
}

/** Logs a raw API stream in (RouterOS 6.43+ plain-text login); resolves with the same stream. */
export function loginRawApi(
  stream: Duplex,
  user: string,
  password: string,
  timeoutMs = 10_000,
): Promise<Duplex> {
  return new Promise<Duplex>((resolve, reject) => {
    const decoder = new SentenceDecoder({ maxWordBytes: 64 * 1024, maxSentenceBytes: 1024 * 1024 });
    const settle = (error?: RouterError) => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (!error) return resolve(stream);
      stream.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => settle(new RouterError('timeout', 'The router did not answer the login')),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      let reply: string[] | undefined;
      try {
        [reply] = decoder.push(chunk);
      } catch (error) {
        // Not RouterOS framing, or over the login's limits: this connection fails, not main.
        return settle(unreadableReply((error as Error).message));
      }
      if (!reply) return;
      if (reply[0] === '!done') return settle();
      settle(
        new RouterError(
          'auth',
          reply.find((word) => word.startsWith('=message='))?.slice(9) ?? 'Login refused',
        ),
      );
    };
    const onError = (error: Error) => settle(new RouterError('closed', error.message));
    const onClose = () =>
      settle(new RouterError('closed', 'The router closed the connection during the login'));
    stream.on('data', onData);
    stream.on('error', onError);
    stream.on('close', onClose);
    stream.write(encodeSentence(['/login', `=name=${user}`, `=password=${password}`]));
  });
}

/** A plain-API opener for a known endpoint and login: the bench and the tests use it. */
export function openRawApi(
  endpoint: Endpoint & { user: string; password: string },
  timeoutMs = 10_000,
): OpenApiStream {
  return async () =>
    loginRawApi(await openTcp(endpoint, 'api', timeoutMs), endpoint.user, endpoint.password, timeoutMs);
}
