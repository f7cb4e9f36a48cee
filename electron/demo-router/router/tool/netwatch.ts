// `/tool/netwatch` as RouterOS 7 runs it (help.mikrotik.com, Netwatch; CLI reference tool/netwatch):
// each entry tests its host every `interval`, first `start-delay` after it was added or enabled.
// A `type=icmp` test sends `packet-count` echoes `packet-interval` apart, waits up to `timeout` for
// each, and fails when loss-percent > thr-loss-percent, loss-count > thr-loss-count, or rtt-avg,
// rtt-max, rtt-jitter (max - min) or rtt-stdev is above its thr-*; the defaults apply even when never
// set. With early-failure-detection a test fails as soon as enough echoes are lost that it cannot
// pass. `type=simple` is one echo per interval. A change of status runs up-script or down-script
// (Unknown → Up and Unknown → Down too, unless ignore-initial-up/-down), every test ends with
// test-script; netwatch runs its scripts as the `*sys` user.
import { formatDuration } from '../../../../shared/routeros/duration';
import { type Attrs, RouterTrap } from '../../command';
import type { Clock, ClockTimer } from '../clock';
import { formatId, IdSequence } from '../ids';
import { printCommand } from '../item-commands';
import type { Echo } from '../net/links';
import { allowOnly, type CommandSpec, type MenuSpec, selectItems } from '../registry';
import {
  formatDateTime,
  invalidValue,
  noMatch,
  parseBoolean,
  parseDuration,
  parseInteger,
  readIp,
} from '../values';

export type NetwatchStatus = 'unknown' | 'up' | 'down';

interface Settings {
  host: string;
  type: 'simple' | 'icmp';
  interval: number;
  timeout: number;
  startDelay: number;
  upScript: string;
  downScript: string;
  testScript: string;
  packetInterval: number;
  packetCount: number;
  packetSize: number;
  thrMax: number;
  thrAvg: number;
  thrStdev: number;
  thrJitter: number;
  thrLossPercent: number;
  thrLossCount: number;
  earlyFailure: boolean;
  earlySuccess: boolean;
  ignoreInitialUp: boolean;
  ignoreInitialDown: boolean;
  name: string;
  comment: string;
  disabled: boolean;
}

/** What the last finished test measured; printed as the entry's read-only properties. */
interface Measured {
  sent: number;
  responses: number;
  rtts: number[];
}

interface Entry extends Settings {
  readonly id: number;
  status: NetwatchStatus;
  since: number | undefined;
  doneTests: number;
  failedTests: number;
  last: Measured | undefined;
  timer: ClockTimer | undefined;
}

const DEFAULTS: Omit<Settings, 'host' | 'name'> = {
  type: 'simple',
  interval: 10_000,
  timeout: 3000,
  startDelay: 3000,
  upScript: '',
  downScript: '',
  testScript: '',
  packetInterval: 50,
  packetCount: 10,
  packetSize: 50,
  thrMax: 1000,
  thrAvg: 100,
  thrStdev: 250,
  thrJitter: 1000,
  thrLossPercent: 85,
  thrLossCount: 4294967295,
  earlyFailure: false,
  earlySuccess: false,
  ignoreInitialUp: false,
  ignoreInitialDown: false,
  comment: '',
  disabled: false,
};

const DURATIONS = {
  interval: 'interval',
  timeout: 'timeout',
  'start-delay': 'startDelay',
  'packet-interval': 'packetInterval',
  'thr-max': 'thrMax',
  'thr-avg': 'thrAvg',
  'thr-stdev': 'thrStdev',
  'thr-jitter': 'thrJitter',
} as const;
const BOOLEANS = {
  'early-failure-detection': 'earlyFailure',
  'early-success-detection': 'earlySuccess',
  'ignore-initial-up': 'ignoreInitialUp',
  'ignore-initial-down': 'ignoreInitialDown',
  disabled: 'disabled',
} as const;
const SETTABLE = [
  'host',
  'type',
  'name',
  'comment',
  'up-script',
  'down-script',
  'test-script',
  'packet-count',
  'packet-size',
  'thr-loss-percent',
  'thr-loss-count',
  // `startup-delay` only matters at boot, and the demo router boots with no entries.
  'startup-delay',
  ...Object.keys(DURATIONS),
  ...Object.keys(BOOLEANS),
];

