import type { IpcError } from '../ipc/errors';
import type { SessionState } from './session-state';

export interface SessionProblem {
  title: string;
  /** What went wrong in main's words, which end with what to try next. */
  detail?: string;
  /** What to try next, where no message from main says it already. */
  nextStep?: string;
  /** The button offered for the next step. */
  action?: 'edit' | 'retry';
}

/**
 * Puts a failed or expired session into words a technician can act on. Main's messages already say
 * what happened and what to check (the service in /ip service, the firewall, Edit site), so the
 * title only names the kind of trouble and nothing is said twice.
 */
export function describeProblem(session: SessionState, error: IpcError | undefined): SessionProblem | null {
  if (session.status === 'expired') {
    return {
      title: 'The Transient Access grant expired',
      nextStep:
        'Its session was closed; unapplied edits are kept. Ask for a new grant and paste it in Edit site.',
      action: 'edit',
    };
  }
  // A trust prompt has a banner of its own, with both fingerprints.
  if (!error || (error.code === 'trust' && session.trustPrompt)) return null;
  const detail = error.message;
  switch (error.code) {
    case 'auth':
      return { title: 'Could not log in', detail, action: 'edit' };
    case 'trust':
      return { title: 'The router’s key or certificate is not the trusted one', detail, action: 'retry' };
    case 'unreadable':
      return {
        title: 'Could not connect',
        detail,
        nextStep: `Check that ${session.endpoint ?? 'this address'} is a RouterOS v7 router. Other sites are not affected.`,
        action: 'retry',
      };
    default:
      return { title: 'Could not connect', detail, action: 'retry' };
  }
}
