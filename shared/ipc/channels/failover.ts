import { z } from 'zod';
import type { ActiveLink } from '../../failover/active-link';
import type { PlanKind } from '../../failover/plan';
import type { PlanStep } from '../../failover/plan-text';
import type { RouterInterface } from '../../failover/precheck';
import type { FailoverSetup } from '../../failover/setup';
import { maxWans, wanConfigSchema } from '../../failover/wan';
import { event, request } from '../channel';

const siteId = z.string().min(1);

export type FailoverPhase = 'offline' | 'loading' | 'ready' | 'failed';

/** Where a confirmed apply is: safety net on the router, change, check, safety net off; or undoing a refused change. */
export type ApplyStep = 'safety-net' | 'change' | 'check' | 'confirm' | 'undo';

export interface ApplyProgress {
  kind: PlanKind;
  summary: string;
  step: ApplyStep;
  /** ISO time the safety net went on. */
  startedAt: string;
  graceSeconds: number;
}

/** An apply the session was lost in: unless Uplink reaches the router first, the router undoes it at `restoresAt`. */
export interface InterruptedApply {
  summary: string;
  startedAt: string;
  restoresAt: string;
  graceSeconds: number;
}

/** What Uplink has to say about the site's failover: how an interrupted apply ended, mostly. */
export interface FailoverNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
  /** ISO time. */
  at: string;
}

/** A site's WAN failover as main sees it on the router, pushed whenever a route it depends on changes. */
export interface FailoverState extends FailoverSetup {
  siteId: string;
  phase: FailoverPhase;
  error?: string;
  readOnly: boolean;
  /** The link carrying traffic now; absent when no default route is active. */
  active?: ActiveLink;
  applying?: ApplyProgress;
  interrupted?: InterruptedApply;
  notice?: FailoverNotice;
}

export interface ApplyResult {
  /** `unchanged`: the router already was as asked, nothing was sent. */
  outcome: 'applied' | 'unchanged';
  summary: string;
}

/** What a change will do, before it is confirmed: each step in words, with the RouterOS command. */
export interface PlanPreview {
  kind: PlanKind;
  summary: string;
  steps: PlanStep[];
}

export interface FailoverSettings {
  /** How long the router waits before undoing a change Uplink could not confirm. */
  graceSeconds: number;
}

export const graceSecondsSchema = z
  .number({ message: 'Enter a number of seconds' })
  .int('Enter whole seconds')
  .min(5, 'Give the router at least 5 seconds')
  .max(3600, 'Keep it under an hour: the router undoes the change only after this long');

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
  'failover.dismissNotice': request(z.object({ siteId })).returns<void>(),
  'failover.settings': request(z.undefined()).returns<FailoverSettings>(),
  'failover.setSettings': request(z.object({ graceSeconds: graceSecondsSchema })).returns<FailoverSettings>(),
};

export const failoverEvents = {
  'failover.state': event<FailoverState>(),
  'failover.settingsChanged': event<FailoverSettings>(),
};