/** What netwatch needs from the rest of the router. */
export interface NetwatchHost {
  clock: Clock;
  /** One echo to `address`, along the route the table picks, as `/ping` sends it. */
  echo(address: number): Echo;
  /** Runs a script as `user`; a failing script is the script's problem, not netwatch's. */
  runScript(source: string, user: string): void;
}

/** Netwatch runs its scripts as this user (help.mikrotik.com, Netwatch). */
const SCRIPT_USER = '*sys';

export class Netwatch {
  private readonly entries: Entry[] = [];
  private readonly ids = new IdSequence(1);

  constructor(private readonly host: NetwatchHost) {}

  list(): readonly Entry[] {
    return this.entries;
  }

  find(ref: string): Entry | undefined {
    return this.entries.find(
      (entry) => formatId(entry.id) === ref || (entry.name !== '' && entry.name === ref),
    );
  }

  add(attrs: Attrs): Entry {
    if (attrs.host === undefined) throw new RouterTrap('failure: host must be set');
    const entry: Entry = {
      id: this.ids.take(),
      ...DEFAULTS,
      host: '',
      name: '',
      status: 'unknown',
      since: undefined,
      doneTests: 0,
      failedTests: 0,
      last: undefined,
      timer: undefined,
    };
    Object.assign(entry, readSettings(attrs));
    this.entries.push(entry);
    this.restart(entry);
    return entry;
  }

  update(entry: Entry, attrs: Attrs): void {
    Object.assign(entry, readSettings(attrs));
    // A changed probe starts over, from Unknown, as a newly enabled one does.
    entry.status = 'unknown';
    entry.since = undefined;
    entry.last = undefined;
    this.restart(entry);
  }

  remove(entry: Entry): void {
    this.host.clock.cancel(entry.timer);
    this.entries.splice(this.entries.indexOf(entry), 1);
  }

  stop(): void {
    for (const entry of this.entries) this.host.clock.cancel(entry.timer);
  }

  private restart(entry: Entry): void {
    this.host.clock.cancel(entry.timer);
    entry.timer = entry.disabled
      ? undefined
      : this.host.clock.after(entry.startDelay, () => this.test(entry));
  }

  /**
   * One test: its echoes leave `packet-interval` apart; each is answered at its round trip or given up
   * on at `timeout`. The test wakes at every send and, with early detection, at every echo's fate.
   */
  private test(entry: Entry): void {
    const { clock } = this.host;
    const startedAt = clock.now();
    const icmp = entry.type === 'icmp';
    const count = icmp ? entry.packetCount : 1;
    const fates: { known: number; rtt: number | undefined }[] = [];
    let nextSend = startedAt;

    const wake = () => {
      const now = clock.now();
      while (fates.length < count && nextSend <= now) {
        const echo = this.host.echo(readIp(entry.host) ?? 0);
        const rtt = echo.answered && echo.rttMs < entry.timeout ? echo.rttMs : undefined;
        fates.push({ known: nextSend + (rtt ?? entry.timeout), rtt });
        nextSend += icmp ? entry.packetInterval : 0;
      }
      const known = fates.filter((fate) => fate.known <= now);
      const answered = known.filter((fate) => fate.rtt !== undefined).map((fate) => fate.rtt as number);
      const lost = known.length - answered.length;
      const early = icmp && (entry.earlyFailure || entry.earlySuccess);
      let verdict: boolean | undefined;
      if (fates.length === count && known.length === count) verdict = passes(entry, answered, count);
      else if (icmp && entry.earlyFailure && cannotPass(entry, lost, count)) verdict = false;
      else if (icmp && entry.earlySuccess && !cannotPass(entry, count - answered.length, count))
        verdict = rttPasses(entry, answered) ? true : undefined;
      if (verdict !== undefined) {
        this.finish(entry, { sent: fates.length, responses: answered.length, rtts: answered }, verdict);
        entry.timer = clock.after(Math.max(0, startedAt + entry.interval - now), () => this.test(entry));
        return;
      }
      const pending = fates.filter((fate) => fate.known > now).map((fate) => fate.known);
      const moments = early ? pending : fates.length === count ? [Math.max(...pending)] : [];
      if (fates.length < count) moments.push(nextSend);
      entry.timer = clock.after(Math.min(...moments) - now, wake);
    };
    wake();
  }

