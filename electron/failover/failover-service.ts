import { join } from 'node:path';
import {
  type ApplyPlan,
  configurePlan,
  deactivatePlan,
  renumberPlan,
  reorderPlan,
} from '../../shared/failover/plan';
import { planSteps } from '../../shared/failover/plan-text';
import { precheckWan, wanRefusal } from '../../shared/failover/precheck';
import { defaultGraceSeconds } from '../../shared/failover/rollback';
import { configuredWans, readSetup } from '../../shared/failover/setup';
import type { ApplyResult, FailoverSettings, FailoverState } from '../../shared/ipc/channels/failover';
import { UplinkError } from '../../shared/ipc/errors';
import type { Route } from '../../shared/routes/route';
import type { ServiceParts } from '../app/app-context';
import type { Logger } from '../app/logger';
import type { EventHub } from '../ipc/event-hub';
import type { RouterClient } from '../routeros/router-client';
import type { SessionManager } from '../sessions/session-manager';
import { JsonFile } from '../sites/json-file';
import {
  ApplyInterrupted,
  confirmedApply,
  interruptedOf,
  isSessionLoss,
  settleInterrupted,
} from './confirmed-apply';
import { PendingApplies } from './pending-applies';
import { readFailoverRoutes, readInterfaces } from './router-reads';
import { SiteFailover } from './site-failover';

/** What the failover service needs of the session layer. */
export type FailoverSessions = Pick<SessionManager, 'client' | 'state' | 'onStateChange' | 'isReadOnly'>;

export interface FailoverServiceOptions {
  sessions: FailoverSessions;
  events: Pick<EventHub, 'emit'>;
  /** Where the grace period setting and the records of unfinished applies are kept. */
  profileDir: string;
  logger?: Logger;
}

export type FailoverChannel =
  | 'failover.list'
  | 'failover.get'
  | 'failover.interfaces'
  | 'failover.configure'
  | 'failover.reorder'
  | 'failover.preview'
  | 'failover.renumberOthers'
  | 'failover.deactivate'
  | 'failover.dismissNotice'
  | 'failover.settings'
  | 'failover.setSettings';

/** How long after a lost apply Uplink looks again while the session still claims to be up. */
const settleRetryMs = 1000;

/**
 * WAN failover in main: every online site's failover routes kept live, and every change made as a
 * confirmed apply, one at a time per site. A record of an apply the session died in is settled,
 * and worded, when the site is back.
 */
