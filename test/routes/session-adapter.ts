// The session side of the routes service for tests and the bench: Uplink's own API client, logged
// in to a demo router over a real socket, offered through the RouteSessions interface. Reconnects,
// grants and trust are the session layer's and are tested there.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApplyService } from '../../electron/apply/apply-service';
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

/**
 * The routes service as the app composes it, with the one apply service of these sessions (its
 * profile in a temporary folder): changes to default routes and Safe Mode's go through it.
 */
export function routesOptionsFor(sessions: RouteSessions) {
  const profileDir = mkdtempSync(join(tmpdir(), 'uplink-routes-profile-'));
  return {
    sessions,
    applies: createApplyService({ sessions, events: { emit: () => undefined }, profileDir }),
  };
}
