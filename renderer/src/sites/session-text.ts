// How sessions are put into words: status labels, channels and times. One place, so the sidebar
// and the header never say the same thing two ways (problems: shared/sessions/session-problem.ts).
import { parseDuration } from '../../../shared/routeros/duration';
import type { SessionChannel, SessionState, SessionStatus } from '../../../shared/sessions/session-state';
import type { Site } from '../../../shared/sites/site';
import type { Tone } from '../components/Badge';

export const statusLabels: Record<SessionStatus, string> = {
  offline: 'Offline',
  connecting: 'Connecting',
  online: 'Online',
  reconnecting: 'Reconnecting',
  expired: 'Expired',
  'awaiting-trust': 'Key to check',
  failed: 'Failed',
};

export const statusTones: Record<SessionStatus, Tone> = {
  offline: 'neutral',
  connecting: 'busy',
  online: 'ok',
  reconnecting: 'warning',
  expired: 'neutral',
  'awaiting-trust': 'info',
  failed: 'error',
};

export const channelLabels: Record<SessionChannel, string> = {
  api: 'API',
  'api-ssl': 'API-SSL',
  'ssh-api': 'API over SSH',
  'ssh-cli': 'SSH (CLI)',
};

/** A session counts as open while it holds, or is getting, a connection. */
export function isSessionActive(status: SessionStatus): boolean {
  return status === 'online' || status === 'connecting' || status === 'reconnecting';
}

/** RouterOS's `1w2d03:04:05` as "9d 3h": the two largest units are all a glance needs. */
export function formatUptime(uptime: string): string {
  const ms = parseDuration(uptime);
  if (ms === undefined) return uptime;
  const parts: [number, string][] = [
    [Math.floor(ms / 86_400_000), 'd'],
    [Math.floor(ms / 3_600_000) % 24, 'h'],
    [Math.floor(ms / 60_000) % 60, 'm'],
    [Math.floor(ms / 1000) % 60, 's'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return '0s';
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join(' ');
}

/** "just now", "40 s ago", "5 min ago", "3 h ago", then the date. */
export function formatSince(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(then).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Time left on a grant as a clock: "1:04:09", "4:59", "0:00". */
export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor(total / 60) % 60;
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export function siteEndpoint(site: Site): string {
  const host = site.address.includes(':') ? `[${site.address}]` : site.address;
  return `${host}:${site.port}`;
}

/**
 * Where the site is reached. The demo site's router gets free ports when it starts, so its stored
 * address is no answer: the session says where it connected, and until then nothing is known.
 */
export function siteAddress(site: Site, session: SessionState | undefined): string {
  if (!site.demo) return siteEndpoint(site);
  return session?.endpoint ?? '—';
}
