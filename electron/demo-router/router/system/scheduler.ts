// `/system/scheduler`: runs `on-event` (a script's name, or script source) at `start-date` +
// `start-time` and every `interval` after. Left out, start-date and start-time are the moment the
// entry was added, so an entry with only `interval=60s` first runs 60 seconds after it was added:
// that is the confirmed apply's rollback timer. `startup` means 3 s after boot (help.mikrotik.com,
// Scheduler); with an interval it does not run at startup, only every interval.

import { formatDuration } from '../../../../shared/routeros/duration';
import { type Attrs, RouterTrap } from '../../command';
import type { Clock, ClockTimer } from '../clock';
import { formatId, IdSequence } from '../ids';
import { printCommand } from '../item-commands';
import { allowOnly, type CommandSpec, type MenuSpec, selectItems } from '../registry';
import { formatDate, formatDateTime, formatTime, invalidValue, parseBoolean, parseDuration } from '../values';
import type { SystemLog } from './log';
import { DEFAULT_POLICY, type ScriptRunner, type Scripts } from './scripts';

const STARTUP_DELAY_MS = 3000;
/** setTimeout's ceiling; a later run is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface Entry {
  readonly id: number;
  name: string;
  /** As given or filled in; undefined with `startup`. */
  startDate: string | undefined;
  startTime: string;
  /** The first run's moment; a run happens at anchor + k × interval. */
  anchor: number;
  intervalMs: number;
  onEvent: string;
  owner: string;
  policy: string;
  comment: string;
  disabled: boolean;
  runCount: number;
  nextRun: number | undefined;
  timer: ClockTimer | undefined;
}

const SETTABLE = [
  'name',
  'start-date',
  'start-time',
  'interval',
  'on-event',
  'policy',
  'comment',
  'disabled',
];

export class Scheduler {
  private readonly entries: Entry[] = [];
  private readonly ids = new IdSequence(1);
  private unnamed = 0;

  constructor(
    private readonly scripts: Scripts,
    private readonly runner: ScriptRunner,
    private readonly log: SystemLog,
    private readonly clock: Clock,
    private readonly bootedAt: number,
  ) {}

  list(): readonly Entry[] {
    return this.entries;
  }

  find(ref: string): Entry | undefined {
    return this.entries.find((entry) => entry.name === ref || formatId(entry.id) === ref);
  }

  add(attrs: Attrs, owner: string): Entry {
    this.unnamed += 1;
    const now = new Date(this.clock.now());
    const entry: Entry = {
      id: this.ids.take(),
      name: `schedule${this.unnamed}`,
      startDate: formatDate(now),
      startTime: formatTime(now),
      anchor: now.getTime(),
      intervalMs: 0,
      onEvent: '',
      owner,
      policy: DEFAULT_POLICY,
      comment: '',
      disabled: false,
      runCount: 0,
      nextRun: undefined,
      timer: undefined,
    };
    this.apply(entry, attrs);
    this.entries.push(entry);
    this.plan(entry);
    return entry;
  }

  update(entry: Entry, attrs: Attrs): void {
    this.apply(entry, attrs);
    this.plan(entry);
  }

  remove(entry: Entry): void {
    this.clock.cancel(entry.timer);
    this.entries.splice(this.entries.indexOf(entry), 1);
  }

  stop(): void {
    for (const entry of this.entries) this.clock.cancel(entry.timer);
  }

  /** Reads the settable properties onto an entry, checking all before changing any. */
  private apply(entry: Entry, attrs: Attrs): void {
    const name = attrs.name;
    if (name !== undefined && name !== entry.name && this.find(name)) {
      throw new RouterTrap('failure: item with such name already exists');
    }
    const intervalMs =
      attrs.interval === undefined ? entry.intervalMs : parseDuration(attrs.interval, 'interval');
    const disabled = attrs.disabled === undefined ? entry.disabled : parseBoolean(attrs.disabled, 'disabled');
    const startTime = attrs['start-time'] ?? entry.startTime;
    const startDate = attrs['start-date'] === undefined ? entry.startDate : readDate(attrs['start-date']);
    let anchor = entry.anchor;
    if (attrs['start-time'] !== undefined || attrs['start-date'] !== undefined) {
      anchor =
        startTime === 'startup'
          ? this.bootedAt + STARTUP_DELAY_MS
          : moment(startDate ?? formatDate(new Date(this.clock.now())), startTime);
    }
    Object.assign(entry, {
      name: name ?? entry.name,
      intervalMs,
      disabled,
      startTime,
      startDate: startTime === 'startup' ? undefined : startDate,
      anchor,
      onEvent: attrs['on-event'] ?? entry.onEvent,
      policy: attrs.policy ?? entry.policy,
      comment: attrs.comment ?? entry.comment,
    });
  }

