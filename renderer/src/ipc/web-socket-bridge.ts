import type { ClientMessage, ServerMessage, UplinkBridge } from '../../../shared/ipc/bridge';
import type { Envelope } from '../../../shared/ipc/errors';

/** `no-token`: the page was opened without the address Uplink printed, so it has nothing to show. */
export type LinkStatus = 'connecting' | 'open' | 'lost' | 'no-token';

/**
 * Web mode's transport: the IPC contract over one WebSocket to the local Uplink service. Requests
 * in flight when the socket drops fail as `closed` rather than hanging; the socket reconnects
 * with backoff, because the service outlives a sleeping laptop's dropped loopback connections.
 */
export function createWebSocketBridge(
  endpoint: string | undefined,
  onStatus: (status: LinkStatus) => void,
): UplinkBridge {
  const pending = new Map<number, (result: Envelope<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const queue: ClientMessage[] = [];
  let nextId = 1;
  let socket: WebSocket | undefined;
  let retryMs = 250;

  const connect = (endpoint: string) => {
    onStatus('connecting');
    const ws = new WebSocket(endpoint);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      onStatus('open');
      for (const message of queue.splice(0)) ws.send(JSON.stringify(message));
    };
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as ServerMessage;
      if ('id' in data) {
        pending.get(data.id)?.(data.result);
        pending.delete(data.id);
      } else {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
      }
    };
    ws.onclose = () => {
      onStatus('lost');
      for (const [id, resolve] of pending) {
        resolve({
          ok: false,
          error: { code: 'closed', message: 'The connection to the Uplink service was lost.' },
        });
        pending.delete(id);
      }
      setTimeout(() => connect(endpoint), retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  if (endpoint === undefined) onStatus('no-token');
  else connect(endpoint);

  return {
    invoke: (channel, arg) =>
      new Promise((resolve) => {
        const message: ClientMessage = { id: nextId++, channel, arg };
        pending.set(message.id, resolve);
        if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
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

const tokenKey = 'uplink-token';

/**
 * The token arrives in the address Uplink printed; it is kept in sessionStorage, which only this
 * origin (this port) and this tab can read, and dropped from the address bar, so it does not linger
 * in history or screenshots. Undefined when the page was opened without it.
 */
export function webSocketEndpoint(
  location: Location,
  history: History,
  storage: Storage,
): string | undefined {
  const url = new URL(location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress !== null) {
    storage.setItem(tokenKey, fromAddress);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromAddress ?? storage.getItem(tokenKey);
  if (token === null) return undefined;
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/ipc?token=${encodeURIComponent(token)}`;
}
