import { join } from 'node:path';
import type { ApplyPlan } from '../../shared/apply/plan';
import { defaultGraceSeconds } from '../../shared/apply/rollback';
import {
  type ChangeRecord,
  isUndoable,
  planChange,
  type UndoableChange,
  undoPlan,
  undoSteps,
} from '../../shared/apply/undo';
import type {
  ApplyNotice,
  ApplyOrigin,
  ApplyReport,
  ApplyResult,
  ApplySettings,
  ApplyState,
  LinkOutcome,
} from '../../shared/ipc/channels/apply';
import { UplinkError } from '../../shared/ipc/errors';
import type { RouterCommand } from '../../shared/routeros/command';
import { type RouteFamily, routeMenuOf } from '../../shared/routes/route-family';
import { commandsChange, sessionReasons } from '../../shared/routes/session-route';
import { graceWithinGrant } from '../../shared/sessions/grant-timing';
import type { Logger } from '../app/logger';
import type { ServiceParts } from '../app/service-parts';
import type { EventHub } from '../ipc/event-hub';
import type { RouterClient } from '../routeros/router-client';
import { readSessionRoutes } from '../routes/session-routes';
import type { SessionManager } from '../sessions/session-manager';
import { JsonFile } from '../sites/json-file';
import {
  ApplyInterrupted,
  confirmedApply,
  interruptedOf,
  isSessionLoss,
  settleInterrupted,
} from './confirmed-apply';
import { PendingApplies, SiteRecords } from './pending-applies';
import {
  applyInSafeMode,
  findNet,
  NetRan,
  putNet,
  type SafeModeRecord,
  type SafeNet,
  updateNet,
} from './safe-mode';
import { removeSafetyNet } from './safety-net';
import { type KeptChange, UndoHistory } from './undo-history';

/** What the apply service needs of the session layer. */
export type ApplySessions = Pick<SessionManager, 'client' | 'state' | 'onStateChange' | 'isReadOnly'>;

export interface ApplyServiceOptions {
  sessions: ApplySessions;
  events: Pick<EventHub, 'emit'>;
  /** Where the grace period setting and the records of unfinished applies are kept. */
  profileDir: string;
  logger?: Logger;
}

export type ApplyChannel =
  | 'apply.list'
  | 'apply.get'
  | 'apply.dismissNotice'
  | 'apply.setSafeMode'
  | 'apply.settings'
  | 'apply.setSettings'
  | 'apply.undoPlan'
  | 'apply.undo';

/** A change for the apply service: made against the router as read once the site's turn has come. */
export interface ApplyRequest {
  siteId: string;
  origin: ApplyOrigin;
  /** What the change is made of, read from the router inside the site's turn. */
  plan(client: RouterClient): Promise<ApplyPlan> | ApplyPlan;
  /** The plan's stated outcome checked against the router once the change is confirmed. */
  outcome?(client: RouterClient): Promise<LinkOutcome>;
  /** What Ctrl+Z takes back once it is applied, in the words it was made in: the plan's own inverse if not given. */
  undo?: ChangeRecord;
}

/** How long after a lost apply Uplink looks again while the session still claims to be up. */
const settleRetryMs = 1000;

/** How often Safe Mode's net is pushed forward: a few times per grace period, so one slow push costs nothing. */
const pushEveryMs = (graceSeconds: number) => Math.min(15_000, Math.max(1000, (graceSeconds * 1000) / 4));

/** A site in Safe Mode: its record, and while the session lives, the net found and the pushes. */
interface SafeMode {
  record: SafeModeRecord;
  net?: SafeNet;
  timer?: NodeJS.Timeout;
}

export interface ApplyService extends ServiceParts<ApplyChannel> {
  /**
   * Makes a change as a confirmed apply, one per site at a time across every concern: a second
   * caller is refused at once, before anything is read or sent.
   */
  apply(request: ApplyRequest): Promise<ApplyResult>;
  /** True while a change to the site is being applied or an interrupted one is being settled. */
  busy(siteId: string): boolean;
  /** True while the site is in Safe Mode: every change goes under its net, whatever it touches. */
  inSafeMode(siteId: string): boolean;
  settings(): Promise<ApplySettings>;
  /** A change made to a site's routes outside a confirmed apply (the Routes tab's), kept for Ctrl+Z. */
  record(siteId: string, change: ChangeRecord): void;
}

