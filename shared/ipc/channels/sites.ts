import { z } from 'zod';
import type { SessionState } from '../../sessions/session-state';
import { type Site, siteInputSchema } from '../../sites/site';
import { event, request } from '../channel';

const siteId = z.object({ siteId: z.string().min(1) });

export interface Neighbor {
  identity: string;
  macAddress: string;
  address: string;
  version: string;
  board: string;
  interfaceName: string;
  /** ISO time this router was last heard. */
  lastSeen: string;
}

export interface SecretStoreInfo {
  /** False where the OS keychain (Electron's safeStorage) is unavailable: web mode, tests. */
  encrypted: boolean;
  description: string;
}

export const sitesRequests = {
  'sites.list': request(z.undefined()).returns<Site[]>(),
  'sites.create': request(siteInputSchema).returns<Site>(),
  'sites.update': request(z.object({ siteId: z.string().min(1), site: siteInputSchema })).returns<Site>(),
  'sites.duplicate': request(siteId).returns<Site>(),
  'sites.remove': request(siteId).returns<void>(),
  'sessions.list': request(z.undefined()).returns<SessionState[]>(),
  'sessions.open': request(siteId).returns<SessionState>(),
  'sessions.close': request(siteId).returns<SessionState>(),
  /** Accept the key or certificate the session's trust prompt shows, and connect with it. */
  'sessions.trust': request(
    z.object({ siteId: z.string().min(1), fingerprint: z.string().min(1) }),
  ).returns<SessionState>(),
  'neighbors.list': request(z.undefined()).returns<Neighbor[]>(),
  'secrets.info': request(z.undefined()).returns<SecretStoreInfo>(),
};

export const sitesEvents = {
  'sites.changed': event<Site[]>(),
  'sessions.state': event<SessionState>(),
  /** Something the technician should be told now: a grant about to expire, a rollback the router ran. */
  'sessions.notice': event<{ siteId: string; level: 'info' | 'warning' | 'error'; message: string }>(),
  'neighbors.changed': event<Neighbor[]>(),
};
