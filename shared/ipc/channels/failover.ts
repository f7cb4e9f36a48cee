import { z } from 'zod';
import type { PlanKind } from '../../apply/plan';
import type { ActiveLink } from '../../failover/active-link';
import type { PlanStep } from '../../failover/plan-text';
import type { RouterInterface } from '../../failover/precheck';
import type { FailoverSetup } from '../../failover/setup';
import { maxWans, type WanConfig, wanConfigSchema } from '../../failover/wan';
import { event, request } from '../channel';
import type { ApplyResult } from './apply';

const siteId = z.string().min(1);

export type FailoverPhase = 'offline' | 'loading' | 'ready' | 'failed';

/** A site's WAN failover as main sees it on the router, pushed whenever a route it depends on changes. */
export interface FailoverState extends FailoverSetup {
  siteId: string;
  phase: FailoverPhase;
  error?: string;
  readOnly: boolean;
  /** The link carrying traffic now; absent when no default route is active. */
  active?: ActiveLink;
}

const wanNumber = z.number().int().min(1).max(maxWans);

/** A change made from the WAN Failover tab: planned and shown first, applied only as shown. */
export const failoverChangeSchema = z.discriminatedUnion('kind', [
  /** Failover on, with the WANs the technician accepted, in priority order. */
  z.object({ kind: z.literal('enable'), wans: z.array(wanConfigSchema).min(1).max(maxWans) }),
  z.object({ kind: z.literal('configure'), wan: wanConfigSchema }),
  /** A new priority order of the configured WANs, first = primary. */
  z.object({ kind: z.literal('reorder'), order: z.array(wanNumber).min(1).max(maxWans) }),
  /** The default routes Uplink did not make, moved behind the WANs. */
  z.object({ kind: z.literal('renumber') }),
  z.object({ kind: z.literal('deactivate') }),
]);

export type FailoverChange = z.output<typeof failoverChangeSchema>;

/** A WAN Enable proposes from a default route already on the router. */
export interface ProposedWan extends WanConfig {
  /** The route's comment (or its interface): what the technician calls this link. */
  name: string;
}

/** What a change will do, before anything is sent: one line per change, the RouterOS commands behind them, and the link that will carry traffic. */
export interface FailoverPlan {
  kind: PlanKind;
  summary: string;
  steps: PlanStep[];
  /** The link expected to carry traffic afterwards, e.g. "ISP2 (ether2)". */
  outcome?: string;
}

export const failoverRequests = {
  /** Every site's failover state, for the sites list and after the link to main comes back. */
  'failover.list': request(z.undefined()).returns<FailoverState[]>(),
  'failover.get': request(z.object({ siteId })).returns<FailoverState>(),
  /** The router's interfaces with their addresses, for the gateway interface picker. */
  'failover.interfaces': request(z.object({ siteId })).returns<RouterInterface[]>(),
  /** The WANs Enable proposes: one per distinct gateway of the router's default routes, in distance order. */
  'failover.propose': request(z.object({ siteId })).returns<ProposedWan[]>(),
  /** The plan of a change against the router now (pre-checked: a failed check is an `invalid` error with `fields`). */
  'failover.plan': request(z.object({ siteId, change: failoverChangeSchema })).returns<FailoverPlan>(),
  /**
   * Applies a change as planned: `commands` are the plan's as shown; if the router changed since
   * and the plan would differ, nothing is sent and the technician sees the new plan.
   */
  'failover.apply': request(
    z.object({ siteId, change: failoverChangeSchema, commands: z.array(z.string()) }),
  ).returns<ApplyResult>(),
};

export const failoverEvents = {
  'failover.state': event<FailoverState>(),
};
