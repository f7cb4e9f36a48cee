import type { ClientMessage, ServerMessage, UplinkBridge } from '../../../shared/ipc/bridge';
import type { Envelope } from '../../../shared/ipc/errors';

export type LinkStatus = 'connecting' | 'open' | 'lost';

/**
 * Web mode's transport: the IPC contract over one WebSocket to the local Uplink service. Requests
 * in flight when the socket drops fail as `closed` rather than hanging; the socket reconnects
 * with backoff, because the service outlives a sleeping laptop's dropped loopback connections.
 */
export function createWebSocketBridge(
  endpoint: string,
  onStatus: (status: LinkStatus) => void,
): UplinkBridge {
  const pending = new Map<number, (result: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: ClientMessage[] = [];
  let nextId = 1;
  let socket: WebSocket;
  let retryMs = 250;

  const connect = () => {
    onStatus('connecting');
    socket = new WebSocket(endpoint);
    socket.onopen = () => {
      retryMs = 250;
      onStatus('open');
      for (const message of queue.splice(0)) socket.send(JSON.stringify(message));
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as ServerMessage;
      if ('id' in data) {
        pending.get(data.id)?.(data.result);
        pending.delete(data.id);
      } else {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      }
    };
    socket.onclose = () => {
      onStatus('lost');
      for (const [id, resolve] of pending) {
        resolve({
          ok: false,
          error: { code: 'closed', message: 'The connection to the Uplink service was lost.' },
        });
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    invoke: (channel, arg) =>
      new Promise((resolve) => {
        const message: ClientMessage = { id: nextId++, channel, arg };
        pending.set(message.id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
        else queue.push(message);
      }),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

/**
 * The token arrives in the address Uplink printed; it is kept in memory and dropped from the
 * address bar, so it does not linger in history or screenshots (a cookie carries reloads).
 */
export function webSocketEndpoint(location: Location, history: History): string {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/ipc${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}
