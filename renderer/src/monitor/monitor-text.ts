import type { FailoverLogEntry } from '../../../shared/monitor/failover-log';
import { eventKindLabels } from '../../../shared/monitor/failover-log';
import type { LinkHealth } from '../../../shared/monitor/health';

export const healthLabels: Record<LinkHealth, string> = { up: 'Up', degraded: 'Degraded', down: 'Down' };
export const healthTones = { up: 'ok', degraded: 'warning', down: 'error' } as const;

/** `20.1 ms`; a gap is a dash, never "NaN". */
export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

export function formatPct(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${Math.round(value)} %`;
}

const bitUnits = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s'] as const;

/** Bits per second the way RouterOS's Winbox shows them: decimal prefixes, three figures. */
export function formatBits(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1000 && unit < bitUnits.length - 1) {
    scaled /= 1000;
    unit += 1;
  }
  return `${scaled >= 100 || unit === 0 ? Math.round(scaled) : Number(scaled.toFixed(1))} ${bitUnits[unit]}`;
}

export function formatTime(at: string | number): string {
  return new Date(at).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** A time axis label: 24-hour, seconds only where the window is short enough to need them. */
export function formatClock(at: number, seconds: boolean): string {
  return new Date(at).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds && { second: '2-digit' }),
    hourCycle: 'h23',
  });
}

export function formatDateTime(at: string): string {
  const date = new Date(at);
  return `${date.toLocaleDateString()} ${formatTime(at)}`;
}

/** "Failover WAN 1 → WAN 2 at 12:03:04", as a mark's description and the log's summary say it. */
export function describeEntry(entry: FailoverLogEntry): string {
  return `${eventKindLabels[entry.kind]} ${entry.from} → ${entry.to} at ${formatTime(entry.at)}`;
}
