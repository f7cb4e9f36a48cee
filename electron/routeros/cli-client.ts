// The RouterClient over plain SSH, for routers (and Transient Access grants) that allow no port
// forwarding to the API: each call runs one console command on an `exec` channel of the session's
// SSH connection and reads its output back into API rows (cli-syntax.ts). The console has no
// streams the way the API has; they are made of repeated one-shot commands here: a `listen` by
// printing the table again and passing on what changed, `/ping` by pinging once per interval, at
// a fixed rate.
import type { ClientChannel } from 'ssh2';
import { type RouterCommand, toCli } from '../../shared/routeros/command';
import { parseDuration } from '../../shared/routeros/duration';
import {
  CliRefusal,
  cliLine,
  cliPrint,
  cliRun,
  parseProperties,
  parseRows,
  parseRunOutput,
  pickProperties,
  queriedId,
  RowReader,
} from './cli-syntax';
import { TablePoll } from './cli-table-poll';
import { maxConsoleBytes, maxPrintRows } from './reply-limits';
import {
  type AttrValue,
  type PrintOptions,
  type RouterClient,
  RouterError,
  type Row,
  type StreamCallbacks,
  type StreamHandle,
} from './router-client';
import { replyOverLimit, unreadableReply } from './router-errors';
import type { SshConnection } from './ssh-transport';

export interface CliTiming {
  callTimeoutMs: number;
  /** How often a `listen` looks at the table again: 2 s by default. */
  listenPollMs?: number;
}

/** Streams the console runs as one-shot commands, and the words that make one shot. */
const oneShot: Record<string, { attrs: Record<string, AttrValue>; flags: string[] }> = {
  '/ping': { attrs: { count: 1 }, flags: [] },
  '/interface/monitor-traffic': { attrs: {}, flags: ['once'] },
};

export async function connectCli(ssh: SshConnection, timing: CliTiming): Promise<CliClient> {
  const client = new CliClient(ssh, timing);
  // A console that answers at all, before the session is called online.
  await client.ping();
  return client;
}

export class CliClient implements RouterClient {
  private readonly callTimeoutMs: number;
  /** The table polls that stand in for listens, one per table and properties. */
  private readonly polls = new Map<string, TablePoll>();
  private readonly listenPollMs: number;

  constructor(
    private readonly ssh: SshConnection,
    timing: CliTiming,
    /** What one console command may print (reply-limits.ts); smaller in a test. */
    private readonly maxOutputBytes = maxConsoleBytes,
  ) {
    this.callTimeoutMs = timing.callTimeoutMs;
    this.listenPollMs = timing.listenPollMs ?? 2000;
  }

  async print(menu: string, options: PrintOptions = {}): Promise<Row[]> {
    const id = queriedId(options.query);
    let rows: Row[];
    try {
      const output = await this.console(cliPrint(menu, options));
      rows = asTrap(() => parseRows(output));
    } catch (error) {
      // Read by `get`, a missing item is an error; asked by query, it is no rows.
      if (id !== undefined && error instanceof RouterError && error.message === 'no such item') return [];
      throw error;
    }
    if (rows.length > maxPrintRows) throw replyOverLimit(menu, maxPrintRows);
    if (id !== undefined) rows = rows.map((row) => ({ '.id': id, ...row }));
    return pickProperties(rows, options.proplist);
  }

  /** Rows as the console prints them: a big table's first rows show long before its last. */
  async printEach(menu: string, options: PrintOptions, onRow: (row: Row) => void): Promise<void> {
    if (queriedId(options.query) !== undefined) {
      for (const row of await this.print(menu, options)) onRow(row);
      return;
    }
    // Only a print of the whole table can be a listen's first look.
    const poll = options.query?.length
      ? undefined
      : (this.polls.get(pollKey(menu, options)) ?? this.polls.get(pollKey(menu, {})));
    const firstLook = poll?.firstLook(options.proplist);
    const reader = new RowReader(this.maxOutputBytes, (row) => {
      const picked = pickProperties([row], options.proplist)[0] as Row;
      firstLook?.row(picked);
      onRow(picked);
    });
    try {
      await this.console(cliPrint(menu, options), (chunk) => reader.push(chunk));
      asTrap(() => reader.end());
    } catch (error) {
      firstLook?.end(error as RouterError);
      throw error;
    }
    firstLook?.end();
  }

  async runCommands(commands: readonly RouterCommand[]): Promise<void> {
    if (commands.length === 0) return;
    // One console line: the router runs the commands in order and stops at the first it refuses,
    // printing why; a plan that goes through prints nothing.
    const output = await this.console(commands.map(toCli).join('; '));
    asTrap(() => parseRunOutput(output.toString('utf8')));
  }

  async run(command: string, attrs?: Record<string, AttrValue>): Promise<{ ret?: string }> {
    const output = await this.console(cliRun(command, attrs));
    return asTrap(() => parseRunOutput(output.toString('utf8')));
  }

