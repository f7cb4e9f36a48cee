import type { ServiceParts } from '../app/service-parts';
import type { SessionManager } from './session-manager';

export type SessionsChannel = 'sessions.list' | 'sessions.open' | 'sessions.close' | 'sessions.trust';

/** The renderer's handle on sessions; their states also go out as 'sessions.state' events. */
export function createSessionsService(sessions: SessionManager): ServiceParts<SessionsChannel> {
  return {
    handlers: {
      'sessions.list': () => sessions.list(),
      'sessions.open': ({ siteId }) => sessions.open(siteId),
      'sessions.close': ({ siteId }) => sessions.close(siteId),
      'sessions.trust': ({ siteId, fingerprint }) => sessions.trust(siteId, fingerprint),
    },
    dispose: () => sessions.dispose(),
  };
}
