import type { RouterCommand } from '../routeros/command';
import { rollbackEntry, rollbackScript, schedulerMenu } from './rollback';

// Safe Mode as Winbox has it, on RouterOS parts: one scheduler entry (the net) whose undo script
// grows with each change made while Safe Mode is on. Uplink pushes the entry's next run forward
// while its session lives; once the session is gone the pushes stop and, one grace period after
// the last, the router runs the script: everything changed since Safe Mode was turned on goes back.

export const safeModeName = 'uplink-safe-mode';

/**
 * How far back the net's start is set from the router's now: a start in the future would make the
 * router run the undo at that start (RouterOS runs an entry at start-date/start-time, then every
 * interval), so it is always a little in the past. The router's now is known to the second, and
 * the start is written in whole seconds: the start is 2 to 4 s back, and the interval is the grace
 * period and those 4 s, so the undo runs 0 to 2 s after the grace period from the last push.
 */
const startMarginMs = 2000;
const slackSeconds = 4;

/** The net as Safe Mode is turned on: nothing to undo yet, first run one grace period from now. */
export const safeModeNet = (graceSeconds: number) => rollbackEntry([], graceSeconds, safeModeName);

/**
 * The router's clock (`/system/clock` date and time, its local time) as milliseconds from now on
 * this machine, read as if both were UTC: only the difference matters, written back the same way.
 */
export function routerClockOffset(row: Record<string, string>, now: number): number {
  const time = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(row.time ?? '');
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(row.date ?? '');
  const legacy = /^([a-z]{3})\/(\d{2})\/(\d{4})$/.exec((row.date ?? '').toLowerCase());
  const month = legacy ? months.indexOf(legacy[1] ?? '') : iso ? Number(iso[2]) - 1 : -1;
  const year = Number(iso?.[1] ?? legacy?.[3]);
  const day = Number(iso?.[3] ?? legacy?.[2]);
  if (!time || month < 0)
    throw new Error(`The router's clock reads “${row.date} ${row.time}”: not a date and time`);
  return Date.UTC(year, month, day, Number(time[1]), Number(time[2]), Number(time[3])) - now;
}
const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const two = (value: number) => String(value).padStart(2, '0');

/** The net's start set a moment before the router's now: its undo runs one grace period later. */
function startAttrs(routerNow: number): Record<string, string> {
  const start = new Date(routerNow - startMarginMs);
  return {
    'start-date': `${start.getUTCFullYear()}-${two(start.getUTCMonth() + 1)}-${two(start.getUTCDate())}`,
    'start-time': `${two(start.getUTCHours())}:${two(start.getUTCMinutes())}:${two(start.getUTCSeconds())}`,
  };
}

/**
 * Pushes the net's run forward, and with `inverse` also gives it the undo of every change so far.
 * By the net's `.id`: if the router already ran it (the grace ran out), the command is refused and
 * whatever is sent after it in the same go does not run unprotected.
 */
export function safeModeUpdate(
  netId: string,
  routerNow: number,
  graceSeconds: number,
  inverse?: RouterCommand[],
): RouterCommand {
  return {
    op: 'set',
    menu: schedulerMenu,
    select: { id: netId },
    attrs: {
      ...(inverse && { 'on-event': rollbackScript(inverse, safeModeName) }),
      ...startAttrs(routerNow),
      interval: `${graceSeconds + slackSeconds}s`,
    },
  };
}
