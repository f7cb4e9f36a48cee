import { type ApplyPlan, failedChecks, routesMatch } from '../../shared/apply/plan';
import { rollbackEntry } from '../../shared/apply/rollback';
import { failedCheckText } from '../../shared/apply/undo';
import type {
  ApplyNotice,
  ApplyResult,
  ApplyStep,
  InterruptedApply,
  LinkOutcome,
} from '../../shared/ipc/channels/apply';
import { UplinkError } from '../../shared/ipc/errors';
import { type AddCommand, type RouterCommand, toCli } from '../../shared/routeros/command';
import type { Route } from '../../shared/routes/route';
import { trapField } from '../../shared/routes/route-attrs';
import { type RouterClient, RouterError } from '../routeros/router-client';
import type { PendingApplies, PendingApply } from './pending-applies';
import { checkedRoutes, removeSafetyNet, safetyNetId, safetyNetOwner } from './safety-net';

export interface ApplyContext {
  client: RouterClient;
  siteId: string;
  graceSeconds: number;
  pending: PendingApplies;
  onStep(step: ApplyStep): void;
  /** The plan's stated outcome checked against the router; read while the safety net comes off. */
  outcome?(client: RouterClient): Promise<LinkOutcome>;
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
    kind: record.plan.kind,
    summary: record.plan.summary,
    startedAt: record.startedAt,
    restoresAt: new Date(Date.parse(record.startedAt) + record.graceSeconds * 1000).toISOString(),
    graceSeconds: record.graceSeconds,
  };
}

/**
 * Undoes a plan from Uplink, as the safety net would on the router: the net comes off first (so
 * the router does not undo it a second time), then each step on its own, so one that fails does
 * not stop the rest. Resolves with the steps the router refused, as RouterOS commands. A lost
 * session is not a refusal: it is thrown, and the net (if it was still on) decides.
 */
export async function undo(client: RouterClient, plan: ApplyPlan): Promise<string[]> {
  await removeSafetyNet(client);
  return undoSteps(client, plan.inverse);
}

/** Each undo step on its own, so one the router refuses does not stop the rest; a lost session is thrown. */
export async function undoSteps(client: RouterClient, inverse: readonly RouterCommand[]): Promise<string[]> {
  const refused: string[] = [];
  for (const command of inverse) {
    try {
      await client.runCommands([command]);
    } catch (error) {
      if (isSessionLoss(error)) throw error;
      refused.push(`${toCli(command)} (${(error as Error).message})`);
    }
  }
  return refused;
}

/**
 * The routes read back after a change, unless they are as the plan said: then the router took
 * every step, yet not as asked (or someone changed the routes meanwhile), and what differs is said.
 */
export function notTaken(plan: ApplyPlan, routes: Route[]): UplinkError | undefined {
  const failed = failedChecks(routes, plan.expected);
  if (failed.length === 0) return undefined;
  return new UplinkError({
    code: 'invalid',
    message: `The router did not take “${plan.summary}” as asked: ${failed.map(failedCheckText).join('; ')}. Uplink put the previous settings back.`,
  });
}

/** The router refused a step of a change: its own words, pinned to the route field they name. */
export function refusedChange(plan: ApplyPlan, error: unknown): UplinkError {
  const trap = error instanceof RouterError && error.code === 'trap' ? error.message : undefined;
  const field = trap === undefined ? undefined : trapField(trap);
  return new UplinkError({
    code: error instanceof UplinkError ? error.code : 'internal',
    message: `The router refused “${plan.summary}”${trap ? `: ${trap}` : ''}. Uplink put the previous settings back.`,
    ...(field && { field }),
  });
}

const refusedText = (refused: string[]) =>
  refused.length === 0
    ? ''
    : ` The router refused ${refused.length === 1 ? 'one step' : `${refused.length} steps`} of the undo: ${refused.join('; ')}.`;

/** A failure with the undo steps the router refused, as RouterOS commands. */
export const withRefusedUndo = (failure: UplinkError, refused: string[]): UplinkError =>
  refused.length === 0
    ? failure
    : new UplinkError({
        code: failure.code,
        message: failure.message + refusedText(refused),
        ...(failure.field && { field: failure.field }),
      });

/** The router refused the safety net itself, and so nothing after it: nothing changed. */
class NetRefused extends Error {
  constructor(
    readonly refusal: unknown,
    /** Refused because another net is on the router: an earlier change still waiting. */
    readonly another: boolean,
  ) {
    super('the safety net was refused');
  }
}

/**
 * The net and the change in one go (one console line over the CLI, one round trip less over a
 * relay): the router stops at the first refusal, so the change never runs without its net. Which
 * command was refused is told by whether the net on the router now is the one just sent.
 */