  stream(command: string, attrs: Record<string, AttrValue>, callbacks: StreamCallbacks): StreamHandle {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const end = (error?: RouterError) => {
      if (!stopped) callbacks.end?.(error);
      stopped = true;
      clearTimeout(timer);
    };
    const menu = command.replace(/\/(listen|print)$/, '');
    const { '.proplist': proplist, ...rest } = attrs;
    const options: PrintOptions = proplist === undefined ? {} : { proplist: String(proplist).split(',') };
    if (command.endsWith('/print')) {
      this.printEach(menu, options, (row) => !stopped && callbacks.row(row)).then(() => end(), end);
    } else if (command.endsWith('/listen')) {
      const key = pollKey(menu, options);
      let poll = this.polls.get(key);
      if (!poll) {
        const made = new TablePoll(
          (properties) => this.print(menu, properties ? { proplist: [...properties] } : {}),
          options.proplist,
          this.listenPollMs,
          () => this.polls.get(key) === made && this.polls.delete(key),
        );
        this.polls.set(key, made);
        poll = made;
      }
      const handle = poll.follow({ row: callbacks.row, end });
      return {
        stop: () => {
          stopped = true;
          return handle.stop();
        },
      };
    } else if (oneShot[command]) {
      const shot = oneShot[command];
      const { interval, count, interface: names, ...words } = rest;
      const everyMs = parseDuration(String(interval ?? '1s')) ?? 1000;
      let left = count === undefined ? Number.POSITIVE_INFINITY : Number(count);
      // One console command per interface: a console prints several side by side, not as rows.
      const targets =
        command === '/interface/monitor-traffic' && names !== undefined ? String(names).split(',') : [names];
      const once = (name: AttrValue | undefined) =>
        this.console(
          cliLine(
            command,
            { ...(name === undefined ? {} : { interface: name }), ...words, ...shot.attrs },
            shot.flags,
          ),
        ).then((output) => {
          const row = asTrap(() => parseProperties(output.toString('utf8')));
          if (!stopped) callbacks.row(row);
        });
      // At a fixed rate from the start, not an interval after each answer: a slow answer (a relay's
      // round trip, a probe waiting out its timeout) delays its own sample, never the ones after it.
      const startedAt = Date.now();
      let shots = 0;
      const tick = () => {
        if (stopped) return;
        shots += 1;
        const last = --left <= 0;
        Promise.all(targets.map(once)).then(() => last && end(), end);
        if (!last) timer = setTimeout(tick, Math.max(0, startedAt + shots * everyMs - Date.now()));
      };
      tick();
    } else {
      queueMicrotask(() =>
        end(new RouterError('trap', `${command} cannot be followed over the SSH console.`)),
      );
    }
    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }

  async ping(): Promise<void> {
    await this.print('/system/identity');
  }

  async close(): Promise<void> {
    this.ssh.close();
  }

  onLost(listener: (error: RouterError) => void): () => void {
    return this.ssh.onLost(listener);
  }

  /**
   * Runs one console line on a channel of its own; resolves with all it printed, or passes each piece to `onData` as it
   * comes. The call times out when the router goes silent for the call timeout, not when a long
   * print is still coming.
   */
  private async console(line: string, onData?: (chunk: Buffer) => void): Promise<Buffer> {
    let channel: ClientChannel;
    try {
      channel = await this.ssh.exec(line);
    } catch (error) {
      throw (
        this.ssh.lost ??
        new RouterError('closed', `The router would not run a console command: ${(error as Error).message}`)
      );
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let held = 0;
      const stop = (error: Error) => {
        clearTimeout(timer);
        channel.off('data', data);
        channel.stderr.off('data', data);
        // Closing the channel ends the command on the router.
        channel.close();
        reject(error);
      };
      const silent = () =>
        stop(new RouterError('timeout', `The router did not answer within ${this.callTimeoutMs / 1000} s.`));
      const timer = setTimeout(silent, this.callTimeoutMs);
      const data = (chunk: Buffer) => {
        timer.refresh();
        if (!onData) {
          held += chunk.length;
          if (held > this.maxOutputBytes)
            return stop(unreadableReply(`an answer over ${this.maxOutputBytes / 1024 / 1024} MiB`));
          return chunks.push(chunk);
        }
        try {
          onData(chunk);
        } catch (error) {
          // Thrown inside ssh2's event: it must end this call, never reach the event loop.
          stop(error as Error);
        }
      };
      channel.on('data', data);
      channel.stderr.on('data', data);
      channel.on('error', () => undefined);
      channel.once('close', () => {
        clearTimeout(timer);
        if (this.ssh.lost) return reject(this.ssh.lost);
        resolve(Buffer.concat(chunks));
      });
    });
  }
}

/** Listens of the same table and properties share one poll. */
const pollKey = (menu: string, options: PrintOptions) => `${menu} ${options.proplist?.join(',') ?? ''}`;

/** Reads console output; a refusal printed in place of data becomes a trap, in RouterOS's words. */
function asTrap<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof CliRefusal) throw new RouterError('trap', error.message);
    throw error;
  }
}
