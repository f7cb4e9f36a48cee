import type { ApplyPlan } from '../../shared/apply/plan';
import { configurePlan, deactivatePlan, renumberPlan, reorderPlan } from '../../shared/failover/plan';
import { planSteps } from '../../shared/failover/plan-text';
import { precheckWan, wanRefusal } from '../../shared/failover/precheck';
import { configuredWans, readSetup } from '../../shared/failover/setup';
import type { FailoverState } from '../../shared/ipc/channels/failover';
import { UplinkError } from '../../shared/ipc/errors';
import type { Route } from '../../shared/routes/route';
import type { ServiceParts } from '../app/app-context';
import type { ApplyService } from '../apply/apply-service';
import type { EventHub } from '../ipc/event-hub';
import type { RouterClient } from '../routeros/router-client';
import type { SessionManager } from '../sessions/session-manager';
import { readFailoverRoutes, readInterfaces } from './router-reads';
import { SiteFailover } from './site-failover';

/** What the failover service needs of the session layer. */
export type FailoverSessions = Pick<SessionManager, 'client' | 'state' | 'onStateChange' | 'isReadOnly'>;

export interface FailoverServiceOptions {
  sessions: FailoverSessions;
  events: Pick<EventHub, 'emit'>;
  applies: Pick<ApplyService, 'apply'>;
}

export type FailoverChannel =
  | 'failover.list'
  | 'failover.get'
  | 'failover.interfaces'
  | 'failover.configure'
  | 'failover.reorder'
  | 'failover.preview'
  | 'failover.renumberOthers'
  | 'failover.deactivate';

/**
 * WAN failover in main: every online site's failover routes kept live, and every change made
 * through the apply service, planned against the router as it is when the site's turn comes.
 */
export function createFailoverService(options: FailoverServiceOptions): ServiceParts<FailoverChannel> {
  const { sessions, events, applies } = options;
  const sites = new Map<string, SiteFailover>();

  const emit = (state: FailoverState) => events.emit('failover.state', state);
  const online = (siteId: string) => sessions.state(siteId)?.status === 'online';

  const site = (siteId: string): SiteFailover => {
    let known = sites.get(siteId);
    if (!known) {
      known = new SiteFailover(siteId, { readOnly: () => sessions.isReadOnly(siteId), emit });
      sites.set(siteId, known);
      if (online(siteId)) known.start(sessions.client(siteId));
    }
    return known;
  };

  const stopListening = sessions.onStateChange((state) => {
    const target = site(state.siteId);
    if (state.status === 'online') {
      if (!target.online) target.start(sessions.client(state.siteId));
    } else if (target.online) {
      target.offline();
    }
  });

  const apply = async (
    siteId: string,
    makePlan: (routes: Route[], client: RouterClient) => ApplyPlan | Promise<ApplyPlan>,
  ) => {
    try {
      return await applies.apply({
        siteId,
        origin: 'WAN Failover',
        plan: async (client) => {
          const routes = await readFailoverRoutes(client);
          return planned(() => makePlan(routes, client));
        },
      });
    } finally {
      // The change (or the undo of a refused one) is on screen when the answer is.
      if (online(siteId))
        await site(siteId)
          .reread(sessions.client(siteId))
          .catch(() => undefined);
    }
  };

  return {
    handlers: {
      'failover.list': () => [...sites.values()].map((known) => known.state()),
      'failover.get': ({ siteId }) => site(siteId).state(),
      'failover.interfaces': ({ siteId }) => readInterfaces(sessions.client(siteId)),
      'failover.configure': ({ siteId, wan }) =>
        apply(siteId, async (routes, client) => {
          const interfaces = await readInterfaces(client);
          const refusal = wanRefusal(
            wan.wan,
            precheckWan(wan, { interfaces, routes }, configuredWans(readSetup(routes))),
          );
          if (refusal) throw refusal;
          return configurePlan(routes, wan);
        }),
      'failover.reorder': ({ siteId, order }) => apply(siteId, (routes) => reorderPlan(routes, order)),
      'failover.preview': async ({ siteId, change }) => {
        const routes = await readFailoverRoutes(sessions.client(siteId));
        const plan = await planned(() => (change === 'deactivate' ? deactivatePlan : renumberPlan)(routes));
        return { kind: plan.kind, summary: plan.summary, steps: planSteps(plan, routes) };
      },
      'failover.renumberOthers': ({ siteId }) => apply(siteId, renumberPlan),
      'failover.deactivate': ({ siteId }) => apply(siteId, deactivatePlan),
    },
    dispose: async () => {
      stopListening();
      for (const known of sites.values()) known.dispose();
      sites.clear();
    },
  };
}

/** A plan the shared logic refuses (an order that skips a WAN, no distance left) is the request's fault. */
async function planned(make: () => ApplyPlan | Promise<ApplyPlan>): Promise<ApplyPlan> {
  try {
    return await make();
  } catch (error) {
    if (error instanceof UplinkError) throw error;
    throw new UplinkError({ code: 'invalid', message: (error as Error).message });
  }
}
