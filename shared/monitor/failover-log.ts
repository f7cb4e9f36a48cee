import { parseRouterFailover } from '../failover/quality';
import type { FailoverSetup, WanStatus } from '../failover/setup';
import { csvTable } from '../text/csv';

/** What happened to a site's links, as the log and the graphs' time axis mark it. */
/** `change`: a change Uplink applied, logged once with its outcome, not as the failovers it made. */
export type FailoverEventKind = 'failover' | 'link-down' | 'link-up' | 'priority' | 'change';

export const eventKindLabels: Record<FailoverEventKind, string> = {
  failover: 'Failover',
  'link-down': 'Link down',
  'link-up': 'Link up',
  priority: 'Priority change',
  change: 'Uplink change',
};

export interface FailoverLogEntry {
  siteId: string;
  /** ISO time Uplink saw it happen. */
  at: string;
  kind: FailoverEventKind;
  /** The link (or the order) before, e.g. "WAN 1"; the WAN's state for link events. */
  from: string;
  to: string;
  cause: string;
}

/**
 * What the log needs of a failover state: the setup and the active link. Changes Uplink applies are
 * not seen here: the monitor service logs each once, as a `change`, and keeps what they cause out.
 */
export interface ObservedFailover extends FailoverSetup {
  active?: { label: string };
}

const wanLabel = (wan: number) => `WAN ${wan}`;
const order = (setup: FailoverSetup) =>
  setup.wans
    .filter((wan) => wan.state !== 'incomplete')
    .map((wan) => wanLabel(wan.wan))
    .join(', ');
const isDown = (wan: WanStatus | undefined) => wan?.state === 'down';

/**
 * Turns successive failover states of one site into log entries. The router may report a failover
 * in two steps (the old route set aside, then the next one active); the tracker remembers the last
 * link that carried traffic, so the log says "WAN 1 → WAN 2", not two steps through "none".
 */
export class FailoverTracker {
  private previous: ObservedFailover | undefined;
  private lastActive: string | undefined;

  constructor(readonly siteId: string) {}

  /** Forgets the last state (the session went away): what changed meanwhile is not known. */
  reset(): void {
    this.previous = undefined;
  }

  /** Nothing observed since the last reset: the next state is the first of a session. */
  get fresh(): boolean {
    return this.previous === undefined;
  }

  observe(next: ObservedFailover, at: Date): FailoverLogEntry[] {
    const previous = this.previous;
    this.previous = next;
    const nextActive = next.active?.label;
    if (!previous) {
      this.lastActive = nextActive ?? this.lastActive;
      return [];
    }
    const entry = (kind: FailoverEventKind, from: string, to: string, cause: string): FailoverLogEntry => ({
      siteId: this.siteId,
      at: at.toISOString(),
      kind,
      from,
      to,
      cause,
    });
    const entries: FailoverLogEntry[] = [];
    const before = new Map(previous.wans.map((wan) => [wan.wan, wan]));
    for (const wan of next.wans) {
      const old = before.get(wan.wan);
      if (!old || old.state === wan.state) continue;
      const name = wanLabel(wan.wan);
      if (wan.state === 'down')
        entries.push(entry('link-down', `${name} ${old.state}`, `${name} down`, probeCause(wan, 'stopped')));
      else if (old.state === 'down')
        entries.push(entry('link-up', `${name} down`, `${name} ${wan.state}`, probeCause(wan, 'answers')));
    }
    const orderBefore = order(previous);
    const orderAfter = order(next);
    const reordered = orderBefore !== orderAfter && sameWans(previous, next);
    if (reordered) entries.push(entry('priority', orderBefore, orderAfter, changedOnRouter));

    if (nextActive !== undefined && nextActive !== this.lastActive) {
      const from = this.lastActive ?? 'None';
      entries.push(
        entry('failover', from, nextActive, failoverCause(previous, next, this.lastActive, reordered)),
      );
    }
    if (nextActive !== undefined) this.lastActive = nextActive;
    return entries;
  }
}

/** The router's own detection (a probe lost or back, and the failover it brought), logged whatever Uplink is doing. */
export function detectedByRouter(entry: FailoverLogEntry): boolean {
  if (entry.kind === 'link-down' || entry.kind === 'link-up') return true;
  return entry.kind === 'failover' && / (down|back up)$/.test(entry.cause);
}

function probeCause(wan: WanStatus, how: 'stopped' | 'answers'): string {
  const tripped = wan.verdict?.probes.flatMap((probe) =>
    probe.tripped.map((text) => `${text} on ${probe.host}`),
  );
  if (how === 'stopped' && tripped && tripped.length > 0)
    return `The router's verdict: ${tripped.join('; ')}`;
  const probe = wan.probe ? `probe ${wan.probe}` : 'gateway check';
  return how === 'stopped' ? `Its ${probe} stopped answering` : `Its ${probe} answers again`;
}

function sameWans(a: FailoverSetup, b: FailoverSetup): boolean {
  const numbers = (setup: FailoverSetup) =>
    setup.wans
      .filter((wan) => wan.state !== 'incomplete')
      .map((wan) => wan.wan)
      .sort()
      .join();
  return numbers(a) === numbers(b);
}

/** What Uplink did is logged as its own change: a reorder seen here was made by someone else on the router. */
const changedOnRouter = 'Changed on the router';

function failoverCause(
  previous: ObservedFailover,
  next: ObservedFailover,
  lastActive: string | undefined,
  reordered: boolean,
): string {
  const find = (setup: FailoverSetup, label: string | undefined) =>
    setup.wans.find((wan) => wanLabel(wan.wan) === label);
  const left = find(next, lastActive);
  if (isDown(left)) return `${lastActive} down`;
  if (reordered) return `Priority change (${changedOnRouter})`;
  const arrived = find(next, next.active?.label);
  if (arrived && isDown(find(previous, next.active?.label))) return `${next.active?.label} back up`;
  if (lastActive !== undefined && !left && find(previous, lastActive)) return `${lastActive} removed`;
  return changedOnRouter;
}

/**
 * The failovers the router made by itself, from its `/log` rows (`time`, `message`): what happened
 * while no one was connected, with the cause its verdict script logged. `time` is the router's
 * local `2026-12-02 18:03:12`, read in this machine's zone.
 */
export function routerFailoverEntries(
  siteId: string,
  rows: readonly Record<string, string>[],
): FailoverLogEntry[] {
  return rows.flatMap((row) => {
    const event = parseRouterFailover(row.message ?? '');
    const at = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(row.time ?? '');
    if (!event || !at) return [];
    const [year, month, day, hours, minutes, seconds] = at.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const name = wanLabel(event.wan);
    return [
      {
        siteId,
        at: new Date(year, month - 1, day, hours, minutes, seconds).toISOString(),
        kind: event.event === 'down' ? 'link-down' : 'link-up',
        from: `${name} ${event.event === 'down' ? 'up' : 'down'}`,
        to: `${name} ${event.event}`,
        cause: `Router failed ${event.event === 'down' ? 'over' : 'back'}: ${event.cause}`,
      } satisfies FailoverLogEntry,
    ];
  });
}

const csvColumns = ['time', 'event', 'from', 'to', 'cause'] as const;

export function failoverLogCsv(entries: readonly FailoverLogEntry[]): string {
  return csvTable(
    csvColumns,
    entries.map((entry) => [entry.at, eventKindLabels[entry.kind], entry.from, entry.to, entry.cause]),
  );
}
