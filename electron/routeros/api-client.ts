// The RouterClient over the RouterOS API, with node-routeros (and Uplink's fixes to it) doing the
// framing and login. node-routeros has sharp edges this wraps:
//   - a connection problem after login is emitted as 'error' on the instance, which would crash the
//     process if nobody listened; a reply word it does not know, or a reply for a tag nobody reads,
//     is thrown from inside the socket's data handler, an uncaught exception. Here the first becomes
//     a lost session and the others fail the connection instead of the process;
//   - its `timeout` is the socket's idle timeout, which kills a quiet but healthy session; here it
//     bounds the login only, and every call has a timeout of its own;
//   - calls in flight when the connection dies never settle; here they fail with `closed`;
//   - a trap loses its category; here traps keep RouterOS's message and category.
import type { Duplex } from 'node:stream';
import type { Channel } from 'node-routeros';
import type { RouterCommand } from '../../shared/routeros/command';
import { bridgeToLoopback, type LoopbackBridge } from './loopback-bridge';
import { RouterOSAPI } from './node-routeros';
import { maxPrintRows } from './reply-limits';
import {
  type AttrValue,
  type PrintOptions,
  type RouterClient,
  RouterError,
  type Row,
  type StreamCallbacks,
  type StreamHandle,
} from './router-client';
import {
  connectionLost,
  loginRefused,
  replyOverLimit,
  sessionClosed,
  unreadableReply,
} from './router-errors';
import { runCommandsOverApi } from './run-commands';

export interface ApiClientOptions {
  user: string;
  password: string;
  /** How long a call may wait for its answer. */
  callTimeoutMs: number;
  /** How long the login may take. */
  loginTimeoutMs: number;
  /** Items one print may hold in memory; maxPrintRows unless a test wants to reach it sooner. */
  maxPrintRows?: number;
}

/** The library's internals this touches (private in its declarations). */
interface ApiInternals {
  connector?: {
    socket: { setTimeout(ms: number): void; once(event: 'fatal', listener: () => void): void };
  };
  openChannel(): Channel;
}

interface ChannelInternals {
  processPacket(packet: string[]): void;
}

interface TrapAttrs {
  message?: string;
  category?: string;
}

/** What one command's replies are handed to. Exactly one of done/fail is called, once. */
interface Exchange {
  row(row: Row): void;
  done(lastAttrs: Row | undefined): void;
  fail(error: RouterError): void;
}

export function apiWords(attrs: Record<string, AttrValue>): string[] {
  return Object.entries(attrs).map(
    ([name, value]) => `=${name}=${value === true ? 'yes' : value === false ? 'no' : String(value)}`,
  );
}

function printWords(menu: string, options: PrintOptions = {}): string[] {
  return [
    `${menu}/print`,
    ...(options.proplist ? [`=.proplist=${options.proplist.join(',')}`] : []),
    ...(options.query ?? []).map((query) => `?${query}`),
  ];
}

function trapError(attrs: TrapAttrs): RouterError {
  const category = attrs.category === undefined ? undefined : Number(attrs.category);
  return new RouterError('trap', attrs.message ?? 'The router refused the command.', category);
}

/**
 * Logs in over `stream` (a TCP or TLS socket, or an SSH channel to the API port) and returns the
 * client. On failure the stream is destroyed.
 */
