import type { Envelope } from './errors';

/**
 * What a transport offers the renderer: Electron's preload bridge (`window.uplink`) and web mode's
 * WebSocket client both implement it, untyped at this level; the renderer's client adds the types.
 */
export interface UplinkBridge {
  invoke(channel: string, arg: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Web mode's wire messages over the WebSocket. */
export type ClientMessage = { id: number; channel: string; arg?: unknown };
export type ServerMessage = { id: number; result: Envelope<unknown> } | { event: string; payload: unknown };