/** Changes kept per site for Ctrl+Z: a session's worth of edits, not a history of the router. */
const keptChanges = 20;

/**
 * DESIGN.md's confirmed apply as one concern of main: the grace period, the per-site apply lock,
 * the records of applies a session died in (settled, and worded, when the site is back), and each
 * site's progress pushed to the renderers. Failover, the routes tab and drafts all come here.
 */
export function createApplyService(options: ApplyServiceOptions): ApplyService {
  const { sessions, events, logger } = options;
  const pending = new PendingApplies(join(options.profileDir, 'apply', 'pending'));
  const settingsFile = new JsonFile<ApplySettings>(join(options.profileDir, 'apply', 'settings.json'));
  let settings: Promise<ApplySettings> = settingsFile.read().then(
    (stored) => ({ graceSeconds: stored?.graceSeconds ?? defaultGraceSeconds }),
    () => ({ graceSeconds: defaultGraceSeconds }),
  );
  const states = new Map<string, ApplyState>();
  /** Sites with a change in flight: taken before the first await, so two callers never both pass. */
  const locks = new Map<string, string>();
  const retries = new Set<NodeJS.Timeout>();
  const online = (siteId: string) => sessions.state(siteId)?.status === 'online';
  /** Per site, the changes Ctrl+Z takes back, last made last, kept in the profile. */
  const changes = new UndoHistory(join(options.profileDir, 'apply', 'undo'), keptChanges);

  const stateOf = (siteId: string): ApplyState => {
    let known = states.get(siteId);
    if (!known) {
      known = { siteId };
      states.set(siteId, known);
      if (!online(siteId)) {
        void showPending(siteId);
        void loadSafeMode(siteId);
      }
      // After a restart: what Ctrl+Z would take back, from the profile.
      void changes.last(siteId).then((last) => last && showLast(siteId));
    }
    return known;
  };
  const update = (siteId: string, change: (state: ApplyState) => ApplyState) => {
    const next = change(stateOf(siteId));
    states.set(siteId, next);
    events.emit('apply.state', next);
  };
  const without = (
    state: ApplyState,
    key: 'applying' | 'interrupted' | 'notice' | 'report' | 'lastChange' | 'safeMode',
  ): ApplyState => {
    const rest = { ...state };
    delete rest[key];
    return rest;
  };

  const lock = (siteId: string, summary: string) => {
    const holder = locks.get(siteId);
    if (holder !== undefined) {
      throw new UplinkError({
        code: 'invalid',
        message: `Another change is being applied to this site (“${holder}”). Try again when it is done.`,
      });
    }
    locks.set(siteId, summary);
    return () => locks.delete(siteId);
  };

  /** Offline, an unfinished apply is shown with the time the router undoes it; it is settled on connect. */
  const showPending = async (siteId: string) => {
    const record = await pending.load(siteId);
    if (record && !online(siteId) && !stateOf(siteId).interrupted) {
      update(siteId, (state) => ({ ...state, interrupted: interruptedOf(record) }));
    }
  };

  const settle = async (siteId: string) => {
    const record = await pending.load(siteId);
    if (!record || locks.has(siteId)) return;
    const unlock = lock(siteId, `settling “${record.plan.summary}”`);
    try {
      try {
        const notice = await settleInterrupted(sessions.client(siteId), record, pending);
        update(siteId, (state) => ({
          ...without(state, 'interrupted'),
          notice: { ...notice, at: new Date().toISOString() },
        }));
        events.emit('sessions.notice', { siteId, level: notice.level, message: notice.message });
      } catch (error) {
        update(siteId, (state) => ({ ...state, interrupted: interruptedOf(record) }));
        if (!isSessionLoss(error)) logger?.error('apply: settling an interrupted apply failed', error);
      }
    } finally {
      unlock();
    }
  };

  const safeModes = new Map<string, SafeMode>();
  const safeRecords = new SiteRecords<SafeModeRecord>(join(options.profileDir, 'apply', 'safe-mode'));

  const showSafeMode = (siteId: string) => {
    const safe = safeModes.get(siteId);
    update(siteId, (state) => {
      if (!safe) return without(state, 'safeMode');
      const { since, graceSeconds, changes } = safe.record;
      const lost = !online(siteId) || safe.net === undefined;
      const restoresAt = new Date(Date.parse(safe.record.pushedAt) + graceSeconds * 1000).toISOString();
      return { ...state, safeMode: { since, graceSeconds, changes, ...(lost && { restoresAt }) } };
    });
  };

  const stopPushing = (safe: SafeMode) => {
    clearInterval(safe.timer);
    delete safe.timer;
    delete safe.net;
  };

  /** Safe Mode is over: the net came off (`kept`), or the router ran it; the record goes either way. */
  const endSafeMode = async (siteId: string, notice?: Omit<ApplyNotice, 'at'>) => {
    const safe = safeModes.get(siteId);
    if (safe) stopPushing(safe);
    safeModes.delete(siteId);
    await safeRecords.remove(siteId);
    update(siteId, (state) => {
      const next = without(state, 'safeMode');
      return notice ? { ...next, notice: { ...notice, at: new Date().toISOString() } } : next;
    });
    if (notice) events.emit('sessions.notice', { siteId, level: notice.level, message: notice.message });
  };

  const ran = (siteId: string, error: NetRan) =>
    endSafeMode(siteId, { level: 'warning', message: error.message });

  /** Pushes the net forward while the session lives; the first push is at once. */
  const startPushing = (siteId: string, safe: SafeMode, net: SafeNet) => {
    stopPushing(safe);
    safe.net = net;
    const push = async () => {
      if (safe.net !== net || !online(siteId)) return;
      try {
        await updateNet(sessions.client(siteId), net, safe.record);
        // On disk too: a restarted Uplink, still offline, says when the router puts the changes back.
        safe.record = { ...safe.record, pushedAt: new Date().toISOString() };
        await safeRecords.save(safe.record);
      } catch (error) {
        // A push refused after Safe Mode was turned off (the net removed) is not the router's doing.
        if (error instanceof NetRan) {
          if (safe.net === net) await ran(siteId, error);
        } else if (!isSessionLoss(error))
          logger?.error('apply: Safe Mode’s net could not be pushed forward', error);
      }
    };
    safe.timer = setInterval(() => void push(), pushEveryMs(safe.record.graceSeconds));
    return push();
  };

  /** Safe Mode as Uplink left it on disk (a restart), or as it is in memory. */
  const loadSafeMode = async (siteId: string): Promise<SafeMode | undefined> => {
    const known = safeModes.get(siteId);
    if (known) return known;
    const record = await safeRecords.load(siteId);
    if (!record || safeModes.has(siteId)) return safeModes.get(siteId);
    const safe: SafeMode = { record };
    safeModes.set(siteId, safe);
    showSafeMode(siteId);
    return safe;
  };

  /** A site back online (or seen first) with Safe Mode on: the net is found again, or the router ran it. */
  const resumeSafeMode = async (siteId: string) => {
    const safe = await loadSafeMode(siteId);
    if (!safe) return;
    try {
      const net = await findNet(sessions.client(siteId));
      if (!net) return await ran(siteId, new NetRan(safe.record.changes));
      await startPushing(siteId, safe, net);
      showSafeMode(siteId);
    } catch (error) {
      if (!isSessionLoss(error)) logger?.error('apply: Safe Mode could not be resumed', error);
    }
  };

  const stopListening = sessions.onStateChange((state) => {
    if (state.status === 'online') {
      void settle(state.siteId);
      void resumeSafeMode(state.siteId);
    } else {
      void showPending(state.siteId);
      const safe = safeModes.get(state.siteId);
      if (safe) {
        stopPushing(safe);
        showSafeMode(state.siteId);
      }
    }
  });

  const showLast = async (siteId: string) => {
    const last = await changes.last(siteId);
    update(siteId, (state) =>
      last
        ? {
            ...state,
            lastChange: {
              summary: last.summary,
              at: last.at,
              ...(!isUndoable(last) && { reason: last.reason }),
            },
          }
        : without(state, 'lastChange'),
    );
  };

  const record = (siteId: string, change: ChangeRecord) => {
    changes
      .push(siteId, change)
      .then(() => showLast(siteId))
      .catch((error: unknown) => logger?.warn(`site ${siteId}: a change was not kept for undo`, error));
  };

  /** The change Ctrl+Z takes back, or why there is none to take back. */
  /**
   * Where an undo touches the route carrying the session, or leaves another route winning its
   * address, its plan says so, as the Routes tab's own changes do (in Safe Mode: nothing to say).
   */
  const sessionReasonsOf = async (siteId: string, commands: RouterCommand[]): Promise<string[]> => {
    const menu = commands.find((command) => command.menu.endsWith('/route'))?.menu;
    if (!menu || safeModes.has(siteId)) return [];
    const family: RouteFamily = menu === routeMenuOf('ipv6') ? 'ipv6' : 'ip';
    const client = sessions.client(siteId);
    const session = await readSessionRoutes(client, family, sessions.state(siteId)?.seenFrom);
    return session ? sessionReasons(session, commandsChange(session, commands)) : [];
  };

  const lastUndoable = async (siteId: string): Promise<KeptChange & UndoableChange> => {
    const last = await changes.last(siteId);
    if (!last)
      throw new UplinkError({
        code: 'not-found',
        message: 'Uplink has made no change to this site to undo.',
      });
    if (!isUndoable(last))
      throw new UplinkError({
        code: 'invalid',
        message: `“${last.summary}” cannot be undone. ${last.reason}`,
      });
    return last;
  };

  const setSafeMode = async (siteId: string, on: boolean): Promise<ApplyState> => {
    if (on === safeModes.has(siteId)) return stateOf(siteId);
    if (on && sessions.isReadOnly(siteId)) {
      throw new UplinkError({
        code: 'read-only',
        message: 'This site is open read-only: it cannot be changed.',
      });
    }
    const unlock = lock(siteId, on ? 'turning Safe Mode on' : 'turning Safe Mode off');
    try {
      const client = sessions.client(siteId);
      if (on) {
        const { graceSeconds } = await settings;
        const fit = graceWithinGrant(graceSeconds, sessions.state(siteId)?.expiresAt, Date.now());
        if (!fit.fits) throw new UplinkError({ code: 'invalid', message: fit.message });
        const net = await putNet(client, graceSeconds);
        const now = new Date().toISOString();
        const record: SafeModeRecord = {
          siteId,
          since: now,
          graceSeconds,
          inverse: [],
          changes: 0,
          pushedAt: now,
        };
        await safeRecords.save(record);
        const safe: SafeMode = { record };
        safeModes.set(siteId, safe);
        await startPushing(siteId, safe, net);
      } else {
        const safe = safeModes.get(siteId) as SafeMode;
        if (!safe.net) {
          throw new UplinkError({
            code: 'closed',
            message:
              'Safe Mode is turned off at the router, which cannot be reached now. Until it is, the router puts the changes back when the grace period ends.',
          });
        }
        const { id } = safe.net;
        stopPushing(safe);
        const removed = await removeSafetyNet(client, id);
        const { changes } = safe.record;
        await endSafeMode(
          siteId,
          removed
            ? {
                level: 'info',
                message: `Safe Mode is off: ${changes === 1 ? 'the change made in it stays' : `the ${changes} changes made in it stay`}.`,
              }
            : { level: 'warning', message: new NetRan(changes).message },
        );
      }
      showSafeMode(siteId);
      return stateOf(siteId);
    } finally {
      unlock();
    }
  };

  const apply = async (request: ApplyRequest): Promise<ApplyResult> => {
    const { siteId, origin } = request;
    if (sessions.isReadOnly(siteId)) {
      throw new UplinkError({
        code: 'read-only',
        message: 'This site is open read-only: it cannot be changed.',
      });
    }
    const unlock = lock(siteId, origin);
    try {
      const client = sessions.client(siteId);
      const { graceSeconds } = await settings;
      const fit = graceWithinGrant(graceSeconds, sessions.state(siteId)?.expiresAt, Date.now());
      if (!fit.fits) throw new UplinkError({ code: 'invalid', message: fit.message });
      const plan = await request.plan(client);
      /** An applied change is kept for Ctrl+Z; an undo is not, it takes one away. */
      const kept = (result: ApplyResult) => {
        if (result.outcome === 'applied' && origin !== 'Undo')
          record(siteId, request.undo ?? planChange(plan));
      };
      locks.set(siteId, plan.summary);
      update(siteId, (state) => ({
        ...without(without(without(state, 'notice'), 'interrupted'), 'report'),
        applying: {
          kind: plan.kind,
          origin,
          summary: plan.summary,
          step: 'safety-net',
          startedAt: new Date().toISOString(),
          graceSeconds,
        },
      }));
      try {
        const safe = safeModes.get(siteId);
        if (safe) {
          if (!safe.net) {
            throw new UplinkError({
              code: 'closed',
              message:
                'Safe Mode is waiting for the router: no change can go under its net until Uplink reaches it again.',
            });
          }
          const { result, record } = await applyInSafeMode(
            {
              client,
              net: safe.net,
              record: safe.record,
              save: async (next) => {
                safe.record = next;
                await safeRecords.save(next);
              },
              onStep: (step) =>
                update(siteId, (state) =>
                  state.applying ? { ...state, applying: { ...state.applying, step } } : state,
                ),
              ...(request.outcome && { outcome: request.outcome }),
            },
            plan,
          ).catch(async (error: unknown) => {
            if (error instanceof NetRan) await ran(siteId, error);
            throw error;
          });
          safe.record = record;
          const report: ApplyReport = { ...result, origin };
          update(siteId, (state) => ({ ...state, report }));
          kept(result);
          showSafeMode(siteId);
          return report;
        }
        const result = await confirmedApply(
          {
            client,
            siteId,
            graceSeconds,
            pending,
            onStep: (step) =>
              update(siteId, (state) =>
                state.applying ? { ...state, applying: { ...state.applying, step } } : state,
              ),
            ...(request.outcome && { outcome: request.outcome }),
          },
          plan,
        );
        const report: ApplyReport = { ...result, origin };
        update(siteId, (state) => ({ ...state, report }));
        kept(result);
        return report;
      } catch (error) {
        if (error instanceof ApplyInterrupted) {
          update(siteId, (state) => ({ ...state, interrupted: error.interrupted }));
          const retry = setTimeout(() => {
            retries.delete(retry);
            if (online(siteId)) void settle(siteId);
          }, settleRetryMs);
          retries.add(retry);
        }
        throw error;
      } finally {
        update(siteId, (state) => without(state, 'applying'));
      }
    } finally {
      unlock();
    }
  };

  return {
    apply,
    busy: (siteId) => locks.has(siteId),
    inSafeMode: (siteId) => safeModes.has(siteId),
    settings: () => settings,
    record,
    handlers: {
      'apply.list': () => [...states.values()],
      'apply.get': ({ siteId }) => stateOf(siteId),
      'apply.setSafeMode': ({ siteId, on }) => setSafeMode(siteId, on),
      'apply.dismissNotice': ({ siteId }) =>
        update(siteId, (state) => without(without(state, 'notice'), 'report')),
      'apply.settings': () => settings,
      'apply.undoPlan': async ({ siteId }) => {
        const last = await lastUndoable(siteId);
        const reasons = await sessionReasonsOf(
          siteId,
          last.undo.map(({ command }) => command),
        );
        return { summary: last.summary, steps: undoSteps(last), ...(reasons.length > 0 && { reasons }) };
      },
      'apply.undo': async ({ siteId, commands }) => {
        const last = await lastUndoable(siteId);
        const shown = undoSteps(last).map((step) => step.command);
        if (shown.length !== commands.length || shown.some((command, index) => command !== commands[index])) {
          throw new UplinkError({
            code: 'invalid',
            message:
              'Another change was made since this undo was planned, so nothing was sent. Look at the plan again.',
          });
        }
        const result = await apply({ siteId, origin: 'Undo', plan: () => undoPlan(last) });
        // Taken back: the change before it is next. Compared by identity, as a change may have come meanwhile.
        await changes.drop(siteId, last);
        await showLast(siteId);
        return result;
      },
      'apply.setSettings': async (next) => {
        await settingsFile.write(next);
        settings = Promise.resolve(next);
        events.emit('apply.settingsChanged', next);
        return next;
      },
    },
    dispose: async () => {
      stopListening();
      for (const retry of retries) clearTimeout(retry);
      // The nets stay on the routers: a session that ends in Safe Mode is one the router undoes.
      for (const safe of safeModes.values()) stopPushing(safe);
    },
  };
}
