import { z } from 'zod';
import type { PlanKind } from '../../apply/plan';
import type { ActiveLink } from '../../failover/active-link';
import type { PlanStep } from '../../failover/plan-text';
import type { RouterInterface } from '../../failover/precheck';
import type { FailoverSetup } from '../../failover/setup';
import { maxWans, wanConfigSchema } from '../../failover/wan';
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

/** What a change will do, before it is confirmed: each step in words, with the RouterOS command. */
export interface PlanPreview {
  kind: PlanKind;
  summary: string;
  steps: PlanStep[];
}

const wanNumber = z.number().int().min(1).max(maxWans);

export const failoverRequests = {
  /** Every site's failover state, for the sites list and after the link to main comes back. */
  'failover.list': request(z.undefined()).returns<FailoverState[]>(),
  'failover.get': request(z.object({ siteId })).returns<FailoverState>(),
  /** The router's interfaces with their addresses, for the gateway interface picker. */
  'failover.interfaces': request(z.object({ siteId })).returns<RouterInterface[]>(),
  /** Saves a WAN (pre-checked with the router; a failed check is an `invalid` error with `fields`). */
  'failover.configure': request(z.object({ siteId, wan: wanConfigSchema })).returns<ApplyResult>(),
  /** A new priority order of the configured WANs, first = primary. */
  'failover.reorder': request(
    z.object({ siteId, order: z.array(wanNumber).min(1).max(maxWans) }),
  ).returns<ApplyResult>(),
  'failover.preview': request(
    z.object({ siteId, change: z.enum(['renumber', 'deactivate']) }),
  ).returns<PlanPreview>(),
  /** Moves the default routes Uplink did not make behind the WANs. */
  'failover.renumberOthers': request(z.object({ siteId })).returns<ApplyResult>(),
  'failover.deactivate': request(z.object({ siteId })).returns<ApplyResult>(),
};

export const failoverEvents = {
  'failover.state': event<FailoverState>(),
};
