// The session side of the routes service for tests and the bench: Uplink's own API client, logged
// in to a demo router over a real socket, offered through the RouteSessions interface. Reconnects,
// grants and trust are the session layer's and are tested there.

import { connectApi } from '../../electron/routeros/api-client';
import { type RouterClient, RouterError } from '../../electron/routeros/router-client';
import { openTcp } from '../../electron/routeros/socket-transports';
import type { RouteSessions } from '../../electron/routes/routes-service';
import type { SessionState } from '../../shared/sessions/session-state';

export async function connectClient(
  endpoint: { host: string; port: number },
  password = '',
): Promise<RouterClient> {
  const socket = await openTcp(endpoint, 'api', 5000);
  return connectApi(socket, { user: 'admin', password, callTimeoutMs: 30_000, loginTimeoutMs: 5000 });
}

export function sessionsFor(clients: Record<string, RouterClient>, readOnly: string[] = []): RouteSessions {
  return {
    client: (siteId) => {
      const client = clients[siteId];
      if (!client) throw new RouterError('closed', 'The site is not connected.');
      return client;
    },
    state: (siteId): SessionState => ({
      siteId,
      status: clients[siteId] ? 'online' : 'offline',
      channel: 'api',
      readOnly: readOnly.includes(siteId),
    }),
    onStateChange: () => () => undefined,
    isReadOnly: (siteId) => readOnly.includes(siteId),
  };
}