  private finish(entry: Entry, measured: Measured, passed: boolean): void {
    entry.doneTests += 1;
    if (!passed) entry.failedTests += 1;
    entry.last = measured;
    const status: NetwatchStatus = passed ? 'up' : 'down';
    const before = entry.status;
    if (status !== before) {
      entry.status = status;
      entry.since = this.host.clock.now();
      const initial = before === 'unknown';
      if (status === 'up' && !(initial && entry.ignoreInitialUp)) this.run(entry.upScript);
      if (status === 'down' && !(initial && entry.ignoreInitialDown)) this.run(entry.downScript);
    }
    this.run(entry.testScript);
  }

  private run(source: string): void {
    if (source.trim() !== '') this.host.runScript(source, SCRIPT_USER);
  }

  row(entry: Entry): Attrs {
    const row: Attrs = { '.id': formatId(entry.id) };
    if (entry.name) row.name = entry.name;
    row.host = entry.host;
    row.type = entry.type;
    row.interval = formatDuration(entry.interval);
    row.timeout = formatDuration(entry.timeout);
    row['start-delay'] = formatDuration(entry.startDelay);
    row['up-script'] = entry.upScript;
    row['down-script'] = entry.downScript;
    row['test-script'] = entry.testScript;
    if (entry.type === 'icmp') {
      row['packet-interval'] = formatDuration(entry.packetInterval);
      row['packet-count'] = String(entry.packetCount);
      row['packet-size'] = String(entry.packetSize);
      row['thr-max'] = formatDuration(entry.thrMax);
      row['thr-avg'] = formatDuration(entry.thrAvg);
      row['thr-stdev'] = formatDuration(entry.thrStdev);
      row['thr-jitter'] = formatDuration(entry.thrJitter);
      row['thr-loss-percent'] = `${entry.thrLossPercent}%`;
      row['thr-loss-count'] = String(entry.thrLossCount);
      row['early-failure-detection'] = String(entry.earlyFailure);
      row['early-success-detection'] = String(entry.earlySuccess);
    }
    row['ignore-initial-up'] = String(entry.ignoreInitialUp);
    row['ignore-initial-down'] = String(entry.ignoreInitialDown);
    if (entry.comment) row.comment = entry.comment;
    row.disabled = String(entry.disabled);
    row.status = entry.status;
    if (entry.since !== undefined) row.since = formatDateTime(new Date(entry.since));
    row['done-tests'] = String(entry.doneTests);
    row['failed-tests'] = String(entry.failedTests);
    const last = entry.last;
    if (entry.type === 'icmp' && last) {
      row['sent-count'] = String(last.sent);
      row['response-count'] = String(last.responses);
      row['loss-count'] = String(last.sent - last.responses);
      row['loss-percent'] = formatPercent(lossPercent(last));
      const stats = rttStats(last.rtts);
      if (stats) {
        row['rtt-avg'] = formatDuration(stats.avg);
        row['rtt-min'] = formatDuration(stats.min);
        row['rtt-max'] = formatDuration(stats.max);
        row['rtt-jitter'] = formatDuration(stats.max - stats.min);
        row['rtt-stdev'] = formatDuration(stats.stdev);
      }
    }
    return row;
  }
}

const lossPercent = (measured: Measured) =>
  measured.sent === 0 ? 0 : ((measured.sent - measured.responses) * 100) / measured.sent;

/** `32.5%`, `0%`: one decimal at most, as RouterOS prints loss. */
const formatPercent = (value: number) => `${Math.round(value * 10) / 10}%`;

function rttStats(rtts: number[]) {
  if (rtts.length === 0) return undefined;
  const avg = rtts.reduce((sum, rtt) => sum + rtt, 0) / rtts.length;
  const variance = rtts.reduce((sum, rtt) => sum + (rtt - avg) ** 2, 0) / rtts.length;
  return { avg, min: Math.min(...rtts), max: Math.max(...rtts), stdev: Math.sqrt(variance) };
}

function passes(entry: Entry, rtts: number[], count: number): boolean {
  if (rtts.length === 0) return false;
  if (entry.type === 'simple') return true;
  return !cannotPass(entry, count - rtts.length, count) && rttPasses(entry, rtts);
}

