import {
  isRequestName,
  type RequestName,
  type RequestParsed,
  type ResponseOf,
  requests,
} from '../../shared/ipc/contract';
import { type Envelope, type IpcError, UplinkError } from '../../shared/ipc/errors';

/** Who is calling: lets handlers tie per-client state (subscriptions) to the caller's lifetime. */
export interface CallContext {
  clientId: string;
}

export type Handler<K extends RequestName> = (
  arg: RequestParsed<K>,
  context: CallContext,
) => Promise<ResponseOf<K>> | ResponseOf<K>;

/** A handler for every channel: the compiler refuses a contract channel without one. */
export type Handlers = { [K in RequestName]: Handler<K> };

export type Dispatch = (channel: unknown, arg: unknown, context: CallContext) => Promise<Envelope<unknown>>;

/**
 * The single entry point for every request, from any transport. Arguments are parsed with the
 * channel's schema before a handler sees them, and every failure becomes a typed envelope: a bad
 * request, a router trap or a bug never takes the transport down with it.
 */
export function createDispatcher(handlers: Handlers, onInternalError: (error: unknown) => void): Dispatch {
  return async (channel, arg, context) => {
    if (!isRequestName(channel)) {
      return fail({ code: 'unknown-channel', message: `Unknown request channel: ${String(channel)}` });
    }
    const parsed = requests[channel].schema.safeParse(arg);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join('.') || '(argument)';
        fields[key] ??= issue.message;
      }
      const summary = Object.entries(fields)
        .map(([key, message]) => `${key}: ${message}`)
        .join('; ');
      return fail({ code: 'invalid-request', message: `Invalid ${channel} request: ${summary}`, fields });
    }
    try {
      const handler = handlers[channel] as Handler<typeof channel>;
      return { ok: true, value: await handler(parsed.data as never, context) };
    } catch (error) {
      if (error instanceof UplinkError) return fail(error.toJSON());
      onInternalError(error);
      return fail({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
    }
  };
}

function fail(error: IpcError): Envelope<never> {
  return { ok: false, error };
}
