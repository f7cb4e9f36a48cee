import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type Draft,
  type DraftItemProperty,
  type DraftProperty,
  draftProperties,
  familyOfItem,
  type RouteKey,
  routeKeyOf,
  routeKeyOfForm,
  type SiteSnapshot,
  sameRoute,
  snapshotJson,
  snapshotRouteLimit,
  snapshotRoutesOf,
} from '../../shared/drafts/draft';
import {
  blockers,
  draftApplyPlan,
  draftedRoutes,
  planDraft,
  planScript,
  recordEdit,
  recordEdits,
  recordPresence,
  recordRemovals,
} from '../../shared/drafts/draft-plan';
import { precheckWan, routerInterfaces, wanRefusal } from '../../shared/failover/precheck';
import { configuredWans, readSetup } from '../../shared/failover/setup';
import { probeComment, wanComment } from '../../shared/failover/wan';
import type { ApplyResult } from '../../shared/ipc/channels/apply';
import type { DraftView } from '../../shared/ipc/channels/drafts';
import type { FailoverState } from '../../shared/ipc/channels/failover';
import type { RouteTableStatus } from '../../shared/ipc/channels/routes';
import { UplinkError } from '../../shared/ipc/errors';
import { toCli } from '../../shared/routeros/command';
import { isDefaultRoute, parseRoute, type Route } from '../../shared/routes/route';
import { addAttrs, changedAttrs } from '../../shared/routes/route-attrs';
import { type RouteFamily, routeFamilies, routeMenuOf } from '../../shared/routes/route-family';
import { commandsChange, familyOfAddress, sessionReasons } from '../../shared/routes/session-route';
import type { SessionState } from '../../shared/sessions/session-state';
import type { Logger } from '../app/logger';
import type { ServiceParts } from '../app/service-parts';
import type { ApplyService } from '../apply/apply-service';
import type { EventHub } from '../ipc/event-hub';
import type { RouterClient } from '../routeros/router-client';
import { type KeptRoutes, printKeptRoutes, streamedPrint } from '../routes/bulk-print';
import { routeProplist } from '../routes/route-table';
import { readSessionRoutes } from '../routes/session-routes';
import { JsonFile } from '../sites/json-file';

export interface DraftSessions {
  client(siteId: string): RouterClient;
  state(siteId: string): SessionState | undefined;
  onStateChange(listener: (state: SessionState) => void): () => void;
  isReadOnly(siteId: string): boolean;
}

export interface DraftsServiceOptions {
  sessions: DraftSessions;
  events: Pick<EventHub, 'emit' | 'subscribe'>;
  profileDir: string;
  applies: Pick<ApplyService, 'apply' | 'settings'>;
  logger?: Logger;
  /**
   * The site's routes of one family for its snapshot. By default a print of its own; the app hands
   * it the routes service's table, so a big table is read once for the Routes tab and the snapshot.
   */
  snapshotRoutes?(siteId: string, limit: number, family: RouteFamily): Promise<KeptRoutes>;
  /** How often an online site's snapshot is taken again, besides on connect and on failover changes. */
  refreshMs?: number;
}

export type DraftsChannel =
  | 'drafts.get'
  | 'drafts.snapshot'
  | 'drafts.editRoute'
  | 'drafts.setRoutes'
  | 'drafts.addRoute'
  | 'drafts.removeRoutes'
  | 'drafts.reorderWans'
  | 'drafts.configureWan'
  | 'drafts.resolve'
  | 'drafts.discard'
  | 'drafts.apply'
  | 'drafts.exportRsc';

/**
 * The wait between two snapshots of a site: half a second for a branch router's table, about ten
 * times the read for a big one (`npm run bench -- drafts-snapshot`: 100,000 routes in about 1.5 s),
 * so the router is mostly left alone. Counted in routes, not in measured time: a laptop busy at
 * connect measured its own load, and put off the next snapshot, due after the technician's first
 * changes, by many seconds.
 */
const snapshotSpacingMs = (routes: number) => Math.max(500, routes * 0.15);

const isDraftProperty = (name: string): name is DraftProperty =>
  (draftProperties as readonly string[]).includes(name);

/**
 * The routes to the destinations a draft's items name, in their families' tables: all its plan
 * looks at (a route is found by its destination first), without printing a table that may hold a
 * million routes.
 */
