import { type ApplyPlan, routesMatch } from '../../shared/failover/plan';
import { rollbackEntry } from '../../shared/failover/rollback';
import type {
  ApplyResult,
  ApplyStep,
  FailoverNotice,
  InterruptedApply,
} from '../../shared/ipc/channels/failover';
import { UplinkError } from '../../shared/ipc/errors';
import type { Route } from '../../shared/routes/route';
import { type RouterClient, RouterError } from '../routeros/router-client';
import type { PendingApplies, PendingApply } from './pending-applies';
import { readFailoverRoutes, removeSafetyNet, safetyNetId } from './router-reads';
import { runCommand } from './run-command';

export interface ApplyContext {
  client: RouterClient;
  siteId: string;
  graceSeconds: number;
  pending: PendingApplies;
  onStep(step: ApplyStep): void;
  /** The routes the plan's checks look at; failover's own by default. */
  readRoutes?(client: RouterClient): Promise<Route[]>;
}

/** The session died in the middle of an apply: the router's safety net now decides, unless Uplink gets back first. */
export class ApplyInterrupted extends UplinkError {
  constructor(readonly interrupted: InterruptedApply) {
    super({
      code: 'closed',
      message: `The connection to the router was lost during “${interrupted.summary}”. Unless Uplink reaches the router again first, the router puts the previous settings back by itself within ${interrupted.graceSeconds} seconds.`,
    });
    this.name = 'ApplyInterrupted';
  }
}

/** Errors that say nothing about the change, only that the router can no longer be asked. */
export function isSessionLoss(error: unknown): boolean {
  return error instanceof UplinkError && ['closed', 'timeout', 'fatal', 'unreachable'].includes(error.code);
}

export function interruptedOf(record: PendingApply): InterruptedApply {
  return {
    summary: record.plan.summary,
    startedAt: record.startedAt,
    restoresAt: new Date(Date.parse(record.startedAt) + record.graceSeconds * 1000).toISOString(),
    graceSeconds: record.graceSeconds,
  };
}

async function undo(client: RouterClient, plan: ApplyPlan): Promise<void> {
  // Every inverse command is idempotent, so undoing steps that never ran is harmless.
  for (const command of plan.inverse) await runCommand(client, command);
  await removeSafetyNet(client);
}

/**
 * DESIGN.md's confirmed apply. The record goes to disk, then the safety net onto the router (a
 * scheduler entry that undoes the change after the grace period), then the change; then a fresh
 * read proves the router still answers and the change took, and the safety net comes off.
 *
 * - the safety net cannot be added: nothing was changed; the error is the router's.
 * - the router refuses a step, or the change did not take: Uplink undoes it at once, takes the
 *   safety net off, and says so.
 * - the session is lost after the safety net went on: `ApplyInterrupted`; the record stays, and the
 *   router undoes the change by itself when the grace period ends unless Uplink reconnects first
 *   (see `settleInterrupted`).
 * - the safety net is already gone at the end (the grace period was too short for this link): the
 *   router has undone the change, and Uplink says so.
 */
export async function confirmedApply(context: ApplyContext, plan: ApplyPlan): Promise<ApplyResult> {
  const { client, siteId, graceSeconds, pending, onStep, readRoutes = readFailoverRoutes } = context;
  if (plan.forward.length === 0) return { outcome: 'unchanged', summary: plan.summary };
  onStep('safety-net');
  if ((await safetyNetId(client)) !== undefined) {
    throw new UplinkError({
      code: 'invalid',
      message:
        'An earlier change to this router is still waiting to be confirmed: its safety net (the scheduler entry uplink-rollback) will undo it when its grace period ends. Try again after that.',
    });
  }
  const record: PendingApply = { siteId, plan, startedAt: new Date().toISOString(), graceSeconds };
  await pending.save(record);
  try {
    await runCommand(client, rollbackEntry(plan.inverse, graceSeconds));
  } catch (error) {
    await pending.remove(siteId);
    throw error;
  }

  let failure: UplinkError | undefined;
  try {
    onStep('change');
    for (const command of plan.forward) await runCommand(client, command);
    onStep('check');
    if (!routesMatch(await readRoutes(client), plan.expected)) {
      failure = new UplinkError({
        code: 'invalid',
        message: `The router did not take “${plan.summary}” as asked, so Uplink put the previous settings back.`,
      });
    }
  } catch (error) {
    if (isSessionLoss(error)) throw new ApplyInterrupted(interruptedOf(record));
    const refusal = error instanceof RouterError && error.code === 'trap' ? `: ${error.message}` : '';
    failure = new UplinkError({
      code: error instanceof UplinkError ? error.code : 'internal',
      message: `The router refused “${plan.summary}”${refusal}. Uplink put the previous settings back.`,
    });
  }

  try {
    if (failure) {
      onStep('undo');
      await undo(client, plan);
    } else {
      onStep('confirm');
      if (!(await removeSafetyNet(client))) {
        failure = new UplinkError({
          code: 'timeout',
          message: `The router undid “${plan.summary}” by itself: Uplink could not confirm it within the ${graceSeconds}-second grace period. Try again, with a longer grace period on a slow link.`,
        });
      }
    }
  } catch (error) {
    if (isSessionLoss(error)) throw new ApplyInterrupted(interruptedOf(record));
    throw error;
  }
  await pending.remove(siteId);
  if (failure) throw failure;
  return { outcome: 'applied', summary: plan.summary };
}

/**
 * Settles an apply found pending when the session is back: with the safety net still on, keep the
 * change if it took (the router answers, which is all the confirmation waited for) or undo it if it
 * did not; with the net gone, tell what the router did.
 */
export async function settleInterrupted(
  client: RouterClient,
  record: PendingApply,
  pending: PendingApplies,
  /** The routes the plan's checks look at, as for `confirmedApply`. */
  readRoutes: (client: RouterClient) => Promise<Route[]> = readFailoverRoutes,
): Promise<Omit<FailoverNotice, 'at'>> {
  const { plan } = record;
  const routes = await readRoutes(client);
  const lost = `Uplink lost the connection to the router during “${plan.summary}”.`;
  let notice: Omit<FailoverNotice, 'at'>;
  if ((await safetyNetId(client)) !== undefined) {
    if (routesMatch(routes, plan.expected)) {
      await removeSafetyNet(client);
      notice = {
        level: 'info',
        message: `${lost} It reached the router again before the grace period ended: the change is in place and confirmed.`,
      };
    } else {
      await undo(client, plan);
      notice = {
        level: 'warning',
        message: `${lost} The change was only partly made, so on reconnecting Uplink put the previous settings back.`,
      };
    }
  } else if (routesMatch(routes, plan.previous)) {
    notice = {
      level: 'warning',
      message: `${lost} The router put the previous settings back by itself when the ${record.graceSeconds}-second grace period ended.`,
    };
  } else if (routesMatch(routes, plan.expected)) {
    notice = {
      level: 'info',
      message: `${lost} The change is in place, and its safety net is gone from the router.`,
    };
  } else {
    notice = {
      level: 'error',
      message: `${lost} The routes are now neither as before nor as asked: check the WAN priority and the routes below.`,
    };
  }
  await pending.remove(record.siteId);
  return notice;
}
