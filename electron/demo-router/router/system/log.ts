// `/log`: what scripts `:log` and what goes wrong in scheduled scripts, newest last, bounded.
import type { Attrs } from '../../command';
import { formatId, IdSequence } from '../ids';
import { printCommand } from '../item-commands';
import type { MenuSpec } from '../registry';
import { formatDateTime } from '../values';

/** RouterOS keeps the last thousand lines in memory by default. */
const KEPT_ENTRIES = 1000;

export interface LogEntry {
  readonly id: number;
  readonly time: number;
  readonly topics: string;
  readonly message: string;
}

export class SystemLog {
  private readonly entries: LogEntry[] = [];
  private readonly ids = new IdSequence(1);

  constructor(private readonly now: () => number) {}

  add(topics: string, message: string): void {
    this.entries.push({ id: this.ids.take(), time: this.now(), topics, message });
    if (this.entries.length > KEPT_ENTRIES) this.entries.shift();
  }

  list(): readonly LogEntry[] {
    return this.entries;
  }
}

export function logMenu(log: SystemLog): MenuSpec {
  const row = (entry: LogEntry): Attrs => ({
    '.id': formatId(entry.id),
    time: formatDateTime(new Date(entry.time)),
    topics: entry.topics,
    message: entry.message,
  });
  return { path: '/log', commands: { print: printCommand(() => log.list().map(row)) } };
}
