import type { UplinkBridge } from '../../../shared/ipc/bridge';
import type {
  EventName,
  EventPayload,
  RequestArg,
  RequestName,
  ResponseOf,
} from '../../../shared/ipc/contract';
import { UplinkError } from '../../../shared/ipc/errors';
import { useConnectionStore } from '../stores/connection-store';
import { createWebSocketBridge, webSocketEndpoint } from './web-socket-bridge';

declare global {
  interface Window {
    /** Exposed by the preload script in Electron; absent in web mode. */
    uplink?: UplinkBridge;
  }
}

const bridge: UplinkBridge =
  window.uplink ??
  createWebSocketBridge(webSocketEndpoint(window.location, window.history, window.sessionStorage), (status) =>
    useConnectionStore.getState().setStatus(status),
  );

/** Calls a contract channel: a typed answer, or a thrown UplinkError with a code to word it by. */
export async function invoke<K extends RequestName>(
  channel: K,
  ...[arg]: undefined extends RequestArg<K> ? [arg?: RequestArg<K>] : [arg: RequestArg<K>]
): Promise<ResponseOf<K>> {
  const result = await bridge.invoke(channel, arg);
  if (!result.ok) throw new UplinkError(result.error);
  return result.value as ResponseOf<K>;
}

/** Listens to an event main pushes; returns the unsubscribe function (for effects' cleanup). */
export function on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void {
  return bridge.on(event, listener as (payload: unknown) => void);
}