export function createFailoverService(options: FailoverServiceOptions): ServiceParts<FailoverChannel> {
  const { sessions, events, logger } = options;
  const pending = new PendingApplies(join(options.profileDir, 'failover', 'pending'));
  const settingsFile = new JsonFile<FailoverSettings>(join(options.profileDir, 'failover', 'settings.json'));
  const settingsLoaded = settingsFile.read().then(
    (stored) => ({ graceSeconds: stored?.graceSeconds ?? defaultGraceSeconds }),
    () => ({ graceSeconds: defaultGraceSeconds }),
  );
  let settings: Promise<FailoverSettings> = settingsLoaded;
  const sites = new Map<string, SiteFailover>();
  const retries = new Set<NodeJS.Timeout>();

  const emit = (state: FailoverState) => events.emit('failover.state', state);
  const online = (siteId: string) => sessions.state(siteId)?.status === 'online';

  const site = (siteId: string): SiteFailover => {
    let known = sites.get(siteId);
    if (!known) {
      known = new SiteFailover(siteId, { readOnly: () => sessions.isReadOnly(siteId), emit });
      sites.set(siteId, known);
      if (online(siteId)) connect(known);
      else void showPending(known);
    }
    return known;
  };

  /** Offline, an unfinished apply is shown with the time the router undoes it; it is settled on connect. */
  const showPending = async (target: SiteFailover) => {
    const record = await pending.load(target.siteId);
    if (record && !target.online && !target.interrupted) {
      target.interrupted = interruptedOf(record);
      target.changed();
    }
  };

  const settle = async (target: SiteFailover) => {
    const record = await pending.load(target.siteId);
    if (!record || target.applying) return;
    try {
      const notice = await settleInterrupted(sessions.client(target.siteId), record, pending);
      target.interrupted = undefined;
      target.notice = { ...notice, at: new Date().toISOString() };
      events.emit('sessions.notice', { siteId: target.siteId, ...notice });
    } catch (error) {
      target.interrupted = interruptedOf(record);
      if (!isSessionLoss(error)) logger?.error('failover: settling an interrupted apply failed', error);
    }
    target.changed();
  };

  const connect = (target: SiteFailover) => {
    target.start(sessions.client(target.siteId));
    void settle(target);
  };

  const stopListening = sessions.onStateChange((state) => {
    const target = site(state.siteId);
    if (state.status === 'online') {
      if (!target.online) connect(target);
    } else if (target.online) {
      target.offline();
    }
  });

  /** A client for a change: refused on read-only sites before anything is sent. */
  const writer = (siteId: string): RouterClient => {
    if (sessions.isReadOnly(siteId)) {
      throw new UplinkError({
        code: 'read-only',
        message: 'This site is open read-only: its WAN failover cannot be changed.',
      });
    }
    return sessions.client(siteId);
  };

  const apply = async (
    siteId: string,
    makePlan: (routes: Route[]) => ApplyPlan,
    read?: { client: RouterClient; routes: Route[] },
  ): Promise<ApplyResult> => {
    const client = read?.client ?? writer(siteId);
    const target = site(siteId);
    if (target.applying) {
      throw new UplinkError({
        code: 'invalid',
        message: `“${target.applying.summary}” is still being applied to this router. Wait for it to finish.`,
      });
    }
    const { graceSeconds } = await settings;
    const routes = read?.routes ?? (await readFailoverRoutes(client));
    const plan = planned(() => makePlan(routes));
    target.applying = {
      kind: plan.kind,
      summary: plan.summary,
      step: 'safety-net',
      startedAt: new Date().toISOString(),
      graceSeconds,
    };
    target.notice = undefined;
    target.changed();
    try {
      return await confirmedApply(
        {
          client,
          siteId,
          graceSeconds,
          pending,
          onStep: (step) => {
            if (target.applying) target.applying = { ...target.applying, step };
            target.changed();
          },
        },
        plan,
      );
    } catch (error) {
      if (error instanceof ApplyInterrupted) {
        target.interrupted = error.interrupted;
        const retry = setTimeout(() => {
          retries.delete(retry);
          if (online(siteId)) void settle(target);
        }, settleRetryMs);
        retries.add(retry);
      }
      throw error;
    } finally {
      target.applying = undefined;
      target.changed();
    }
  };

  return {
    handlers: {
      'failover.list': () => [...sites.values()].map((known) => known.state()),
      'failover.get': ({ siteId }) => site(siteId).state(),
      'failover.interfaces': ({ siteId }) => readInterfaces(sessions.client(siteId)),
      'failover.configure': async ({ siteId, wan }) => {
        const client = writer(siteId);
        const [interfaces, routes] = await Promise.all([readInterfaces(client), readFailoverRoutes(client)]);
        const refusal = wanRefusal(
          wan.wan,
          precheckWan(wan, { interfaces, routes }, configuredWans(readSetup(routes))),
        );
        if (refusal) throw refusal;
        return apply(siteId, (current) => configurePlan(current, wan), { client, routes });
      },
      'failover.reorder': ({ siteId, order }) => apply(siteId, (routes) => reorderPlan(routes, order)),
      'failover.preview': async ({ siteId, change }) => {
        const routes = await readFailoverRoutes(sessions.client(siteId));
        const plan = change === 'deactivate' ? deactivatePlan(routes) : planned(() => renumberPlan(routes));
        return { kind: plan.kind, summary: plan.summary, steps: planSteps(plan, routes) };
      },
      'failover.renumberOthers': ({ siteId }) => apply(siteId, renumberPlan),
      'failover.deactivate': ({ siteId }) => apply(siteId, deactivatePlan),
      'failover.dismissNotice': ({ siteId }) => {
        const target = site(siteId);
        target.notice = undefined;
        target.changed();
      },
      'failover.settings': () => settings,
      'failover.setSettings': async (next) => {
        await settingsFile.write(next);
        settings = Promise.resolve(next);
        events.emit('failover.settingsChanged', next);
        return next;
      },
    },
    dispose: async () => {
      stopListening();
      for (const retry of retries) clearTimeout(retry);
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
