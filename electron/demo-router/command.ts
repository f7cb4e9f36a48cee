// The boundary between the demo router's protocol front ends (API, API-SSL, SSH CLI) and the
// simulated router behind them. The front ends only parse and frame; every command, whichever
// door it came through, is executed by the router model through this one interface.

/** Attributes of one reply row, as RouterOS sends them over the API (`=name=value`). */
export type Attrs = Record<string, string>;

/** One API command after framing: `/ip/route/print` with its `=attr=` words and `?query` words. */
export interface ApiCommand {
  /** The command word, e.g. `/ip/route/print`, `/ping`, `/cancel`. */
  path: string;
  /** `=name=value` words, without `.proplist` (see `proplist`). */
  attrs: Attrs;
  /** `?...` query words in the order they came, for the query stack (`?#|`, `?#&`, `?#!`). */
  queries: string[];
  /** From `=.proplist=a,b,c`; undefined when absent (all properties). */
  proplist?: string[];
}

/** What a command produces. Rows are an iterable so a million-route print never sits in memory. */
export type CommandResult =
  /** `print`-like: one `!re` per row, `!empty` when there are none (RouterOS 7.18+), then `!done`. */
  | { type: 'rows'; rows: Iterable<Attrs> }
  /** `add`/`set`/`remove`/...: `!done`, with `=ret=` when given (e.g. `.id` of an added item). */
  | { type: 'done'; ret?: string }
  /**
   * A stream (`/ping`, `monitor-traffic`, `listen`): rows are pushed until the stream ends by
   * itself (`end()`), fails (`end(trap)`), or is cancelled (the returned function; the front end
   * then answers the command with `!trap category=2 message=interrupted` and `!done`).
   */
  | { type: 'stream'; start(sink: StreamSink): () => void };

export interface StreamSink {
  row(attrs: Attrs): void;
  end(trap?: RouterTrap): void;
}

/**
 * A `!trap` reply. The message must be RouterOS's own wording (e.g. `no such command prefix`,
 * `no such item`, `failure: already have such route`), because clients match on it.
 */
export class RouterTrap extends Error {
  constructor(
    message: string,
    /** RouterOS trap categories: 0 missing item/command, 1 argument value failure, 2 interrupted, ... */
    readonly category?: number,
    /**
     * Traps RouterOS sends ahead of this one for the same failure, all before the one `!done`: an
     * unknown menu or command gets `!trap category=0 message=no such command or directory (<word>)`
     * and then `!trap message=no such command prefix`.
     */
    readonly preceding: readonly RouterTrap[] = [],
  ) {
    super(message);
    this.name = 'RouterTrap';
  }
}

/** Who is running a command: needed for permissions and for scripts' `[admin@identity]` context. */
export interface CommandContext {
  user: string;
}

/** The simulated router as the protocol front ends see it. */
export interface CommandTarget {
  execute(command: ApiCommand, context: CommandContext): CommandResult;
}
