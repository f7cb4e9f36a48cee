// The commands every item menu shares: `print` (with `count-only`) and `listen`.
import { compileQuery } from '../api/query';
import type { Attrs, CommandResult, StreamSink } from '../command';
import { allowOnly, type CommandSpec } from './registry';

/** Options `print` takes besides the API's own `.proplist` and queries; the CLI formats by them. */
export const PRINT_FLAGS = ['detail', 'terse', 'without-paging', 'brief', 'as-value', 'count-only'] as const;

/** Rows a listen stream writes between yields, so a bulk change never holds the event loop. */
const LISTEN_ROWS_PER_TURN = 1024;

/**
 * `size`: the item count, where the menu knows it without listing its items. RouterOS answers an
 * unqueried `count-only` on a full routing table at once; listing a million rows to count them held
 * this router (and the print Uplink waits to start behind the count) for most of a second.
 */
export function printCommand(rows: () => Iterable<Attrs>, size?: () => number): CommandSpec {
  return {
    flags: PRINT_FLAGS,
    run: (command): CommandResult => {
      allowOnly(command.attrs, PRINT_FLAGS);
      if (!('count-only' in command.attrs)) return { type: 'rows', rows: rows() };
      if (size && command.queries.length === 0) return { type: 'done', ret: String(size()) };
      // `count-only` answers `!done =ret=N`, counting what the queries select.
      const selected = compileQuery(command.queries);
      let count = 0;
      for (const row of rows()) if (selected(row)) count += 1;
      return { type: 'done', ret: String(count) };
    },
  };
}

/** A batch of changes to a menu: changed items as full rows, removed ones by id. */
export interface ItemChanges {
  readonly changed: Iterable<Attrs>;
  readonly removed: readonly string[];
}

/**
 * `listen`: one `!re` per changed item as it changes, `=.dead=true` for a removed one, until
 * `/cancel`. Rows go out in slices with a yield in between: a link flap on a million-route table
 * changes half of it.
 */
export function listenCommand(
  subscribe: (listener: (changes: ItemChanges) => void) => () => void,
): CommandSpec {
  return {
    run: (command): CommandResult => {
      allowOnly(command.attrs, []);
      return { type: 'stream', start: (sink) => listen(sink, subscribe) };
    },
  };
}

function listen(sink: StreamSink, subscribe: (listener: (changes: ItemChanges) => void) => () => void) {
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();
  const unsubscribe = subscribe((changes) => {
    queue = queue.then(() => write(changes));
  });
  const write = async ({ changed, removed }: ItemChanges) => {
    let written = 0;
    for (const row of changed) {
      if (stopped) return;
      sink.row(row);
      written += 1;
      if (written % LISTEN_ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const id of removed) if (!stopped) sink.row({ '.id': id, '.dead': 'true' });
  };
  return () => {
    stopped = true;
    unsubscribe();
  };
}
