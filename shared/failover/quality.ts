// Quality-aware failover, on the router: the part of the recipe that judges a WAN by loss, round trip
// and jitter instead of check-gateway's "does one ping come back within 20 s". Per WAN:
//   - a netwatch `type=icmp` probe per probe host (each pinned to the WAN by its /32 route, recipe.ts),
//     testing every second with 50 echoes 20 ms apart, its thr-* set from the WAN's thresholds, and
//     early-failure-detection so a dead link fails a test as soon as enough echoes are lost;
//   - a verdict script the probes' up and down scripts run: it counts the WAN's probes that are down
//     and, by the WAN's rule (all or any), disables the WAN's default route (traffic moves to the next
//     distance at once), or, once the WAN is healthy again, schedules the failback after the hold
//     time; a failure during the hold removes that schedule, so a flapping link never gets traffic.
//     It logs each verdict with the figures behind it, which Uplink reads back as the failover's cause.
// README.md ("Quality-aware failover") has the reasoning and the RouterOS facts this relies on.

import type { ApplyPlan } from '../apply/plan';
import { quote, type RouterCommand } from '../routeros/command';
import { parseDuration } from '../routeros/duration';
import { type QualitySettings, qualityDefaults, type WanConfig, wanComment } from './wan';

export const netwatchMenu = '/tool/netwatch';
export const scriptMenu = '/system/script';
export const schedulerMenu = '/system/scheduler';

/** A netwatch probe's comment: `uplink:wan1:watch2` watches WAN 1's second probe host. */
export const watchComment = (wan: number, host: number) => `uplink:wan${wan}:watch${host}`;
export const verdictComment = (wan: number) => `uplink:wan${wan}:verdict`;
/** Script and scheduler names can be run and found by name; comments carry the `uplink:` tag. */
export const verdictName = (wan: number) => `uplink-wan${wan}`;
export const failbackName = (wan: number) => `uplink-wan${wan}-failback`;
export const failbackComment = (wan: number) => `uplink:wan${wan}:failback`;

/**
 * One test a second, 50 echoes in it: a 20 % loss threshold then means 11 lost of 50, which 5 %
 * random loss reaches about once in 100,000 tests and 25 % loss in three tests of four.
 */
export const probeTiming = {
  interval: '1s',
  'packet-count': '50',
  'packet-interval': '20ms',
  timeout: '1s',
  'start-delay': '1s',
} as const;

/** Netwatch may run only read, write and test scripts (help.mikrotik.com, Netwatch). */
const verdictPolicy = 'read,write,test';

export type RouterRow = Record<string, string>;

/** What the router has of the quality watch: the rows of each menu tagged `uplink:`. */
export interface QualityRows {
  netwatch: RouterRow[];
  scripts: RouterRow[];
  schedulers: RouterRow[];
}

export const noQualityRows: QualityRows = { netwatch: [], scripts: [], schedulers: [] };

const tagged = (rows: RouterRow[]) => rows.filter((row) => (row.comment ?? '').startsWith('uplink:'));

/** Keeps only Uplink's rows of each menu, as read from the router. */
export function qualityRows(
  netwatch: RouterRow[],
  scripts: RouterRow[],
  schedulers: RouterRow[],
): QualityRows {
  return { netwatch: tagged(netwatch), scripts: tagged(scripts), schedulers: tagged(schedulers) };
}

export const probeHosts = (wan: WanConfig) => [wan.probe, ...(wan.quality?.moreProbes ?? [])];

export function watchAttrs(wan: WanConfig, quality: QualitySettings, host: string, index: number): RouterRow {
  const run = `/system script run ${verdictName(wan.wan)}`;
  return {
    host,
    type: 'icmp',
    ...probeTiming,
    'thr-loss-percent': String(quality.lossPercent),
    'thr-avg': `${quality.rttMs}ms`,
    'thr-jitter': `${quality.jitterMs}ms`,
    // The standard deviation never exceeds half the spread: at the jitter threshold it never trips
    // first. An echo slower than the timeout is lost anyway, so thr-max adds nothing either.
    'thr-stdev': `${quality.jitterMs}ms`,
    'thr-max': probeTiming.timeout,
    'early-failure-detection': 'yes',
    'up-script': run,
    'down-script': run,
    comment: watchComment(wan.wan, index + 1),
  };
}

/** The verdict script's first line says how it was made, so Uplink can read the settings back. */
const settingsLine = (quality: QualitySettings) =>
  `# uplink settings: down-when=${quality.downWhen} hold=${quality.holdSeconds}s clear-connections=${quality.clearConnections ? 'yes' : 'no'}`;

