import type { EventName, EventPayload } from '../../shared/ipc/contract';

/** `to`: the clients (CallContext.clientId) the event is for; every client when absent. */
export type EventListener = (event: EventName, payload: unknown, to?: ReadonlySet<string>) => void;

/**
 * Main's events fan out from here to every connected renderer (Electron windows, web sockets).
 * Services emit; transports subscribe. Neither knows about the other. An event meant for some
 * clients only (a site's raw samples, for the windows that show it) names them, and each
 * transport passes it to those alone.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(event: K, payload: EventPayload<K>, to?: ReadonlySet<string>): void {
    for (const listener of this.listeners) listener(event, payload, to);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
