import type { ApplyPlan } from '../../shared/apply/plan';
import { proposeWans } from '../../shared/failover/adopt';
import { activeGateway, linkLabel, plannedGateway } from '../../shared/failover/link-outcome';
import type { FailoverFacts } from '../../shared/failover/moved-routes';
import {
  configurePlan,
  deactivatePlan,
  enablePlan,
  renumberPlan,
  reorderPlan,
} from '../../shared/failover/plan';
import { planSteps } from '../../shared/failover/plan-text';
import { precheckWan, wanRefusal } from '../../shared/failover/precheck';
import { type QualityRows, qualityChanges, watchedWans, withQuality } from '../../shared/failover/quality';
import { configuredWans, readSetup } from '../../shared/failover/setup';
import type { WanConfig } from '../../shared/failover/wan';
import type { LinkOutcome } from '../../shared/ipc/channels/apply';
import type { FailoverChange, FailoverPlan, FailoverState } from '../../shared/ipc/channels/failover';
import { UplinkError } from '../../shared/ipc/errors';
import { toCli } from '../../shared/routeros/command';
import type { Route } from '../../shared/routes/route';
import type { ServiceParts } from '../app/service-parts';
import type { ApplyService, ApplySessions } from '../apply/apply-service';
import type { EventHub } from '../ipc/event-hub';
import type { RouterClient } from '../routeros/router-client';
import { readFailoverRoutes, readInterfaces, readQualityRows } from './router-reads';
import { SiteFailover } from './site-failover';

/** What the failover service needs of the session layer: what its applies need, no more. */
export type FailoverSessions = ApplySessions;

export interface FailoverServiceOptions {
  sessions: FailoverSessions;
  events: Pick<EventHub, 'emit'>;
  applies: Pick<ApplyService, 'apply'>;
  /** How long after an apply the router is given to settle on the link the plan said. */
  settleMs?: number;
}

export type FailoverChannel =
  | 'failover.list'
  | 'failover.get'
  | 'failover.interfaces'
  | 'failover.propose'
  | 'failover.plan'
  | 'failover.apply';

/** What a failover plan is made from: the routes and DHCP clients, and the quality watch. */
interface PlanFacts extends FailoverFacts {
  quality: QualityRows;
}

/** The facts a failover plan is made from, read from the router now. */
async function readFacts(client: RouterClient): Promise<PlanFacts> {
  const [routes, clients, quality] = await Promise.all([
    readFailoverRoutes(client),
    client.print('/ip/dhcp-client', { proplist: ['interface', 'comment'] }),
    readQualityRows(client),
  ]);
  return {
    routes,
    dhcpClients: clients.map((row) => ({ interface: row.interface ?? '', comment: row.comment ?? '' })),
    quality,
  };
}

/** The checks the guide asks of each WAN a change saves, against the router's interfaces and routes. */
async function precheck(client: RouterClient, facts: FailoverFacts, wans: WanConfig[], others: WanConfig[]) {
  const interfaces = await readInterfaces(client);
  for (const wan of wans) {
    const refusal = wanRefusal(wan.wan, precheckWan(wan, { interfaces, routes: facts.routes }, others));
    if (refusal) throw refusal;
  }
}

/**
 * A change's plan against the router as it is now. The WANs a change saves get their quality watch
 * after their routes (each probe host's /32 is there before netwatch pings it); Deactivate takes
 * every watch away before the routes (no verdict runs on routes that are going).
 */
