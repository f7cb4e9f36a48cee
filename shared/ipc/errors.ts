/**
 * Every failure that crosses the IPC boundary has one of these codes, so the renderer can word it
 * for a person without parsing messages. Router-side codes mirror the session layer's typed errors.
 */
export const errorCodes = [
  /** The request did not match the channel's schema. */
  'invalid-request',
  /** No such channel in the contract. */
  'unknown-channel',
  /** The router refused the command (`!trap`); `message` is RouterOS's own wording. */
  'trap',
  /** The router ended the session (`!fatal`). */
  'fatal',
  /** The router sent something Uplink cannot read: not RouterOS's framing, or over a stated limit. */
  'unreadable',
  /** The router did not answer in time. */
  'timeout',
  /** The session is closed or was lost. */
  'closed',
  /** Login failed: wrong user name or password. */
  'auth',
  /** The address could not be reached (refused, unreachable). */
  'unreachable',
  /** A pinned host key or certificate no longer matches. */
  'trust',
  /** The thing asked for does not exist (site, route, draft). */
  'not-found',
  /** The input is well-formed but not acceptable (e.g. a failed pre-check). */
  'invalid',
  /** The site is open read-only. */
  'read-only',
  /** Anything else: a bug. */
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** The wire form of an error. `field` names the form field the error concerns, when there is one. */
export interface IpcError {
  code: ErrorCode;
  message: string;
  field?: string;
  /** Per-field messages for validation errors, keyed by the request's field path. */
  fields?: Record<string, string>;
}

/** Thrown by main's services and rethrown by the renderer's client, so both sides use one type. */
export class UplinkError extends Error implements IpcError {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly fields?: Record<string, string>;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'UplinkError';
    this.code = error.code;
    if (error.field !== undefined) this.field = error.field;
    if (error.fields !== undefined) this.fields = error.fields;
  }

  toJSON(): IpcError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field !== undefined && { field: this.field }),
      ...(this.fields !== undefined && { fields: this.fields }),
    };
  }
}

/** What every request answers with, on every transport: a value, or a typed error. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcError };
