import type { ServiceParts } from '../app/service-parts';
import type { EventHub } from '../ipc/event-hub';
import type { SecretStore } from '../secrets/secret-store';
import type { SessionManager } from '../sessions/session-manager';
import type { TrustStore } from '../trust/trust-store';
import type { SiteStore } from './site-store';

export type SitesChannel =
  | 'sites.list'
  | 'sites.create'
  | 'sites.update'
  | 'sites.duplicate'
  | 'sites.remove'
  | 'secrets.info';

export interface SitesServiceOptions {
  sites: SiteStore;
  secrets: SecretStore;
  trust: TrustStore;
  sessions: SessionManager;
  events: Pick<EventHub, 'emit'>;
  /** Called once a site is gone (the demo site's router is stopped). */
  siteRemoved?(siteId: string): Promise<void>;
}

/** The sites dashboard's requests; the list goes out as 'sites.changed' after every change. */
export function createSitesService(options: SitesServiceOptions): ServiceParts<SitesChannel> {
  const { sites, secrets, trust, sessions, events } = options;
  const stopListening = sites.onChange((list) => events.emit('sites.changed', list));
  return {
    handlers: {
      'sites.list': () => sites.list(),
      'sites.create': (fields) => sites.create(fields),
      'sites.update': async ({ siteId, site }) => {
        const updated = await sites.update(siteId, site);
        await sessions.siteChanged(siteId);
        return updated;
      },
      'sites.duplicate': ({ siteId }) => sites.duplicate(siteId),
      'sites.remove': async ({ siteId }) => {
        const { address, port } = sites.require(siteId);
        await sessions.siteRemoved(siteId);
        await sites.remove(siteId);
        // Keys belong to the router at an endpoint: kept while another site still reaches it.
        if (!sites.list().some((site) => site.address === address && site.port === port)) {
          await trust.forget({ host: address, port });
        }
        await options.siteRemoved?.(siteId);
      },
      'secrets.info': () => secrets.info(),
    },
    dispose: async () => {
      stopListening();
    },
  };
}