export function verdictSource(wan: number, quality: QualitySettings): string {
  const watches = `comment~${quote(`^uplink:wan${wan}:watch`)}`;
  const route = `comment=${quote(wanComment(wan))}`;
  const clear = quality.clearConnections ? ['/ip firewall connection remove [find]'] : [];
  const comeBack = [
    `/ip route enable [find where ${route}]`,
    ...clear,
    `:log warning ${quote(`uplink:wan${wan} up; healthy for ${quality.holdSeconds}s`)}`,
  ];
  const failback =
    quality.holdSeconds === 0
      ? comeBack
      : [
          `/system scheduler add name=${failbackName(wan)} comment=${quote(failbackComment(wan))} interval=${quality.holdSeconds}s on-event=${quote(
            [`/system scheduler remove [find where name=${quote(failbackName(wan))}]`, ...comeBack].join(
              '\n',
            ),
          )}`,
        ];
  const get = (name: string) => `[/tool netwatch get $watch ${name}]`;
  const fact = `"; " . ${get('host')} . " loss=" . ${get('loss-percent')} . "/" . ${get('thr-loss-percent')} . " avg=" . ${get('rtt-avg')} . "/" . ${get('thr-avg')} . " jitter=" . ${get('rtt-jitter')} . "/" . ${get('thr-jitter')}`;
  return [
    settingsLine(quality),
    `:local watches [/tool netwatch find where ${watches}]`,
    `:local failed [/tool netwatch find where ${watches} and status="down"]`,
    `:local failback [/system scheduler find where name=${quote(failbackName(wan))}]`,
    `:if (${quality.downWhen === 'all' ? '[:len $failed] = [:len $watches]' : '[:len $failed] > 0'}) do={`,
    '  /system scheduler remove $failback',
    `  :if ([:len [/ip route find where ${route} and disabled=no]] > 0) do={`,
    '    :local facts ""',
    `    :foreach watch in=$failed do={ :set facts ($facts . ${fact}) }`,
    `    /ip route disable [find where ${route}]`,
    ...clear.map((line) => `    ${line}`),
    `    :log warning (${quote(`uplink:wan${wan} down`)} . $facts)`,
    '  }',
    '} else={',
    `  :if ([:len [/ip route find where ${route} and disabled=yes]] > 0 && [:len $failback] = 0) do={`,
    ...failback.map((line) => `    ${line}`),
    '  }',
    '}',
  ].join('\n');
}

/** Every netwatch probe and the verdict script for a WAN, as the router should have them. */
export function qualityItems(wan: WanConfig): { menu: string; attrs: RouterRow }[] {
  const quality = wan.quality;
  if (!quality) return [];
  return [
    {
      menu: scriptMenu,
      attrs: {
        name: verdictName(wan.wan),
        source: verdictSource(wan.wan, quality),
        policy: verdictPolicy,
        comment: verdictComment(wan.wan),
      },
    },
    ...probeHosts(wan).map((host, index) => ({
      menu: netwatchMenu,
      attrs: watchAttrs(wan, quality, host, index),
    })),
  ];
}

const wanOf = (comment: string | undefined) => Number(/^uplink:wan(\d+):/.exec(comment ?? '')?.[1] ?? -1);

/** Every WAN the router has any piece of a quality watch for. */
export function watchedWans(rows: QualityRows): number[] {
  const wans = [...rows.netwatch, ...rows.scripts, ...rows.schedulers].map((row) => wanOf(row.comment));
  return [...new Set(wans.filter((wan) => wan > 0))];
}

/**
 * The commands that bring the quality watch of the planned WANs to `wans` (a WAN without quality
 * settings loses its watch), and their undo. `planned` names the WANs the plan speaks for; Uplink
 * rows of other WANs are left alone. The verdict script comes before the probes that run it; probes
 * go before the script when removed. A failback the router scheduled for a WAN that goes is removed
 * too (not restored by the undo: the next verdict schedules it again when needed).
 */
