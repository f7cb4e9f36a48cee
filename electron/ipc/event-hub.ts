import type { EventName, EventPayload } from '../../shared/ipc/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * Main's events fan out from here to every connected renderer (Electron windows, web sockets).
 * Services emit; transports subscribe. Neither knows about the other.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(event: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