function rttPasses(entry: Entry, rtts: number[]): boolean {
  const stats = rttStats(rtts);
  return (
    stats !== undefined &&
    stats.avg <= entry.thrAvg &&
    stats.max <= entry.thrMax &&
    stats.max - stats.min <= entry.thrJitter &&
    stats.stdev <= entry.thrStdev
  );
}

/** `lost` echoes of `count` already break the loss thresholds, whatever the rest do. */
const cannotPass = (entry: Entry, lost: number, count: number) =>
  (lost * 100) / count > entry.thrLossPercent || lost > entry.thrLossCount;

function readSettings(attrs: Attrs): Partial<Settings> {
  const settings: Partial<Settings> = {};
  if (attrs.host !== undefined) {
    if (readIp(attrs.host) === undefined) throw invalidValue('host');
    settings.host = attrs.host;
  }
  if (attrs.type !== undefined) {
    if (attrs.type !== 'simple' && attrs.type !== 'icmp') throw noMatch('type');
    settings.type = attrs.type;
  }
  for (const [name, key] of Object.entries(DURATIONS)) {
    const value = attrs[name];
    if (value !== undefined) settings[key] = parseDuration(value, name);
  }
  for (const [name, key] of Object.entries(BOOLEANS)) {
    const value = attrs[name];
    if (value !== undefined) settings[key] = parseBoolean(value, name);
  }
  if (attrs['startup-delay'] !== undefined) parseDuration(attrs['startup-delay'], 'startup-delay');
  if (attrs['packet-count'] !== undefined)
    settings.packetCount = parseInteger(attrs['packet-count'], 'packet-count', 1, 4294967295);
  if (attrs['packet-size'] !== undefined)
    settings.packetSize = parseInteger(attrs['packet-size'], 'packet-size', 28, 65535);
  if (attrs['thr-loss-percent'] !== undefined) {
    const value = Number(attrs['thr-loss-percent'].replace(/%$/, ''));
    if (!Number.isFinite(value) || value < 0 || value > 100) throw invalidValue('thr-loss-percent');
    settings.thrLossPercent = value;
  }
  if (attrs['thr-loss-count'] !== undefined)
    settings.thrLossCount = parseInteger(attrs['thr-loss-count'], 'thr-loss-count', 0, 4294967295);
  if (settings.interval !== undefined && settings.interval <= 0) throw invalidValue('interval');
  if (settings.packetInterval !== undefined && settings.packetInterval < 10)
    throw new RouterTrap('value of packet-interval out of range (10ms..5s)', 1);
  for (const [key, value] of [
    ['name', attrs.name],
    ['comment', attrs.comment],
    ['upScript', attrs['up-script']],
    ['downScript', attrs['down-script']],
    ['testScript', attrs['test-script']],
  ] as const) {
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

export function netwatchMenu(netwatch: Netwatch): MenuSpec {
  const select = (attrs: Attrs) => selectItems(attrs, (ref) => netwatch.find(ref));
  const toggle = (disabled: boolean): CommandSpec => ({
    unnamed: ['numbers'],
    run: ({ attrs }) => {
      allowOnly(attrs, ['.id', 'numbers']);
      for (const entry of select(attrs)) netwatch.update(entry, { disabled: disabled ? 'yes' : 'no' });
      return { type: 'done' };
    },
  });
  return {
    path: '/tool/netwatch',
    commands: {
      print: printCommand(() => netwatch.list().map((entry) => netwatch.row(entry))),
      add: {
        run: ({ attrs }) => {
          allowOnly(attrs, SETTABLE);
          return { type: 'done', ret: formatId(netwatch.add(attrs).id) };
        },
      },
      set: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ['.id', 'numbers', ...SETTABLE]);
          const { '.id': _id, numbers: _numbers, ...settings } = attrs;
          for (const entry of select(attrs)) netwatch.update(entry, settings);
          return { type: 'done' };
        },
      },
      remove: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ['.id', 'numbers']);
          for (const entry of select(attrs)) netwatch.remove(entry);
          return { type: 'done' };
        },
      },
      enable: toggle(false),
      disable: toggle(true),
    },
  };
}