async function planOf(client: RouterClient, facts: PlanFacts, change: FailoverChange): Promise<ApplyPlan> {
  const { routes, quality } = facts;
  const watching = (wans: WanConfig[]) => qualityChanges(quality, wans, new Set(wans.map((wan) => wan.wan)));
  switch (change.kind) {
    case 'enable':
      await precheck(client, facts, change.wans, change.wans);
      return withQuality(
        planned(() => enablePlan(facts, change.wans)),
        watching(change.wans),
        'routes-first',
      );
    case 'configure':
      await precheck(client, facts, [change.wan], configuredWans(readSetup(routes)));
      return withQuality(
        planned(() => configurePlan(routes, change.wan)),
        watching([change.wan]),
        'routes-first',
      );
    case 'reorder':
      return planned(() => reorderPlan(routes, change.order));
    case 'renumber':
      return planned(() => renumberPlan(facts));
    case 'deactivate':
      return withQuality(
        planned(() => deactivatePlan(facts)),
        qualityChanges(quality, [], new Set(watchedWans(quality))),
        'quality-first',
      );
  }
}

/**
 * WAN failover in main: every online site's failover routes kept live; every change planned first
 * (shown to the technician, one line per change), then applied through the apply service exactly as
 * shown, and its outcome (the link carrying traffic) checked against the router.
 */
export function createFailoverService(options: FailoverServiceOptions): ServiceParts<FailoverChannel> {
  const { sessions, events, applies, settleMs = 3000 } = options;
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

  /** The router's link after the change: given a moment to settle (a recursive route resolves), then compared with the plan's. */
  const linkAfter = async (
    client: RouterClient,
    expected: string | undefined,
  ): Promise<{ link: LinkOutcome; routes: Route[] }> => {
    const until = Date.now() + settleMs;
    let routes = await readFailoverRoutes(client);
    while (activeGateway(routes) !== expected && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      routes = await readFailoverRoutes(client);
    }
    const active = activeGateway(routes);
    const link = {
      active: linkLabel(routes, active),
      expected: linkLabel(routes, expected),
      holds: active === expected,
    };
    return { link, routes };
  };

  return {
    handlers: {
      'failover.list': () => [...sites.values()].map((known) => known.state()),
      'failover.get': ({ siteId }) => site(siteId).state(),
      'failover.interfaces': ({ siteId }) => readInterfaces(sessions.client(siteId)),
      'failover.propose': async ({ siteId }) =>
        proposeWans(await readFailoverRoutes(sessions.client(siteId))),
      'failover.plan': async ({ siteId, change }): Promise<FailoverPlan> => {
        const client = sessions.client(siteId);
        const facts = await readFacts(client);
        const plan = await planOf(client, facts, change);
        return {
          kind: plan.kind,
          summary: plan.summary,
          steps: planSteps(plan, facts),
          outcome: linkLabel(facts.routes, plannedGateway(facts.routes, change)),
        };
      },
      'failover.apply': async ({ siteId, change, commands }) => {
        let expected: string | undefined;
        let shown = false;
        try {
          return await applies.apply({
            siteId,
            origin: 'WAN Failover',
            plan: async (client) => {
              const facts = await readFacts(client);
              const plan = await planOf(client, facts, change);
              const now = plan.forward.map(toCli);
              if (
                now.length !== commands.length ||
                now.some((command, index) => command !== commands[index])
              ) {
                throw new UplinkError({
                  code: 'invalid',
                  message:
                    'The router changed since this plan was made, so nothing was sent. Look at the plan again: it is made from the router as it is now.',
                });
              }
              expected = plannedGateway(facts.routes, change);
              return plan;
            },
            outcome: async (client) => {
              const { link, routes } = await linkAfter(client, expected);
              site(siteId).show(routes);
              shown = true;
              return link;
            },
          });
        } finally {
          // The change (or the undo of a refused one) is on screen when the answer is.
          if (!shown && online(siteId))
            await site(siteId)
              .reread(sessions.client(siteId))
              .catch(() => undefined);
        }
      },
    },
    dispose: async () => {
      stopListening();
      for (const known of sites.values()) known.dispose();
      sites.clear();
    },
  };
}

/** A plan the shared logic refuses (an order that skips a WAN, no distance left) is the request's fault. */
function planned(make: () => ApplyPlan): ApplyPlan {
  try {
    return make();
  } catch (error) {
    throw new UplinkError({ code: 'invalid', message: (error as Error).message });
  }
}