async function sendWithNet(client: RouterClient, net: AddCommand, forward: readonly RouterCommand[]) {
  try {
    await client.runCommands([net, ...forward]);
  } catch (error) {
    if (isSessionLoss(error)) throw error;
    const owner = await safetyNetOwner(client, net);
    throw owner === 'ours' ? error : new NetRefused(error, owner === 'another');
  }
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
  const { client, siteId, graceSeconds, pending, onStep } = context;
  if (plan.forward.length === 0)
    return { outcome: 'unchanged', summary: plan.summary, at: new Date().toISOString() };
  onStep('safety-net');
  const waiting = new UplinkError({
    code: 'invalid',
    message:
      'An earlier change to this router is still waiting to be confirmed: its safety net (the scheduler entry uplink-rollback) will undo it when its grace period ends. Try again after that.',
  });
  // Only a record left on disk sends Uplink to look first; otherwise the net's add is the check, as
  // RouterOS refuses a second scheduler entry of the same name: a round trip fewer over a relay.
  if ((await pending.load(siteId)) && (await safetyNetId(client)) !== undefined) throw waiting;
  const record: PendingApply = { siteId, plan, startedAt: new Date().toISOString(), graceSeconds };
  await pending.save(record);
  const net = rollbackEntry(plan.inverse, graceSeconds);

  let failure: UplinkError | undefined;
  let netId: string | undefined;
  let link: LinkOutcome | undefined;
  try {
    onStep('change');
    await sendWithNet(client, net, plan.forward);
    onStep('check');
    // The net's id is read beside the check, so confirming it costs one round trip more, not two.
    const [routes, id] = await Promise.all([checkedRoutes(client, plan), safetyNetId(client)]);
    netId = id;
    failure = notTaken(plan, routes);
  } catch (error) {
    if (isSessionLoss(error)) throw new ApplyInterrupted(interruptedOf(record));
    if (error instanceof NetRefused) {
      await pending.remove(siteId);
      throw error.another ? waiting : error.refusal;
    }
    failure = refusedChange(plan, error);
  }

  try {
    if (failure) {
      onStep('undo');
      const refused = await undo(client, plan);
      if (refused.length > 0) failure = withRefusedUndo(failure, refused);
    } else {
      onStep('confirm');
      const [confirmed, read] = await Promise.all([
        netId !== undefined && removeSafetyNet(client, netId),
        context.outcome?.(client).catch(() => undefined),
      ]);
      link = read;
      if (!confirmed) {
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
  return { outcome: 'applied', summary: plan.summary, at: new Date().toISOString(), ...(link && { link }) };
}

/**
 * Settles an apply found pending when the session is back: with the safety net still on, keep the
 * change if it took (the router answers, which is all the confirmation waited for) or undo it if it
 * did not; with the net gone, tell what the router did. What Uplink did, and what it could not, is
 * in the notice; the record goes either way, so no stale restore time is shown after this.
 */
export async function settleInterrupted(
  client: RouterClient,
  record: PendingApply,
  pending: PendingApplies,
): Promise<Omit<ApplyNotice, 'at'>> {
  const { plan } = record;
  const lost = `Uplink lost the connection to the router during “${plan.summary}”.`;
  const [netId, routes] = await Promise.all([safetyNetId(client), checkedRoutes(client, plan)]);
  const netOn = netId !== undefined;
  let notice: Omit<ApplyNotice, 'at'>;
  if (netOn && routesMatch(routes, plan.expected)) {
    await removeSafetyNet(client, netId);
    notice = {
      level: 'info',
      outcome: 'confirmed',
      message: `${lost} It reached the router again before the grace period ended: the change is in place and confirmed.`,
    };
  } else if (netOn) {
    const refused = await undo(client, plan);
    const back = routesMatch(await checkedRoutes(client, plan), plan.previous);
    notice = {
      level: refused.length === 0 && back ? 'warning' : 'error',
      outcome: 'undone',
      message: `${lost} The change was only partly made, so on reconnecting Uplink put the previous settings back${back ? '' : ' as far as the router let it: check the routes'}.${refusedText(refused)}`,
    };
  } else if (routesMatch(routes, plan.previous)) {
    notice = {
      level: 'warning',
      outcome: 'restored',
      // The net and the change go in one command: a session lost on it may have lost it before
      // the router saw it, and a router that put things back leaves the same routes.
      message: `${lost} The routes are as they were before it: the router put them back by itself when the ${record.graceSeconds}-second grace period ended, or the change never reached it.`,
    };
  } else if (routesMatch(routes, plan.expected)) {
    notice = {
      level: 'info',
      outcome: 'confirmed',
      message: `${lost} The change is in place, and its safety net is gone from the router.`,
    };
  } else {
    notice = {
      level: 'error',
      outcome: 'unknown',
      message: `${lost} Its safety net is gone from the router, and the routes are now neither as before nor as asked: check them.`,
    };
  }
  await pending.remove(record.siteId);
  return notice;
}
