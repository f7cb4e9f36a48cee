import type { IpcError } from '../ipc/errors';

/**
 * A site's session as the UI shows it. `reconnecting` follows a drop and retries with backoff;
 * `expired` is a Transient Access grant that ran out (its session closed cleanly); `awaiting-trust`
 * is a first contact whose key or certificate the technician has yet to check: nothing has failed.
 * (A changed key is `failed`: the connection was refused.)
 */
export type SessionStatus =
  | 'offline'
  | 'connecting'
  | 'online'
  | 'reconnecting'
  | 'expired'
  | 'awaiting-trust'
  | 'failed';

/** How the session actually talks to the router: SSH sites use the API through an SSH tunnel where the router allows it, else the CLI. */
export type SessionChannel = 'api' | 'api-ssl' | 'ssh-api' | 'ssh-cli';

/** A key or certificate the technician must decide on: new (trust on first use) or changed (refused until trusted). */
export interface TrustPrompt {
  kind: 'ssh-host-key' | 'tls-certificate';
  /** SHA-256, as `SHA256:base64` for SSH and colon-separated hex for TLS. */
  fingerprint: string;
  /** The pinned one, when it changed. */
  previous?: string;
}

export interface RouterSummary {
  identity: string;
  version: string;
  board: string;
  uptime: string;
}

export interface SessionState {
  siteId: string;
  status: SessionStatus;
  channel?: SessionChannel;
  /** Where the session last connected, `host:port`: for the demo site, the port its simulator got. */
  endpoint?: string;
  router?: RouterSummary;
  /** ISO time of the last answer from the router. */
  lastSeen?: string;
  /** Why the session is not online: worded for a person, with a code for the UI to pick a next step by. */
  error?: IpcError;
  /** While reconnecting: which attempt, and when the next one starts (ISO). */
  attempt?: number;
  nextAttemptAt?: string;
  readOnly: boolean;
  /** Transient Access: when the grant ends (ISO). */
  expiresAt?: string;
  trustPrompt?: TrustPrompt;
  /**
   * Online: the address the router sees this session coming from (`/user/active`), whose route
   * carries the session; a change to that route is a confirmed apply.
   */
  seenFrom?: string;
}