export async function connectApi(stream: Duplex, options: ApiClientOptions): Promise<ApiClient> {
  let bridge: LoopbackBridge;
  try {
    bridge = await bridgeToLoopback(stream);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  const api = new RouterOSAPI({
    host: bridge.host,
    port: bridge.port,
    user: options.user,
    password: options.password,
    timeout: Math.max(1, Math.ceil(options.loginTimeoutMs / 1000)),
    keepalive: false,
  });
  const client = new ApiClient(api, bridge, stream, options.callTimeoutMs, options.maxPrintRows);
  await client.login(options);
  return client;
}

export class ApiClient implements RouterClient {
  private readonly lostListeners = new Set<(error: RouterError) => void>();
  private readonly inFlight = new Set<Exchange>();
  private ended: RouterError | undefined;
  private closing = false;
  /** Rejects when the connection fails during login, which the library does not always report. */
  private loginFailed: (error: RouterError) => void = () => undefined;

  constructor(
    private readonly api: RouterOSAPI,
    private readonly bridge: LoopbackBridge,
    upstream: Duplex,
    private readonly callTimeoutMs: number,
    private readonly maxRows = maxPrintRows,
  ) {
    // After login the library reports a dead link here; unheard, it would crash the process.
    api.on('error', (error: Error) => this.lose(this.lostBecause(error.message)));
    api.on('close', () => this.lose(this.lostBecause()));
    upstream.once('close', () => this.lose(this.lostBecause()));
    const internals = api as unknown as ApiInternals;
    const openChannel = internals.openChannel.bind(api);
    internals.openChannel = () => {
      const channel = openChannel();
      // The library throws on a reply word it does not know; fail the connection instead.
      channel.removeAllListeners('unknown');
      channel.on('unknown', (reply: string) =>
        this.lose(unreadableReply(`a reply word it does not know (${reply.slice(0, 40)})`)),
      );
      return channel;
    };
  }

  async login(options: ApiClientOptions): Promise<void> {
    const failed = new Promise<never>((_, reject) => {
      this.loginFailed = reject;
    });
    const connecting = this.api.connect();
    // Whichever loses the race below must not become an unhandled rejection.
    connecting.catch(() => undefined);
    failed.catch(() => undefined);
    this.listenForFatal();
    const deadline = setTimeout(
      () => this.lose(new RouterError('timeout', 'The router did not finish the login in time.')),
      options.loginTimeoutMs,
    );
    try {
      await Promise.race([connecting, failed]);
    } catch (error) {
      this.bridge.destroy();
      const refused = loginFailure(error, options.user);
      if (this.api.unreadable) throw this.lostBecause();
      throw refused.code === 'auth' ? refused : (this.ended ?? refused);
    } finally {
      clearTimeout(deadline);
    }
    // The library's socket timeout is an idle timeout: a healthy, quiet session would be cut.
    (this.api as unknown as ApiInternals).connector?.socket.setTimeout(0);
  }

  print(menu: string, options?: PrintOptions): Promise<Row[]> {
    const rows: Row[] = [];
    return this.collect(printWords(menu, options), (row) => {
      if (rows.length >= this.maxRows) throw replyOverLimit(`${menu}/print`, this.maxRows);
      rows.push(row);
    }).then(() => rows);
  }

  printEach(menu: string, options: PrintOptions, onRow: (row: Row) => void): Promise<void> {
    return this.collect(printWords(menu, options), onRow).then(() => undefined);
  }

  runCommands(commands: readonly RouterCommand[]): Promise<void> {
    return runCommandsOverApi(this, commands);
  }

  async run(command: string, attrs: Record<string, AttrValue> = {}): Promise<{ ret?: string }> {
    const done = await this.collect([command, ...apiWords(attrs)], () => undefined);
    return done?.ret === undefined ? {} : { ret: done.ret };
  }

  stream(command: string, attrs: Record<string, AttrValue>, callbacks: StreamCallbacks): StreamHandle {
    let stopped = false;
    let settle: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const exchange: Exchange = {
      row: (row) => {
        if (!stopped) callbacks.row(row);
      },
      done: () => {
        settle();
        if (!stopped) callbacks.end?.();
      },
      fail: (error) => {
        settle();
        if (!stopped) callbacks.end?.(error);
      },
    };
    let channel: Channel | undefined;
    try {
      channel = this.start([command, ...apiWords(attrs)], exchange);
    } catch (error) {
      // Not connected: reported the way a stream reports its end, once the caller has the handle.
      queueMicrotask(() => exchange.fail(error as RouterError));
    }
    return {
      stop: async () => {
        if (stopped) return;
        stopped = true;
        if (!channel || this.ended) return;
        // The router answers the cancelled command with `!trap interrupted` and `!done`.
        await this.collect(['/cancel', `=tag=${channel.Id}`], () => undefined).catch(() => undefined);
        await settleWithin(finished, this.callTimeoutMs);
      },
    };
  }

  async ping(): Promise<void> {
    await this.print('/system/identity');
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.closing = true;
    this.ended = sessionClosed();
    this.failInFlight(this.ended);
    await settleWithin(this.api.close(), this.callTimeoutMs);
    this.bridge.destroy();
  }

  onLost(listener: (error: RouterError) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** A `!fatal` from the router; what it cannot read is reported by the fixed receiver (node-routeros.ts). */
  private listenForFatal(): void {
    (this.api as unknown as ApiInternals).connector?.socket.once('fatal', () =>
      this.lose(new RouterError('fatal', 'The router ended the session.')),
    );
  }

  /** Runs one command to its `!done`, handing rows over as they come; resolves with `!done`'s attributes. */
  private collect(words: string[], onRow: (row: Row) => void): Promise<Row | undefined> {
    return new Promise((resolve, reject) => {
      let channel: Channel | undefined;
      let settled = false;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
      };
      const exchange: Exchange = {
        row: (row) => {
          if (settled) return;
          try {
            onRow(row);
          } catch (error) {
            // A row the caller refuses (one over a cap) ends this call, not the connection.
            exchange.fail(error instanceof RouterError ? error : unreadableReply(String(error)));
            cancel();
          }
        },
        done: (attrs) => {
          if (settled) return;
          settle();
          resolve(attrs);
        },
        fail: (error) => {
          if (settled) return;
          settle();
          reject(error);
        },
      };
      // Stops the work router-side. The channel still reads its late replies, so nothing is thrown.
      const cancel = () => {
        if (channel && !this.ended) this.start(['/cancel', `=tag=${channel.Id}`], ignoreReplies);
      };
      const timer = setTimeout(() => {
        exchange.fail(
          new RouterError(
            'timeout',
            `The router did not answer ${words[0]} within ${this.callTimeoutMs / 1000} s.`,
          ),
        );
        cancel();
      }, this.callTimeoutMs);
      try {
        channel = this.start(words, exchange);
      } catch (error) {
        exchange.fail(error as RouterError);
      }
    });
  }

  /** Sends one command on a channel of its own and routes its replies to `exchange`. */
  private start(words: string[], exchange: Exchange): Channel {
    if (this.ended) throw this.ended;
    const channel = (this.api as unknown as ApiInternals).openChannel();
    // The library's own reply handling runs as it is (with the `!empty` fix); this only notes which
    // reply each 'data' comes from, which the library does not say.
    let reply = '';
    const internals = channel as unknown as ChannelInternals;
    const processPacket = internals.processPacket;
    internals.processPacket = (packet) => {
      reply = packet[0] ?? '';
      processPacket.call(channel, packet);
    };
    let doneAttrs: Row | undefined;
    let trap: RouterError | undefined;
    // Not the library's streaming mode: that drops `!done`'s attributes (`ret` of an add).
    channel.on('data', (row: Row) => {
      if (reply === '!done') doneAttrs = row;
      else exchange.row(row);
    });
    // RouterOS may send more than one `!trap` for a failure; the first is the most specific.
    channel.on('trap', (attrs: TrapAttrs) => {
      trap ??= trapError(attrs);
    });
    channel.once('close', () => {
      this.inFlight.delete(exchange);
      if (trap) exchange.fail(trap);
      else if (this.ended) exchange.fail(this.ended);
      else exchange.done(doneAttrs);
    });
    this.inFlight.add(exchange);
    channel.write(words, false, false);
    return channel;
  }

  /** Why the connection ended, as far as is known: bytes it could not read, or just lost. */
  private lostBecause(detail?: string): RouterError {
    const unreadable = this.api.unreadable;
    return unreadable ? unreadableReply(unreadable.message) : connectionLost(detail);
  }

  private lose(error: RouterError): void {
    if (this.ended) return;
    this.ended = error;
    this.failInFlight(error);
    this.bridge.destroy();
    this.loginFailed(error);
    if (this.closing) return;
    for (const listener of this.lostListeners) listener(error);
  }

  private failInFlight(error: RouterError): void {
    for (const exchange of [...this.inFlight]) exchange.fail(error);
    this.inFlight.clear();
  }
}

const ignoreReplies: Exchange = { row: () => undefined, done: () => undefined, fail: () => undefined };

function loginFailure(error: unknown, user: string): RouterError {
  if (error instanceof RouterError) return error;
  const { errno, message } = (error ?? {}) as { errno?: string; message?: string };
  // A trap during /login is a refused login; the library turns RouterOS's wording into CANTLOGIN.
  if (errno === 'CANTLOGIN') return loginRefused(user);
  if (errno === undefined && error instanceof Error) return loginRefused(user, message);
  return connectionLost(message ?? String(error));
}

/** Waits for `promise` to settle, either way, but no longer than `ms`. */
function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}
