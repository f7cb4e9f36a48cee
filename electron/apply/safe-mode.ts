import type { ApplyPlan } from '../../shared/apply/plan';
import { routerClockOffset, safeModeName, safeModeNet, safeModeUpdate } from '../../shared/apply/safe-mode';
import type { ApplyResult, ApplyStep, LinkOutcome } from '../../shared/ipc/channels/apply';
import { UplinkError } from '../../shared/ipc/errors';
import type { RouterCommand } from '../../shared/routeros/command';
import { type RouterClient, RouterError } from '../routeros/router-client';
import { isSessionLoss, notTaken, refusedChange, undoSteps, withRefusedUndo } from './confirmed-apply';
import { checkedRoutes, safetyNetId } from './safety-net';

/** Safe Mode on a site, kept on disk so a restarted Uplink knows what the router may put back. */
export interface SafeModeRecord {
  siteId: string;
  /** ISO time Safe Mode was turned on. */
  since: string;
  graceSeconds: number;
  /** The undo of every change made since, the latest first: the net's script on the router. */
  inverse: RouterCommand[];
  changes: number;
  /** ISO time Uplink last pushed the net forward: the router runs it about one grace period later. */
  pushedAt: string;
}

/** The net on the router: its `.id`, and the router's clock against this machine's, to push it forward. */
export interface SafeNet {
  id: string;
  clockOffsetMs: number;
}

/** The router ran the net: its grace ran out before Uplink pushed it forward, and what it held is back. */
export class NetRan extends UplinkError {
  constructor(changes: number) {
    super({
      code: 'invalid',
      message: `The router put back the ${changes === 1 ? 'change' : `${changes} changes`} made in Safe Mode: Uplink could not reach it within the grace period, so Safe Mode is off.`,
    });
    this.name = 'NetRan';
  }
}

const readClock = async (client: RouterClient) => {
  const [row] = await client.print('/system/clock', { proplist: ['date', 'time'] });
  return routerClockOffset(row ?? {}, Date.now());
};

const noSuchItem = (error: unknown) =>
  error instanceof RouterError && error.code === 'trap' && /no such item/.test(error.message);

/** Turns Safe Mode on at the router: the net, with nothing to undo yet. */
export async function putNet(client: RouterClient, graceSeconds: number): Promise<SafeNet> {
  const clockOffsetMs = await readClock(client);
  try {
    await client.runCommands([safeModeNet(graceSeconds)]);
  } catch (error) {
    if (!isSessionLoss(error) && (await safetyNetId(client, safeModeName)) !== undefined) {
      throw new UplinkError({
        code: 'invalid',
        message:
          'Safe Mode is already on at this router from another session: its safety net (the scheduler entry uplink-safe-mode) is there. It ends when that session turns Safe Mode off, or when its grace period runs out.',
      });
    }
    throw error;
  }
  const id = await safetyNetId(client, safeModeName);
  if (id === undefined) throw new NetRan(0);
  return { id, clockOffsetMs };
}

/** The net again after a new session: undefined when the router has run it meanwhile. */
export async function findNet(client: RouterClient): Promise<SafeNet | undefined> {
  const [id, clockOffsetMs] = await Promise.all([safetyNetId(client, safeModeName), readClock(client)]);
  return id === undefined ? undefined : { id, clockOffsetMs };
}

/** Sets the net, pushed forward (and with `inverse`, its new undo); NetRan when it is no longer there. */
export async function updateNet(
  client: RouterClient,
  net: SafeNet,
  record: SafeModeRecord,
  inverse?: RouterCommand[],
): Promise<void> {
  try {
    await client.runCommands([
      safeModeUpdate(net.id, Date.now() + net.clockOffsetMs, record.graceSeconds, inverse),
    ]);
  } catch (error) {
    if (noSuchItem(error)) throw new NetRan(record.changes);
    throw error;
  }
}

export interface SafeChangeContext {
  client: RouterClient;
  net: SafeNet;
  record: SafeModeRecord;
  /** Keeps the record (on disk) whenever the net's undo changes. */
  save(record: SafeModeRecord): Promise<void>;
  onStep(step: ApplyStep): void;
  outcome?(client: RouterClient): Promise<LinkOutcome>;
}

/**
 * A change in Safe Mode: the net takes its undo first (so a session lost from then on leaves the
 * change to the router's net), then the change goes, and it stays: no confirmation waits for it.
 * A refused change, or one that did not take, is undone at once and its undo taken off the net.
 * Resolves with the result and the record as it now is.
 */
export async function applyInSafeMode(
  context: SafeChangeContext,
  plan: ApplyPlan,
): Promise<{ result: ApplyResult; record: SafeModeRecord }> {
  const { client, net, onStep } = context;
  const before = context.record;
  if (plan.forward.length === 0)
    return {
      result: { outcome: 'unchanged', summary: plan.summary, at: new Date().toISOString() },
      record: before,
    };
  const record = { ...before, inverse: [...plan.inverse, ...before.inverse], changes: before.changes + 1 };
  onStep('safety-net');
  await context.save(record);
  try {
    await updateNet(client, net, before, record.inverse);
  } catch (error) {
    if (!isSessionLoss(error)) await context.save(before);
    throw error;
  }

  let failure: UplinkError | undefined;
  try {
    onStep('change');
    await client.runCommands(plan.forward);
  } catch (error) {
    if (isSessionLoss(error)) throw error;
    failure = refusedChange(plan, error);
  }
  onStep('check');
  if (!failure) failure = notTaken(plan, await checkedRoutes(client, plan));
  if (failure) {
    onStep('undo');
    const refused = await undoSteps(client, plan.inverse);
    await updateNet(client, net, before, before.inverse);
    await context.save(before);
    throw withRefusedUndo(failure, refused);
  }
  const link = await context.outcome?.(client).catch(() => undefined);
  return {
    result: {
      outcome: 'applied',
      held: true,
      summary: plan.summary,
      at: new Date().toISOString(),
      ...(link && { link }),
    },
    record,
  };
}