export function qualityChanges(
  current: QualityRows,
  wans: WanConfig[],
  planned: ReadonlySet<number>,
): { forward: RouterCommand[]; inverse: RouterCommand[] } {
  const forward: RouterCommand[] = [];
  const inverse: RouterCommand[] = [];
  const desired = wans.flatMap(qualityItems);
  const mine = (row: RouterRow) => planned.has(wanOf(row.comment));
  const existing = [
    ...current.scripts.filter(mine).map((attrs) => ({ menu: scriptMenu, attrs })),
    ...current.netwatch.filter(mine).map((attrs) => ({ menu: netwatchMenu, attrs })),
  ];
  for (const { menu, attrs } of desired) {
    const select = { where: { comment: attrs.comment ?? '' } };
    const found = existing.find((item) => item.menu === menu && item.attrs.comment === attrs.comment);
    if (!found) {
      forward.push({ op: 'add', menu, attrs });
      inverse.unshift({ op: 'remove', menu, select });
      continue;
    }
    const changed = Object.fromEntries(
      Object.entries(attrs).filter(([name, value]) => !sameValue(name, found.attrs[name], value)),
    );
    if (Object.keys(changed).length === 0) continue;
    forward.push({ op: 'set', menu, select, attrs: changed });
    inverse.unshift({
      op: 'set',
      menu,
      select,
      attrs: Object.fromEntries(Object.keys(changed).map((name) => [name, found.attrs[name] ?? ''])),
    });
  }
  const wanted = new Set(desired.map((item) => `${item.menu} ${item.attrs.comment}`));
  const gone = existing
    .filter((item) => !wanted.has(`${item.menu} ${item.attrs.comment}`))
    // Probes first: none may run a script that is already gone.
    .sort((a, b) => Number(b.menu === netwatchMenu) - Number(a.menu === netwatchMenu));
  for (const { menu, attrs } of gone) {
    const select = { where: { comment: attrs.comment ?? '' } };
    forward.push({ op: 'remove', menu, select });
    inverse.unshift({ op: 'remove', menu, select }, { op: 'add', menu, attrs: writable(menu, attrs) });
  }
  const keep = new Set(wans.filter((wan) => wan.quality).map((wan) => wan.wan));
  for (const row of current.schedulers.filter((each) => mine(each) && !keep.has(wanOf(each.comment)))) {
    forward.push({ op: 'remove', menu: schedulerMenu, select: { where: { comment: row.comment ?? '' } } });
  }
  return { forward, inverse };
}

/** RouterOS prints `20%` for thr-loss-percent=20 and `1s` for 1000ms: compare what they mean. */
function sameValue(name: string, printed: string | undefined, wanted: string): boolean {
  if (printed === undefined) return false;
  if (printed === wanted) return true;
  if (name === 'thr-loss-percent') return Number.parseFloat(printed) === Number.parseFloat(wanted);
  if (['yes', 'no'].includes(wanted)) return (printed === 'true') === (wanted === 'yes');
  const [a, b] = [parseDuration(printed), parseDuration(wanted)];
  return a !== undefined && a === b;
}

const settable: Record<string, readonly string[]> = {
  [scriptMenu]: ['name', 'source', 'policy', 'comment'],
  [netwatchMenu]: Object.keys(
    watchAttrs(
      { wan: 1, gateway: '', interface: '', probe: '' },
      { ...qualityDefaults, moreProbes: [] },
      '',
      0,
    ),
  ),
};

/** The properties of a printed row that `add` takes back. */
function writable(menu: string, row: RouterRow): RouterRow {
  const names = settable[menu] ?? [];
  return Object.fromEntries(Object.entries(row).filter(([name]) => names.includes(name)));
}

/**
 * A WAN's quality settings as the router holds them (adopted from its probes and verdict script), or
 * undefined when it has no complete watch. The WAN's probe is host 1; the rest are `moreProbes`.
 */
export function readQuality(rows: QualityRows, wan: number): QualitySettings | undefined {
  const script = rows.scripts.find((row) => row.comment === verdictComment(wan));
  const settings = /^# uplink settings: down-when=(all|any) hold=(\d+)s clear-connections=(yes|no)/.exec(
    script?.source ?? '',
  );
  const watches = rows.netwatch
    .filter((row) => /^uplink:wan\d+:watch\d$/.test(row.comment ?? '') && wanOf(row.comment) === wan)
    .sort((a, b) => (a.comment ?? '').localeCompare(b.comment ?? ''));
  const [first] = watches;
  if (!settings || !first) return undefined;
  const ms = (text: string | undefined) => Math.round(parseDuration(text ?? '') ?? 0);
  return {
    moreProbes: watches.slice(1).map((row) => row.host ?? ''),
    downWhen: settings[1] as QualitySettings['downWhen'],
    lossPercent: Math.round(Number.parseFloat(first['thr-loss-percent'] ?? '')),
    rttMs: ms(first['thr-avg']),
    jitterMs: ms(first['thr-jitter']),
    holdSeconds: Number(settings[2]),
    clearConnections: settings[3] === 'yes',
  };
}

