import { type ErrorCode, UplinkError } from '../../shared/ipc/errors';
import type { RouterCommand } from '../../shared/routeros/command';

/** One item as RouterOS reports it over the API: every value a string (`distance=1`, `active=true`). */
export type Row = Record<string, string>;

/** Attribute values a caller may pass; numbers and booleans are sent as RouterOS writes them. */
export type AttrValue = string | number | boolean;

export interface PrintOptions {
  /** API query words without the leading `?`, e.g. `dst-address=0.0.0.0/0`, `#|`. */
  query?: string[];
  /** Only these properties (`.proplist`). */
  proplist?: string[];
}

export interface StreamHandle {
  /** Cancels the router-side command (`/cancel`) and resolves once it has stopped. */
  stop(): Promise<void>;
}

export interface StreamCallbacks {
  row(row: Row): void;
  /** The stream ended by itself (`!done`), failed, or the session was lost. Not called after stop(). */
  end?(error?: RouterError): void;
}

/**
 * A live conversation with one router, whichever way it is carried (API, API-SSL, the API through
 * an SSH tunnel, or the CLI over SSH). Menus are written the API way: `/ip/route`, `/ip/route/set`.
 * Every call has a timeout; every failure is a RouterError with a code the UI can word.
 */
export interface RouterClient {
  /** `<menu>/print`: the matching items, `[]` when none match. */
  print(menu: string, options?: PrintOptions): Promise<Row[]>;
  /** `<menu>/print`, handing over each item as it arrives, for tables too big to hold twice. */
  printEach(menu: string, options: PrintOptions, onRow: (row: Row) => void): Promise<void>;
  /** A command such as `/ip/route/set`; resolves with `ret` (e.g. the `.id` that `add` made). */
  run(command: string, attrs?: Record<string, AttrValue>): Promise<{ ret?: string }>;
  /**
   * Commands of the shared model in order, stopping at the first the router refuses (a trap with
   * its words); a `[find where ...]` that matches nothing changes nothing. A plan: the console runs
   * them as one script in one round trip, which is what a relay's latency asks for.
   */
  runCommands(commands: readonly RouterCommand[]): Promise<void>;
  /** A command that streams (`/ping`, `/interface/monitor-traffic`, `/ip/route/listen`). */
  stream(command: string, attrs: Record<string, AttrValue>, callbacks: StreamCallbacks): StreamHandle;
  /** Resolves when the router answered within the timeout; the session's keepalive. */
  ping(): Promise<void>;
  /** Ends the conversation cleanly. */
  close(): Promise<void>;
  /** Called once when the conversation ends for any reason other than close(). */
  onLost(listener: (error: RouterError) => void): () => void;
}

export type RouterErrorCode = Extract<
  ErrorCode,
  'trap' | 'fatal' | 'unreadable' | 'timeout' | 'closed' | 'auth' | 'unreachable' | 'trust'
>;

/** A router-side failure, typed. `trap` carries RouterOS's own message and category. */
export class RouterError extends UplinkError {
  constructor(
    code: RouterErrorCode,
    message: string,
    readonly category?: number,
  ) {
    super({ code, message });
    this.name = 'RouterError';
  }
}
