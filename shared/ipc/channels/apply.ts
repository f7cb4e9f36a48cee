import { z } from 'zod';
import type { PlanKind } from '../../apply/plan';
import type { PlanStep } from '../../failover/plan-text';
import { event, request } from '../channel';

const siteId = z.string().min(1);

/** Where a confirmed apply is: safety net on the router, change, check, safety net off; or undoing a refused change. */
export type ApplyStep = 'safety-net' | 'change' | 'check' | 'confirm' | 'undo';

/** Which part of Uplink asked for a change: the log names it as the cause. */
export type ApplyOrigin = 'WAN Failover' | 'Routes' | 'Offline draft' | 'Undo';

export interface ApplyProgress {
  kind: PlanKind;
  origin: ApplyOrigin;
  summary: string;
  step: ApplyStep;
  /** ISO time the safety net went on. */
  startedAt: string;
  graceSeconds: number;
}

/** An apply the session was lost in: unless Uplink reaches the router first, the router undoes it at `restoresAt`. */
export interface InterruptedApply {
  kind: PlanKind;
  summary: string;
  startedAt: string;
  restoresAt: string;
  graceSeconds: number;
}

/** How an interrupted apply ended, found on reconnecting. */
export type SettledOutcome = 'confirmed' | 'undone' | 'restored' | 'unknown';

/** What Uplink has to say about the site's changes: how an interrupted apply ended, mostly. */
export interface ApplyNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
  outcome?: SettledOutcome;
  /** ISO time. */
  at: string;
}

export interface ApplyResult {
  /** `unchanged`: the router already was as asked, nothing was sent. */
  outcome: 'applied' | 'unchanged';
  summary: string;
  /** ISO time the change was confirmed. */
  at: string;
  /** The link carrying traffic afterwards, checked against what the plan said. */
  link?: LinkOutcome;
  /** Made in Safe Mode: held by its net until Safe Mode is turned off, not confirmed on its own. */
  held?: boolean;
}

/** The plan's stated outcome against the router's, read after the apply. */
export interface LinkOutcome {
  /** e.g. "ISP2 (ether2)", or "none" when no default route is active. */
  active: string;
  expected: string;
  holds: boolean;
}

/** What the last apply did, as the tab and the log state it: "Applied at 16:03:12 — active link ISP2 (ether2) — confirmed". */
export interface ApplyReport extends ApplyResult {
  origin: ApplyOrigin;
}

/** Safe Mode as Winbox has it: every change since `since` stays under one safety net until it is turned off. */
export interface SafeModeState {
  since: string;
  graceSeconds: number;
  /** How many changes the net would undo. */
  changes: number;
  /** While the session is lost: when the router puts the changes back unless Uplink is back first (ISO). */
  restoresAt?: string;
}

/** The last change Uplink made to a site's routes, which Ctrl+Z takes back. */
export interface LastChange {
  summary: string;
  /** ISO time it was made. */
  at: string;
  /** Why it cannot be undone, where it cannot. */
  reason?: string;
}

/** An undo before it is sent: a line per command, as the plan dialog shows any change. */
export interface UndoPlanView {
  summary: string;
  steps: PlanStep[];
  /** Why it is a confirmed apply (a Routes tab change): a default route, the route carrying the session. */
  reasons?: string[];
}

/** A site's changes in flight, as main pushes them whenever one moves on. */
export interface ApplyState {
  siteId: string;
  applying?: ApplyProgress;
  interrupted?: InterruptedApply;
  notice?: ApplyNotice;
  /** The last change applied, while it is news. */
  report?: ApplyReport;
  safeMode?: SafeModeState;
  /** What Ctrl+Z would undo, while there is something. */
  lastChange?: LastChange;
}

export interface ApplySettings {
  /** How long the router waits before undoing a change Uplink could not confirm. */
  graceSeconds: number;
}

export const graceSecondsSchema = z
  .number({ message: 'Enter a number of seconds' })
  .int('Enter whole seconds')
  .min(5, 'Give the router at least 5 seconds')
  .max(3600, 'Keep it under an hour: the router undoes the change only after this long');

export const applyRequests = {
  'apply.list': request(z.undefined()).returns<ApplyState[]>(),
  'apply.get': request(z.object({ siteId })).returns<ApplyState>(),
  'apply.dismissNotice': request(z.object({ siteId })).returns<void>(),
  /** Safe Mode on (a net on the router for every change from now on) or off (the changes stay). */
  'apply.setSafeMode': request(z.object({ siteId, on: z.boolean() })).returns<ApplyState>(),
  'apply.settings': request(z.undefined()).returns<ApplySettings>(),
  'apply.setSettings': request(z.object({ graceSeconds: graceSecondsSchema })).returns<ApplySettings>(),
  /** The undo of the site's last change, planned; refused (with why) when there is none or it cannot be undone. */
  'apply.undoPlan': request(z.object({ siteId })).returns<UndoPlanView>(),
  /**
   * Undoes the last change as a confirmed apply. `commands` are the plan's as shown: if another
   * change came in between, nothing is sent and the technician sees the new plan.
   */
  'apply.undo': request(z.object({ siteId, commands: z.array(z.string()) })).returns<ApplyResult>(),
};

export const applyEvents = {
  'apply.state': event<ApplyState>(),
  'apply.settingsChanged': event<ApplySettings>(),
};