/** One probe host as the router judges it now. */
export interface ProbeVerdict {
  host: string;
  status: 'up' | 'down' | 'unknown';
  /** Which thresholds the last test broke, in words: `loss 32 % > 20 %`. */
  tripped: string[];
}

/** What the router thinks of a WAN: its probes, and whether its verdict has taken the WAN out. */
export interface WanVerdict {
  wan: number;
  probes: ProbeVerdict[];
  /** A failback is scheduled: the WAN is healthy and waits out its hold time. */
  holding: boolean;
}

export function wanVerdicts(rows: QualityRows): WanVerdict[] {
  const byWan = new Map<number, WanVerdict>();
  for (const row of rows.netwatch) {
    const wan = wanOf(row.comment);
    if (!/:watch\d$/.test(row.comment ?? '')) continue;
    const verdict = byWan.get(wan) ?? {
      wan,
      probes: [],
      holding: rows.schedulers.some((each) => each.comment === failbackComment(wan)),
    };
    const status = row.status === 'up' || row.status === 'down' ? row.status : 'unknown';
    verdict.probes.push({
      host: row.host ?? '',
      status,
      tripped: status === 'down' ? tripped(row) : [],
    });
    byWan.set(wan, verdict);
  }
  return [...byWan.values()].sort((a, b) => a.wan - b.wan);
}

/** The thresholds a probe's last test broke, from its printed figures and thresholds. */
function tripped(row: RouterRow): string[] {
  return breaches({
    loss: row['loss-percent'],
    lossThreshold: row['thr-loss-percent'],
    avg: row['rtt-avg'],
    avgThreshold: row['thr-avg'],
    jitter: row['rtt-jitter'],
    jitterThreshold: row['thr-jitter'],
  }).map(({ text }) => text);
}

interface Figures {
  loss?: string;
  lossThreshold?: string;
  avg?: string;
  avgThreshold?: string;
  jitter?: string;
  jitterThreshold?: string;
}

type Breach = { kind: 'loss' | 'avg' | 'jitter'; value: number; threshold: number; text: string };

function breaches(figures: Figures): Breach[] {
  const found: Breach[] = [];
  const loss = Number.parseFloat(figures.loss ?? '');
  const lossThreshold = Number.parseFloat(figures.lossThreshold ?? '');
  if (loss > lossThreshold)
    found.push({
      kind: 'loss',
      value: loss,
      threshold: lossThreshold,
      text: `loss ${loss} % > ${lossThreshold} %`,
    });
  for (const [kind, label, value, threshold] of [
    ['avg', 'round trip', figures.avg, figures.avgThreshold],
    ['jitter', 'jitter', figures.jitter, figures.jitterThreshold],
  ] as const) {
    const [ms, limit] = [parseDuration(value ?? ''), parseDuration(threshold ?? '')];
    if (ms !== undefined && limit !== undefined && ms > limit)
      found.push({
        kind,
        value: Math.round(ms),
        threshold: limit,
        text: `${label} ${Math.round(ms)} ms > ${limit} ms`,
      });
  }
  return found;
}

/** A failover the router made by itself, read back from its log. */
export interface RouterFailover {
  wan: number;
  event: 'down' | 'up';
  /** In words: "loss 32 % > 20 % on 8.8.8.8 and 1.1.1.1", "healthy for 30 s". */
  cause: string;
}

/**
 * Reads a verdict script's log line: `uplink:wan1 down; 8.8.8.8 loss=32%/20% avg=25ms/500ms
 * jitter=3ms/500ms; 1.1.1.1 ...` or `uplink:wan1 up; healthy for 30s`. Undefined for other lines.
 */
export function parseRouterFailover(message: string): RouterFailover | undefined {
  const head = /^uplink:wan(\d+) (down|up)(?:;|$)/.exec(message);
  if (!head) return undefined;
  const wan = Number(head[1]);
  if (head[2] === 'up') {
    const hold = /healthy for (\d+)s/.exec(message);
    return { wan, event: 'up', cause: hold ? `healthy for ${hold[1]} s` : 'healthy again' };
  }
  const hosts = message
    .split('; ')
    .slice(1)
    .map((part) => {
      const [host = '', ...pairs] = part.split(' ');
      const value = (name: string) =>
        pairs
          .find((pair) => pair.startsWith(`${name}=`))
          ?.slice(name.length + 1)
          .split('/');
      const [loss, lossThreshold] = value('loss') ?? [];
      const [avg, avgThreshold] = value('avg') ?? [];
      const [jitter, jitterThreshold] = value('jitter') ?? [];
      return { host, found: breaches({ loss, lossThreshold, avg, avgThreshold, jitter, jitterThreshold }) };
    });
  return { wan, event: 'down', cause: describeBreaches(hosts) };
}