  private plan(entry: Entry): void {
    this.clock.cancel(entry.timer);
    entry.timer = undefined;
    entry.nextRun = entry.disabled ? undefined : this.nextRun(entry, this.clock.now());
    if (entry.nextRun !== undefined) this.wait(entry, entry.nextRun);
  }

  private nextRun(entry: Entry, now: number): number | undefined {
    if (entry.startTime === 'startup' && entry.intervalMs > 0) return now + entry.intervalMs;
    if (entry.anchor > now) return entry.anchor;
    if (entry.intervalMs <= 0) return undefined;
    return entry.anchor + (Math.floor((now - entry.anchor) / entry.intervalMs) + 1) * entry.intervalMs;
  }

  private wait(entry: Entry, at: number): void {
    const delay = at - this.clock.now();
    entry.timer = this.clock.after(Math.max(0, Math.min(delay, MAX_TIMER_MS)), () =>
      delay > MAX_TIMER_MS ? this.wait(entry, at) : this.fire(entry),
    );
  }

  private fire(entry: Entry): void {
    entry.timer = undefined;
    if (!this.entries.includes(entry) || entry.disabled) return;
    entry.runCount += 1;
    // Runs after this one are counted from the anchor, so a slow script does not shift them.
    entry.anchor = entry.nextRun ?? entry.anchor;
    entry.nextRun = entry.intervalMs > 0 ? this.nextRun(entry, this.clock.now()) : undefined;
    if (entry.nextRun !== undefined) this.wait(entry, entry.nextRun);
    const script = this.scripts.find(entry.onEvent);
    const run = script ? this.scripts.run(script, entry.owner) : this.runner.run(entry.onEvent, entry.owner);
    run.catch((error: unknown) => {
      this.log.add(
        'script,error',
        `executing script from scheduler (${entry.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  row(entry: Entry): Attrs {
    const row: Attrs = { '.id': formatId(entry.id) };
    if (entry.comment) row.comment = entry.comment;
    row.name = entry.name;
    if (entry.startDate !== undefined) row['start-date'] = entry.startDate;
    row['start-time'] = entry.startTime;
    row.interval = formatDuration(entry.intervalMs);
    row['on-event'] = entry.onEvent;
    row.owner = entry.owner;
    row.policy = entry.policy;
    row['run-count'] = String(entry.runCount);
    if (entry.nextRun !== undefined) row['next-run'] = formatDateTime(new Date(entry.nextRun));
    row.disabled = entry.disabled ? 'true' : 'false';
    return row;
  }
}

/** `2025-03-11`, or the older `mar/11/2025`. */
function readDate(text: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return text;
  const legacy = /^([a-z]{3})\/(\d{2})\/(\d{4})$/.exec(text.toLowerCase());
  const month = legacy ? MONTHS.indexOf(legacy[1]!) : -1;
  if (!legacy || month < 0) throw invalidValue('start-date');
  return `${legacy[3]}-${String(month + 1).padStart(2, '0')}-${legacy[2]}`;
}

/** A local date and `HH:MM:SS` as milliseconds. */
function moment(date: string, time: string): number {
  const clock = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(time);
  if (!clock || Number(clock[1]) > 23 || Number(clock[2]) > 59 || Number(clock[3]) > 59) {
    throw invalidValue('start-time');
  }
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year!, month! - 1, day!, Number(clock[1]), Number(clock[2]), Number(clock[3])).getTime();
}

export function schedulerMenu(scheduler: Scheduler): MenuSpec {
  const select = (attrs: Attrs) => selectItems(attrs, (ref) => scheduler.find(ref));
  const toggle = (disabled: boolean): CommandSpec => ({
    unnamed: ['numbers'],
    run: ({ attrs }) => {
      allowOnly(attrs, ['.id', 'numbers']);
      for (const entry of select(attrs)) scheduler.update(entry, { disabled: disabled ? 'yes' : 'no' });
      return { type: 'done' };
    },
  });
  return {
    path: '/system/scheduler',
    commands: {
      print: printCommand(() => scheduler.list().map((entry) => scheduler.row(entry))),
      add: {
        run: ({ attrs }, { user }) => {
          allowOnly(attrs, SETTABLE);
          return { type: 'done', ret: formatId(scheduler.add(attrs, user).id) };
        },
      },
      set: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ['.id', 'numbers', ...SETTABLE]);
          for (const entry of select(attrs)) scheduler.update(entry, attrs);
          return { type: 'done' };
        },
      },
      remove: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ['.id', 'numbers']);
          for (const entry of select(attrs)) scheduler.remove(entry);
          return { type: 'done' };
        },
      },
      enable: toggle(false),
      disable: toggle(true),
    },
  };
}
