import type { Endpoint } from '../routeros/router-errors';
import { openTcp, openTls } from '../routeros/socket-transports';
import type { SessionManager } from '../sessions/session-manager';
import type { SiteStore, StoredSite } from '../sites/site-store';
import type { TrustStore } from '../trust/trust-store';
import { loginRawApi, type OpenApiStream } from './bulk-print';

const connectTimeoutMs = 10_000;

/**
 * The fast path's second connection, made the way the site's session made its own: same endpoint,
 * same login, and for API-SSL the same pinned certificate, checked before the password is sent.
 * Only for sessions on the API or API-SSL; over SSH the print goes through the session.
 */
export function rawApiOpener(deps: {
  sites: SiteStore;
  trust: TrustStore;
  sessions: Pick<SessionManager, 'state'>;
  resolveEndpoint(site: StoredSite): Promise<Endpoint>;
}): (siteId: string) => OpenApiStream | undefined {
  return (siteId) => {
    const channel = deps.sessions.state(siteId)?.channel;
    if (channel !== 'api' && channel !== 'api-ssl') return undefined;
    return async () => {
      const site = deps.sites.require(siteId);
      const endpoint = await deps.resolveEndpoint(site);
      const stream =
        channel === 'api'
          ? await openTcp(endpoint, 'api', connectTimeoutMs)
          : await openTls(endpoint, connectTimeoutMs, async (fingerprint) => {
              await deps.trust.verify('tls-certificate', endpoint, fingerprint);
            });
      return loginRawApi(stream, site.user, deps.sites.password(siteId), connectTimeoutMs);
    };
  };
}
