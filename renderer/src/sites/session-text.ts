// How sessions are put into words: status labels, times, and errors with a next step. One place,
// so the sidebar, the header and the banners never say the same thing two ways.
import type { IpcError } from '../../../shared/ipc/errors';
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
  failed: 'Failed',
};

export const statusTones: Record<SessionStatus, Tone> = {
  offline: 'neutral',
  connecting: 'busy',
  online: 'ok',
  reconnecting: 'warning',
  expired: 'neutral',
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

export interface SessionProblem {
  title: string;
  /** What went wrong in the router's or main's words, when they add something. */
  detail?: string;
  /** What to try next, as a sentence. */
  nextStep?: string;
  /** The button offered for the next step. */
  action?: 'edit' | 'retry';
}

/** Puts a failed or expired session into words a technician can act on. */
export function describeProblem(
  session: SessionState,
  site: Site,
  error: IpcError | undefined,
): SessionProblem | null {
  if (session.status === 'expired') {
    return {
      title: 'The Transient Access grant expired',
      detail: error?.message,
      nextStep:
        'Its session was closed; unapplied edits are kept. Ask for a new grant and paste it in Edit site.',
      action: 'edit',
    };
  }
  // A trust prompt has a banner of its own, with both fingerprints.
  if (!error || (error.code === 'trust' && session.trustPrompt)) return null;
  const detail = error.message;
  const service = site.transport === 'ssh' ? 'ssh' : site.transport;
  switch (error.code) {
    case 'auth':
      return {
        title: 'The router refused the login',
        detail,
        nextStep: 'Check the user and password.',
        action: 'edit',
      };
    case 'unreachable':
      return {
        title: `Could not connect to ${siteEndpoint(site)}`,
        detail,
        nextStep:
          site.transport === 'ssh'
            ? 'Is the SSH service enabled in /ip service, on this port?'
            : `Is the API service enabled in /ip service? (${service} on port ${site.port})`,
        action: 'retry',
      };
    case 'timeout':
      return {
        title: 'The router did not answer in time',
        detail,
        nextStep: `Check that ${site.address} is reachable from this computer and that no firewall drops port ${site.port}.`,
        action: 'retry',
      };
    case 'trust':
      return { title: 'The router’s key or certificate is not the trusted one', detail, action: 'retry' };
    case 'unreadable':
      return {
        title: 'The router sent something Uplink cannot read',
        detail,
        nextStep: `Check that ${siteEndpoint(site)} is a RouterOS v7 router’s ${service} service. Other sites are not affected.`,
        action: 'retry',
      };
    case 'closed':
    case 'fatal':
      return { title: 'The router closed the connection', detail, action: 'retry' };
    default:
      return { title: 'Could not open the session', detail, action: 'retry' };
  }
}