async function draftRoutes(client: RouterClient, draft: Draft): Promise<Route[]> {
  const asked = new Map(draft.items.map((item) => [`${familyOfItem(item)} ${item.route.dstAddress}`, item]));
  const replies = await Promise.all(
    [...asked.values()].map((item) =>
      client.print(routeMenuOf(familyOfItem(item)), {
        query: [`dst-address=${item.route.dstAddress}`],
        proplist: routeProplist,
      }),
    ),
  );
  return replies.flat().map(parseRoute);
}

/** The draft's plan against these routes; a conflict still open is the technician's to settle. */
function planFor(draft: Draft, routes: Route[]) {
  try {
    return draftApplyPlan(draft, routes);
  } catch (error) {
    throw new UplinkError({
      code: 'invalid',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Offline edits (issue 8). Every online site's snapshot is kept on disk; offline, edits become the
 * site's draft, saved atomically after each change; online, the draft is compared with the router
 * and applied, on the technician's say, as one confirmed apply.
 */
/** Offline, a site's routes of one family as the Routes tab shows them: the snapshot with the draft's values in. */
export interface OfflineRoutes {
  takenAt: string;
  /** Undefined where the snapshot holds none of the family's (one taken before IPv6 routes were kept). */
  routes: Route[] | undefined;
  /** By route id, the properties the draft changed. */
  edited: Map<string, DraftItemProperty[]>;
}

export function createDraftsService(options: DraftsServiceOptions): ServiceParts<DraftsChannel> & {
  offlineRoutes(siteId: string, family: RouteFamily): Promise<OfflineRoutes | undefined>;
} {
  const { sessions, events, profileDir, logger } = options;
  /** One pair of files per site, so each file's saves queue one behind the other. */
  const fileSets = new Map<string, { snapshot: JsonFile<SiteSnapshot>; draft: JsonFile<Draft> }>();
  const files = (siteId: string) => {
    const dir = join(profileDir, 'drafts', encodeURIComponent(siteId));
    let known = fileSets.get(siteId);
    if (!known) {
      known = {
        snapshot: new JsonFile<SiteSnapshot>(join(dir, 'snapshot.json')),
        draft: new JsonFile<Draft>(join(dir, 'draft.json')),
      };
      fileSets.set(siteId, known);
      // What a crash in the middle of a save left; no save of this process has started yet.
      void known.snapshot.removeLeftovers();
      void known.draft.removeLeftovers();
    }
    return known;
  };
  /** Draft changes run one at a time per site: each reads the draft the one before it saved. */
  const queues = new Map<string, Promise<unknown>>();
  const serially = <T>(siteId: string, task: () => Promise<T>): Promise<T> => {
    const run = (queues.get(siteId) ?? Promise.resolve()).then(task);
    queues.set(
      siteId,
      run.catch(() => undefined),
    );
    return run;
  };
  const wans = new Map<string, FailoverState['wans']>();
  /** The failover setup each snapshot was last taken for. */
  const setups = new Map<string, string>();
  /** Sites that have been online since start: the ones whose snapshots are kept fresh. */
  const seen = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** Sites whose snapshot is being taken, and those asked for another meanwhile. */
  const capturing = new Set<string>();
  const recapture = new Set<string>();
  const online = (siteId: string) => sessions.state(siteId)?.status === 'online';

  /** Snapshots as last written or read: a big table's is tens of MB, not to be parsed per edit. */
  const snapshots = new Map<string, SiteSnapshot>();
  /** How long to wait before each site's next snapshot, from the size of its last one. */
  const spacings = new Map<string, number>();

  const snapshotOf = async (siteId: string) => {
    const known = snapshots.get(siteId) ?? (await files(siteId).snapshot.read());
    if (known) snapshots.set(siteId, known);
    return known ?? null;
  };
  const draftOf = async (siteId: string): Promise<Draft> =>
    (await files(siteId).draft.read()) ?? { siteId, baseTakenAt: '', items: [] };

  /** One family's routes for the snapshot: from the routes service's table, or a print of its own. */
  const keptRoutes = (siteId: string, client: RouterClient, family: RouteFamily) =>
    options.snapshotRoutes?.(siteId, snapshotRouteLimit, family) ??
    printKeptRoutes(streamedPrint(client), snapshotRouteLimit, family);

  const capture = async (siteId: string) => {
    if (!online(siteId)) return;
    const client = sessions.client(siteId);
    const [identity, { routes, total }, ipv6, interfaces, addresses, dhcpClients, settings] =
      await Promise.all([
        client.print('/system/identity'),
        keptRoutes(siteId, client, 'ip'),
        // RouterOS with its IPv6 package off has no /ipv6/route: the snapshot is kept without it
        // (and says so offline). A lost session fails the other reads anyway.
        keptRoutes(siteId, client, 'ipv6').catch((error: unknown) => {
          logger?.warn(`site ${siteId}: the snapshot is taken without IPv6 routes`, error);
          return undefined;
        }),
        client.print('/interface'),
        client.print('/ip/address'),
        client.print('/ip/dhcp-client'),
        options.applies.settings(),
      ]);
    const previous = await snapshotOf(siteId);
    const snapshot: SiteSnapshot = {
      siteId,
      takenAt: new Date().toISOString(),
      identity: identity[0]?.name ?? '',
      routes,
      routeCount: total,
      ...(ipv6 && { ipv6Routes: ipv6.routes, ipv6RouteCount: ipv6.total }),
      interfaces,
      addresses,
      dhcpClients,
      wans: wans.get(siteId) ?? previous?.wans ?? [],
      graceSeconds: settings.graceSeconds,
    };
    // Held before it is saved: once the file shows it, offline edits are made on it too.
    snapshots.set(siteId, snapshot);
    await files(siteId).snapshot.writeParts(() => snapshotJson(snapshot));
    spacings.set(siteId, snapshotSpacingMs(total));
    if (!previous) await publish(siteId);
  };

  /**
   * A snapshot soon: changes come in bursts (a reorder moves several routes), one read serves them.
   * One already due is not put off again, or a router that reports often would never get one; and
   * a big table waits longer (snapshotSpacingMs), so it is not read over and over.
   */
  const captureSoon = (siteId: string, now = false) => {
    if (!now && timers.has(siteId)) return;
    clearTimeout(timers.get(siteId));
    timers.set(
      siteId,
      setTimeout(
        () => {
          timers.delete(siteId);
          // One capture at a time per site: the first of a big table waits seconds for its load, and
          // those asked meanwhile each built and wrote 100,000 routes at once as it ended, just when
          // the technician starts filtering. They become one more, spaced as usual, after it.
          if (capturing.has(siteId)) return void recapture.add(siteId);
          capturing.add(siteId);
          capture(siteId)
            .catch((error: unknown) => logger?.warn(`site ${siteId}: snapshot not taken`, error))
            .finally(() => {
              capturing.delete(siteId);
              if (recapture.delete(siteId)) captureSoon(siteId);
            });
        },
        now ? 0 : (spacings.get(siteId) ?? snapshotSpacingMs(0)),
      ),
    );
  };

  const view = async (siteId: string): Promise<DraftView> => {
    const [snapshot, draft] = await Promise.all([snapshotOf(siteId), draftOf(siteId)]);
    const result: DraftView = { siteId, items: draft.items, baseTakenAt: draft.baseTakenAt };
    if (snapshot) result.snapshot = { takenAt: snapshot.takenAt, identity: snapshot.identity };
    if (draft.items.length === 0 || !online(siteId)) return result;
    try {
      const client = sessions.client(siteId);
      const seenFrom = sessions.state(siteId)?.seenFrom;
      const [live, session] = await Promise.all([
        draftRoutes(client, draft),
        seenFrom === undefined ? undefined : readSessionRoutes(client, familyOfAddress(seenFrom), seenFrom),
      ]);
      const entries = planDraft(draft, live);
      const stuck = blockers(entries);
      const clear = {
        ...draft,
        items: draft.items.filter((item) => !stuck.some((entry) => entry.item === item)),
      };
      const { forward } = draftApplyPlan(clear, live);
      const reasons = session ? sessionReasons(session, commandsChange(session, forward)) : [];
      result.plan = {
        entries,
        commands: forward.map(toCli),
        blocked: stuck.length,
        ...(reasons.length > 0 && { sessionReasons: reasons }),
      };
    } catch (error) {
      result.error = `The router could not be read to compare the draft with it: ${error instanceof Error ? error.message : String(error)}`;
    }
    return result;
  };

  const publish = async (siteId: string) => {
    const current = await view(siteId);
    events.emit('drafts.changed', current);
    return current;
  };

  /** Changes the draft, saves it before anything else happens, and says so. */
  const changeDraft = async (siteId: string, change: (draft: Draft, snapshot: SiteSnapshot) => Draft) => {
    const snapshot = await snapshotOf(siteId);
    if (!snapshot) {
      throw new UplinkError({
        code: 'not-found',
        message:
          'This site has no snapshot yet: connect to it once, and Uplink keeps one for working offline.',
      });
    }
    await serially(siteId, async () => {
      const draft = await draftOf(siteId);
      const next = change(
        draft.items.length > 0 ? draft : { siteId, baseTakenAt: snapshot.takenAt, items: [] },
        snapshot,
      );
      await files(siteId).draft.write(next);
    });
    return publish(siteId);
  };

  /** An edit: none on a read-only site, offline either, since it could never be applied. */
  const editDraft: typeof changeDraft = async (siteId, change) => {
    if (sessions.isReadOnly(siteId)) {
      throw new UplinkError({
        code: 'read-only',
        message: 'This site is open read-only: it cannot be changed, offline either.',
      });
    }
    return changeDraft(siteId, change);
  };

  /** The snapshot's routes of the family an edit is about; refused where it holds none of them. */
  const keptOf = (snapshot: SiteSnapshot, family: RouteFamily): Route[] => {
    const kept = snapshotRoutesOf(snapshot, family);
    if (!kept) {
      throw new UplinkError({
        code: 'not-found',
        message: `The snapshot of this site (taken ${snapshot.takenAt}) holds no IPv6 routes: connect to the router once, and the next one does.`,
      });
    }
    return kept;
  };

  const snapshotRoute = (routes: Route[], match: (route: Route) => boolean, what: string) => {
    const found = routes.filter(match);
    if (found.length !== 1) {
      throw new UplinkError({ code: 'not-found', message: `${what} is not in the snapshot of this site.` });
    }
    return found[0] as Route;
  };

  /** The draft's item adding this route, if the draft adds it. */
  const additionOf = (draft: Draft, family: RouteFamily, key: RouteKey | undefined) =>
    key &&
    draft.items.find(
      (item) =>
        item.property === 'route' &&
        item.value === 'present' &&
        familyOfItem(item) === family &&
        sameRoute(item.route, key),
    );

  /** A route the draft adds, added again with other properties: its key may change with them. */
  const readd = (draft: Draft, family: RouteFamily, key: RouteKey, attrs: Record<string, string>) => {
    const made = { madeAt: new Date().toISOString(), family };
    const without = recordPresence(draft, key, false, { id: randomUUID(), ...made });
    const next: RouteKey = {
      dstAddress: attrs['dst-address'] ?? key.dstAddress,
      gateway: attrs.gateway ?? '',
      routingTable: attrs['routing-table'] ?? 'main',
      comment: attrs.comment ?? '',
    };
    return recordPresence(without, next, true, { id: randomUUID(), ...made, attrs });
  };

  const edit = (
    draft: Draft,
    route: Route,
    property: DraftProperty,
    value: string,
    extra: { group?: string; family?: RouteFamily },
  ) =>
    recordEdit(draft, route, property, value, {
      id: randomUUID(),
      madeAt: new Date().toISOString(),
      ...extra,
    });

  const stopSessions = sessions.onStateChange((state) => {
    const { siteId } = state;
    // Online the plan is made against the router, offline it is not: either way the view changed.
    const show = () => void publish(siteId).catch(() => undefined);
    if (state.status !== 'online') return show();
    seen.add(siteId);
    captureSoon(siteId, true);
    show();
  });
  /** The route table versions the routes service last reported, while someone watches a table. */
  const versions = new Map<string, number>();
  const followRoutes = ({ siteId, phase, version }: RouteTableStatus) => {
    if (phase !== 'ready' || !online(siteId)) {
      versions.delete(siteId);
      return;
    }
    const known = versions.get(siteId);
    versions.set(siteId, version);
    // A table just loaded is what the snapshot on connect read; a change after it is news.
    if (known !== undefined && known !== version) captureSoon(siteId);
  };

  const stopEvents = events.subscribe((event, payload) => {
    if (event === 'routes.status') return followRoutes(payload as RouteTableStatus);
    if (event !== 'failover.state') return;
    const state = payload as FailoverState;
    if (state.phase !== 'ready' || !online(state.siteId)) return;
    // The state is also sent when nothing Uplink keeps changed; a full read then would be waste.
    const setup = JSON.stringify([state.wans, state.others]);
    if (setups.get(state.siteId) === setup) return;
    setups.set(state.siteId, setup);
    wans.set(state.siteId, state.wans);
    captureSoon(state.siteId);
  });
  const refresh = setInterval(() => {
    for (const siteId of seen) if (online(siteId)) captureSoon(siteId);
  }, options.refreshMs ?? 60_000);

  return {
    offlineRoutes: async (siteId, family) => {
      const [snapshot, draft] = await Promise.all([snapshotOf(siteId), draftOf(siteId)]);
      if (!snapshot) return undefined;
      const kept = snapshotRoutesOf(snapshot, family);
      if (!kept) return { takenAt: snapshot.takenAt, routes: undefined, edited: new Map() };
      const drafted = draftedRoutes(kept, draft, family);
      return {
        takenAt: snapshot.takenAt,
        routes: drafted.map(({ route }) => route),
        edited: new Map(
          drafted.filter(({ edited }) => edited.length > 0).map(({ route, edited }) => [route.id, edited]),
        ),
      };
    },
    handlers: {
      'drafts.get': ({ siteId }) => view(siteId),
      'drafts.setRoutes': ({ siteId, family, ids, property, value }) =>
        editDraft(siteId, (draft, snapshot) => {
          const routes = keptOf(snapshot, family);
          const byId = new Map(routes.map((route) => [route.id, route]));
          const added = new Map(
            draftedRoutes(routes, draft, family)
              .filter(({ edited }) => edited.includes('route'))
              .map(({ route }) => [route.id, routeKeyOf(route)]),
          );
          // Routes the draft adds take the value into their addition; the snapshot's, an edit each.
          let next = draft;
          for (const id of ids) {
            const addition = additionOf(next, family, added.get(id));
            if (addition)
              next = readd(next, family, addition.route, { ...addition.attrs, [property]: value });
          }
          const edits = ids.flatMap((id) => {
            const route = byId.get(id);
            // A dynamic route is the router's own: a draft could never apply a change to it.
            return route && !route.flags.includes('dynamic') ? [{ route, property, value }] : [];
          });
          return recordEdits(next, edits, { id: randomUUID, madeAt: new Date().toISOString(), family });
        }),
      'drafts.snapshot': ({ siteId }) => snapshotOf(siteId),
      'drafts.editRoute': ({ siteId, family, route, before, after }) =>
        editDraft(siteId, (draft, snapshot) => {
          if (additionOf(draft, family, route)) return readd(draft, family, route, addAttrs(after));
          const base = snapshotRoute(
            keptOf(snapshot, family),
            (each) => sameRoute(routeKeyOf(each), route),
            `The route to ${route.dstAddress}`,
          );
          const { attrs, unset } = changedAttrs(before, after);
          const drafted = Object.entries(attrs).filter(([name]) => isDraftProperty(name));
          const waiting = [...unset, ...Object.keys(attrs).filter((name) => !isDraftProperty(name))];
          if (waiting.length > 0) {
            throw new UplinkError({
              code: 'invalid',
              message: `Offline, a route’s ${draftProperties.join(', ')} can be set; ${waiting.join(', ')} can be changed only with the router connected.`,
            });
          }
          return drafted.reduce<Draft>(
            (next, [property, value]) => edit(next, base, property as DraftProperty, value, { family }),
            draft,
          );
        }),
      'drafts.addRoute': ({ siteId, family, route }) =>
        editDraft(siteId, (draft, snapshot) => {
          const key = routeKeyOfForm(route);
          const taken = draftedRoutes(keptOf(snapshot, family), draft, family).some((each) =>
            sameRoute(routeKeyOf(each.route), key),
          );
          if (taken) {
            throw new UplinkError({
              code: 'invalid',
              message: `A route to ${route.dstAddress} ${route.comment ? `with the comment “${route.comment}”` : `via ${key.gateway}`} is already there: give the new one its own comment.`,
              field: 'dstAddress',
            });
          }
          return recordPresence(draft, key, true, {
            id: randomUUID(),
            madeAt: new Date().toISOString(),
            family,
            attrs: addAttrs(route),
          });
        }),
      'drafts.removeRoutes': ({ siteId, family, ids }) =>
        editDraft(siteId, (draft, snapshot) => {
          const routes = keptOf(snapshot, family);
          const snapshotById = new Map(routes.map((route) => [route.id, route]));
          const byId = new Map(draftedRoutes(routes, draft, family).map(({ route }) => [route.id, route]));
          const keys = ids.flatMap((id) => {
            const route = byId.get(id);
            if (!route || route.flags.includes('dynamic')) return [];
            // Found on the router by the snapshot's values: a route whose comment the draft changed keeps its old key.
            return [routeKeyOf(snapshotById.get(id) ?? route)];
          });
          return recordRemovals(draft, keys, { id: randomUUID, madeAt: new Date().toISOString(), family });
        }),
      'drafts.reorderWans': ({ siteId, order }) =>
        editDraft(siteId, (draft, snapshot) =>
          order.reduce<Draft>((next, wan, index) => {
            const route = snapshotRoute(
              snapshot.routes,
              (each) => isDefaultRoute(each) && each.comment === wanComment(wan),
              `WAN ${wan}’s default route`,
            );
            return edit(next, route, 'distance', String(index + 1), {
              group: `WAN priority: ${order.map((n) => `WAN ${n}`).join(', ')}`,
            });
          }, draft),
        ),
      'drafts.configureWan': ({ siteId, wan }) =>
        editDraft(siteId, (draft, snapshot) => {
          const probe = snapshotRoute(
            snapshot.routes,
            (each) => each.comment === probeComment(wan.wan),
            `WAN ${wan.wan}’s probe route`,
          );
          const routes = draftedRoutes(snapshot.routes, draft).map(({ route }) => route);
          const problems = precheckWan(
            wan,
            { interfaces: routerInterfaces(snapshot.interfaces, snapshot.addresses), routes },
            configuredWans(readSetup(routes)),
          );
          if (probe.dstAddress !== `${wan.probe}/32`) {
            problems.push({
              field: 'probe',
              message: `Offline, WAN ${wan.wan} keeps its probe host ${probe.dstAddress.replace(/\/32$/, '')}: connect to change it.`,
            });
          }
          const refusal = wanRefusal(wan.wan, problems);
          if (refusal) throw refusal;
          return edit(draft, probe, 'gateway', `${wan.gateway}%${wan.interface}`, {
            group: `Configure WAN ${wan.wan}`,
          });
        }),
      'drafts.resolve': ({ siteId, itemId, keep }) =>
        changeDraft(siteId, (draft) => ({
          ...draft,
          items: draft.items.map((item) => (item.id === itemId ? { ...item, resolution: keep } : item)),
        })),
      'drafts.discard': ({ siteId, itemId }) =>
        changeDraft(siteId, (draft) => ({
          ...draft,
          items: itemId === undefined ? [] : draft.items.filter((item) => item.id !== itemId),
        })),
      'drafts.apply': async ({ siteId }): Promise<ApplyResult> => {
        let draft: Draft | undefined;
        const result = await options.applies.apply({
          siteId,
          origin: 'Offline draft',
          plan: async (client) => {
            draft = await draftOf(siteId);
            return planFor(draft, await draftRoutes(client, draft));
          },
        });
        const applied = new Map(draft?.items.map((item) => [item.id, item.value]));
        // Applied, or already so on the router: those items have done their work. Any made meanwhile stay.
        await serially(siteId, async () => {
          const now = await draftOf(siteId);
          const left = now.items.filter((item) => applied.get(item.id) !== item.value);
          await files(siteId).draft.write({ ...now, items: left });
        });
        captureSoon(siteId, true);
        await publish(siteId);
        return result;
      },
      'drafts.exportRsc': async ({ siteId }) => {
        const [snapshot, draft] = await Promise.all([snapshotOf(siteId), draftOf(siteId)]);
        // Online, against the router as it is now; offline, against the snapshot the draft was made on.
        const routes = online(siteId)
          ? await draftRoutes(sessions.client(siteId), draft)
          : routeFamilies.flatMap((family) => (snapshot && snapshotRoutesOf(snapshot, family)) ?? []);
        const plan = planFor(draft, routes);
        return planScript(plan, [
          `Uplink: ${plan.summary} for ${snapshot?.identity || siteId}`,
          `made on the snapshot of ${draft.baseTakenAt}; exported ${new Date().toISOString()}`,
        ]);
      },
    },
    dispose: async () => {
      stopSessions();
      stopEvents();
      clearInterval(refresh);
      for (const timer of timers.values()) clearTimeout(timer);
      recapture.clear();
    },
  };
}