/** Groups the hosts by what they broke, worst figure first: "loss 32 % > 20 % on 8.8.8.8 and 1.1.1.1". */
function describeBreaches(hosts: { host: string; found: Breach[] }[]): string {
  const parts: string[] = [];
  for (const kind of ['loss', 'avg', 'jitter'] as const) {
    const hits = hosts.flatMap(({ host, found }) =>
      found.filter((each) => each.kind === kind).map((each) => ({ host, ...each })),
    );
    if (hits.length === 0) continue;
    const worst = hits.reduce((a, b) => (b.value > a.value ? b : a));
    const names = hits.map((hit) => hit.host);
    const on = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    parts.push(`${worst.text} on ${on}`);
  }
  return parts.length > 0
    ? parts.join('; ')
    : `probes failed on ${hosts.map((each) => each.host).join(', ')}`;
}

/**
 * A route plan with the quality watch's changes added: after the routes when configuring (the probe
 * hosts' /32s are there before netwatch pings them), before them when taking failover away (no
 * verdict runs on routes that are going). The undo runs the other way round.
 */
export function withQuality(
  plan: ApplyPlan,
  changes: { forward: RouterCommand[]; inverse: RouterCommand[] },
  order: 'routes-first' | 'quality-first',
): ApplyPlan {
  const first = order === 'routes-first';
  return {
    ...plan,
    forward: first ? [...plan.forward, ...changes.forward] : [...changes.forward, ...plan.forward],
    inverse: first ? [...changes.inverse, ...plan.inverse] : [...plan.inverse, ...changes.inverse],
  };
}

const thresholdNames: Record<string, string> = {
  'thr-loss-percent': 'loss',
  'thr-avg': 'round trip',
  'thr-jitter': 'jitter',
};

/** "loss > 20 %, round trip > 500ms": the thresholds a probe command writes, in words. */
function limits(attrs: RouterRow): string[] {
  return Object.entries(thresholdNames).flatMap(([name, label]) => {
    const value = attrs[name];
    if (value === undefined) return [];
    return [`${label} > ${name === 'thr-loss-percent' ? `${value} %` : value}`];
  });
}

/**
 * A quality watch command as one line of the plan the technician confirms, in the plan's form
 * ("WAN 1 (ISP1) quality probe of 8.8.8.8: add, down on loss > 20 %, ..."); `title` names a WAN as
 * the rest of the plan does. Undefined for a command of another menu.
 */
export function describeQualityCommand(
  command: RouterCommand,
  title: (wan: number) => string,
): string | undefined {
  const comment =
    command.op === 'add'
      ? command.attrs.comment
      : 'where' in command.select
        ? command.select.where.comment
        : undefined;
  const watch = /^uplink:wan(\d+):watch(\d)$/.exec(comment ?? '');
  const piece = /^uplink:wan(\d+):(verdict|failback)$/.exec(comment ?? '');
  if (watch) {
    const what = `${title(Number(watch[1]))} quality probe ${watch[2]}`;
    if (command.op === 'remove' || command.op === 'unset') return `${what}: ${command.op}`;
    const { attrs } = command;
    const down = limits(attrs);
    const rule = down.length > 0 ? [`down on ${down.join(', ')}`] : [];
    if (command.op === 'add')
      return `${what}, of ${attrs.host}: add, ${[...rule, `tested every ${attrs.interval}`].join(', ')}`;
    const rest = Object.entries(attrs)
      .filter(([name]) => !(name in thresholdNames))
      .map(([name, value]) => `${name} ${value}`);
    return `${what}: ${[...rule, ...rest].join(', ')}`;
  }
  if (piece) {
    const wan = title(Number(piece[1]));
    if (piece[2] === 'failback') return `${wan} pending failback: cancel`;
    if (command.op === 'remove' || command.op === 'unset') return `${wan} verdict script: ${command.op}`;
    const settings = /^# uplink settings: (.*)$/m.exec(command.attrs.source ?? '')?.[1];
    return `${wan} verdict script: ${command.op === 'add' ? 'add' : 'update'}${settings ? ` (${settings})` : ''}`;
  }
  return undefined;
}
