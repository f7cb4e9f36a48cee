import {
  addChange,
  type ChangeRecord,
  changeSteps,
  combinedChange,
  commentChange,
  dhcpDistanceChange,
  disabledChange,
  distanceChange,
  editChange,
  isUndoable,
  maxUndoRoutes,
  removeChange,
  routeChangePlan,
  tooManyToUndo,
} from '../../shared/apply/undo';
import { routeKeyOfForm } from '../../shared/drafts/draft';
import type { ApplyResult, UndoPlanView } from '../../shared/ipc/channels/apply';
import type { DraftView } from '../../shared/ipc/channels/drafts';
import type { DhcpClientInfo, RouteRow, RouteTableStatus } from '../../shared/ipc/channels/routes';
import { UplinkError } from '../../shared/ipc/errors';
import { toCli } from '../../shared/routeros/command';
import { renumberOthers } from '../../shared/routes/default-routes';
import { distanceHome } from '../../shared/routes/distance-home';
import { isDefaultRoute, parseRoute, type Route } from '../../shared/routes/route';
import { addAttrs, changedAttrs, trapField } from '../../shared/routes/route-attrs';
import { routesCsv, routesRsc } from '../../shared/routes/route-export';
import {
  defaultDestination,
  type RouteFamily,
  routeFamilies,
  routeMenuOf,
} from '../../shared/routes/route-family';
import type { RouteFormValues } from '../../shared/routes/route-form';
import { routeQuerySchema } from '../../shared/routes/route-query';
import {
  type SessionRouteChange,
  type SessionRoutes,
  sessionReasons,
} from '../../shared/routes/session-route';
import type { SessionState } from '../../shared/sessions/session-state';
import type { ServiceParts } from '../app/service-parts';
import type { ApplyService } from '../apply/apply-service';
import type { OfflineRoutes } from '../drafts/drafts-service';
import type { CallContext } from '../ipc/dispatcher';
import type { EventHub } from '../ipc/event-hub';
import { type AttrValue, type RouterClient, RouterError, type Row } from '../routeros/router-client';
import { type KeptRoutes, keptRoutes, type OpenApiStream, rawApiPrint, streamedPrint } from './bulk-print';
import { formatItemId } from './id-index';
import { readSessionRoutes } from './session-routes';
import { SiteRoutes } from './site-routes';

/** What the routes service needs of the session layer. */
export interface RouteSessions {
  /** The open session's client; throws UplinkError `closed` when the site is offline. */
  client(siteId: string): RouterClient;
  state(siteId: string): SessionState | undefined;
  onStateChange(listener: (state: SessionState) => void): () => void;
  isReadOnly(siteId: string): boolean;
}

export interface RoutesServiceOptions {
  sessions: RouteSessions;
  /** `subscribe` follows the drafts, so an offline table shows each edit. */
  events: Pick<EventHub, 'emit'> & Partial<Pick<EventHub, 'subscribe'>>;
  /**
   * A logged-in raw API stream to the site's router, where its transport allows one: then the
   * first full print is decoded straight from bytes (the fast path for big tables). Without it,
   * or when it answers undefined, the print goes through the session's client.
   */
  openApiStream?(siteId: string): OpenApiStream | undefined;
  /** How long a table nobody watches is kept, so switching tabs does not reload a million routes. */
  keepUnwatchedMs?: number;
  /**
   * Where each change goes with how to take it back: kept for Ctrl+Z, and applied under a safety
   * net where one is called for (in Safe Mode every change; else one to a default route).
   */
  applies: Pick<ApplyService, 'apply' | 'inSafeMode' | 'record'>;
  /**
   * Offline, the site's snapshot of one family's routes with its draft's values in, shown in the
   * table in place of the routes last read; undefined when the site has no snapshot.
   */
  offlineRoutes?(siteId: string, family: RouteFamily): Promise<OfflineRoutes | undefined>;
}

export type RoutesChannel =
  | 'routes.watch'
  | 'routes.unwatch'
  | 'routes.cancelLoad'
  | 'routes.reload'
  | 'routes.window'
  | 'routes.indexOf'
  | 'routes.ids'
  | 'routes.rows'
  | 'routes.export'
  | 'routes.get'
  | 'routes.add'
  | 'routes.update'
  | 'routes.planUpdate'
  | 'routes.planAdd'
  | 'routes.planSelection'
  | 'routes.remove'
  | 'routes.setDisabled'
  | 'routes.comment'
  | 'routes.planRenumber'
  | 'routes.renumber'
  | 'routes.dhcpClient'
  | 'routes.planDhcpDistance'
  | 'routes.setDhcpDistance';

/** Which table a request is about: a site's IPv4 or IPv6 routes. */
export interface TableRef {
  siteId: string;
  family: RouteFamily;
}

const tableKey = ({ siteId, family }: TableRef) => `${family} ${siteId}`;
/** Where a dynamic DHCP route's distance lives: its client's `default-route-distance`. */
const dhcpMenuOf = (family: RouteFamily) => `/${family}/dhcp-client`;
/** Ids per `remove`/`enable`/`disable`/`set` command: a bulk change is a few commands, each a bounded sentence. */
const idsPerCommand = 500;
/** While a big table loads, a sorted or filtered view is recomputed at most this often. */
const staleWhileLoadingMs = 1000;

/** Main's own watcher of a table, beside the renderers' client ids. */
const snapshotWatcher = 'main:snapshot';
/** How long the windows must have asked for no rows before a snapshot's routes are built (whenQuiet). */
const quietMs = 500;
/** How long a snapshot waits for that at the most, all its turns together: it is still taken under steady use. */
const maxQuietWaitMs = 10_000;

/**
 * IP → Routes and IPv6 → Routes in main: a compact, live copy of each watched table (filtered and
 * sorted here, handed out a window at a time), and every change the technician makes, checked and
 * worded before and after it reaches the router.
 */
export function createRoutesService(options: RoutesServiceOptions): ServiceParts<RoutesChannel> & {
  snapshotRoutes(siteId: string, limit: number, family: RouteFamily): Promise<KeptRoutes>;
} {
  const { sessions, events } = options;
  const { applies } = options;
  const keepUnwatchedMs = options.keepUnwatchedMs ?? 30_000;
  const sites = new Map<string, SiteRoutes>();
  const dropTimers = new Map<string, NodeJS.Timeout>();

  const online = (siteId: string) => sessions.state(siteId)?.status === 'online';

  /** When a window last asked for rows of a table: someone is scrolling, typing a filter, selecting. */
  let lastAsked = 0;
  const asked = () => {
    lastAsked = Date.now();
  };
  /**
   * Resolves once no window has asked for rows for a while, or after `maxQuietWaitMs` at the
   * longest. A snapshot's routes are built a few thousand at a time behind it: a big table's
   * snapshot is taken as the table finishes loading, just when the technician starts filtering
   * it, and each keystroke's rows came after the snapshot's share of the CPU.
   */
  const whenQuiet = async () => {
    const until = Date.now() + maxQuietWaitMs;
    for (let now = Date.now(); now < until && now - lastAsked < quietMs; now = Date.now())
      await new Promise((resolve) => setTimeout(resolve, Math.min(until - now, quietMs - (now - lastAsked))));
  };

  /** Offline: the routes last read stay, marked so, unless the site has a snapshot to show instead. */
  const goOffline = (site: SiteRoutes) => {
    site.offline();
    if (!options.offlineRoutes) return;
    options.offlineRoutes(site.siteId, site.family).then(
      (snapshot) => {
        const still = sites.get(tableKey(site)) === site && !online(site.siteId);
        if (snapshot && still) site.showSnapshot(snapshot.takenAt, snapshot.routes, snapshot.edited);
      },
      () => undefined,
    );
  };

  const startSite = (site: SiteRoutes) => {
    if (!online(site.siteId)) return goOffline(site);
    const client = sessions.client(site.siteId);
    const raw = options.openApiStream?.(site.siteId);
    site.start(client, raw ? rawApiPrint(raw) : streamedPrint(client));
  };

  const watched = (ref: TableRef): SiteRoutes => {
    const site = sites.get(tableKey(ref));
    if (!site) throw new UplinkError({ code: 'not-found', message: 'This site’s routes are not open.' });
    return site;
  };

  const drop = (key: string) => {
    clearTimeout(dropTimers.get(key));
    sites.get(key)?.dispose();
    sites.delete(key);
    dropTimers.delete(key);
  };

  const watch = (ref: TableRef, clientId: string): SiteRoutes => {
    const key = tableKey(ref);
    clearTimeout(dropTimers.get(key));
    dropTimers.delete(key);
    let site = sites.get(key);
    if (!site) {
      const { siteId } = ref;
      site = new SiteRoutes(siteId, ref.family, {
        readOnly: () => sessions.isReadOnly(siteId),
        emit: (status: RouteTableStatus) => events.emit('routes.status', status),
      });
      sites.set(key, site);
      startSite(site);
    }
    site.watchers.add(clientId);
    return site;
  };

  const unwatch = (key: string, clientId: string) => {
    const site = sites.get(key);
    if (!site?.watchers.delete(clientId) || site.watchers.size > 0) return;
    clearTimeout(dropTimers.get(key));
    dropTimers.set(
      key,
      setTimeout(() => drop(key), keepUnwatchedMs),
    );
  };

  const stopListening = sessions.onStateChange((state) => {
    for (const family of routeFamilies) {
      const key = tableKey({ siteId: state.siteId, family });
      const site = sites.get(key);
      if (!site) continue;
      if (state.status === 'online') {
        // Nobody is looking: drop the table rather than load a million routes for no one.
        if (site.watchers.size === 0) drop(key);
        else if (site.status().phase === 'offline') startSite(site);
      } else if (site.status().phase !== 'offline') {
        goOffline(site);
      }
    }
  });
  // An offline table follows its draft: each edit shows, marked, as soon as it is saved. The draft
  // is also published when nothing in it changed (a reconnect attempt): a big snapshot is not
  // filled again for that.
  const shownDrafts = new Map<string, string>();
  const stopDrafts = options.events.subscribe?.((event, payload) => {
    if (event !== 'drafts.changed') return;
    const draft = payload as DraftView;
    for (const family of routeFamilies) {
      const key = tableKey({ siteId: draft.siteId, family });
      const site = sites.get(key);
      const shown = JSON.stringify([draft.snapshot?.takenAt, draft.items]);
      if (!site?.drafting || shownDrafts.get(key) === shown) continue;
      shownDrafts.set(key, shown);
      goOffline(site);
    }
  });

  /** A client for a change: refused on read-only sites, before anything is sent. */
  const writer = (siteId: string): RouterClient => {
    if (sessions.isReadOnly(siteId)) {
      throw new UplinkError({
        code: 'read-only',
        message: 'This site is open read-only: routes cannot be changed.',
      });
    }
    return sessions.client(siteId);
  };

  /** RouterOS's refusal, kept in its own words and pinned to the field it names. */
  const run = async (client: RouterClient, command: string, attrs: Record<string, AttrValue>) => {
    try {
      return await client.run(command, attrs);
    } catch (error) {
      if (error instanceof RouterError && error.code === 'trap') {
        const field = trapField(error.message);
        throw new UplinkError({ code: 'trap', message: error.message, ...(field && { field }) });
      }
      throw error;
    }
  };

  const fetchRoute = async (client: RouterClient, family: RouteFamily, id: string): Promise<Route> => {
    const [row] = await client.print(routeMenuOf(family), { query: [`.id=${id}`] });
    if (!row)
      throw new UplinkError({ code: 'not-found', message: `Route ${id} is no longer on the router.` });
    return parseRoute(row);
  };

  /** Routes by id in one print (`.id=*1 or .id=*2 …`): one round trip over a relay, whatever their number. */
  const routesById = async (client: RouterClient, menu: string, ids: string[]): Promise<Route[]> => {
    if (ids.length === 0) return [];
    const query = ids.flatMap((id, index) => (index === 0 ? [`.id=${id}`] : [`.id=${id}`, '#|']));
    return (await client.print(menu, { query })).map(parseRoute);
  };

  const staticOnly = (route: Route) => {
    if (distanceHome(route).kind !== 'static') {
      throw new UplinkError({
        code: 'invalid',
        message: `${route.dstAddress} via ${route.gateway} is dynamic: RouterOS made it, and it is changed where it comes from.`,
      });
    }
  };

  const dhcpClientFor = async (
    client: RouterClient,
    family: RouteFamily,
    route: Route,
  ): Promise<DhcpClientInfo> => {
    const home = distanceHome(route);
    if (home.kind !== 'dhcp') {
      throw new UplinkError({ code: 'invalid', message: 'This route does not come from a DHCP client.' });
    }
    const clients = await client.print(dhcpMenuOf(family));
    const match =
      clients.find((row) => home.interfaceName !== undefined && row.interface === home.interfaceName) ??
      clients.find((row) => row.gateway === route.gateway) ??
      (clients.length === 1 ? clients[0] : undefined);
    if (!match) {
      throw new UplinkError({ code: 'not-found', message: 'No DHCP client on the router made this route.' });
    }
    return dhcpInfo(match);
  };

  /** A default route's new distance, where it lives: the route's own, or its DHCP client's. */
  const distanceRecord = async (
    client: RouterClient,
    family: RouteFamily,
    route: Route,
    distance: number,
  ): Promise<ChangeRecord> => {
    if (distanceHome(route).kind === 'dhcp') {
      const dhcp = await dhcpClientFor(client, family, route);
      return dhcpDistanceChange(family, dhcp.interfaceName, dhcp.defaultRouteDistance, distance);
    }
    staticOnly(route);
    return distanceChange(family, `Distance of ${route.dstAddress}`, [{ route, distance }]);
  };

  /**
   * Why a change is a confirmed apply outside Safe Mode, a line each for its plan: it touches a
   * default route (traffic may move), or the route that carries the session itself, or leaves
   * another route winning the session's address (the session may be cut off). None: it goes
   * straight. `session`: the routes carrying the session (sessionRoutesOf).
   */
  const reasonsFor = (
    session: SessionRoutes | undefined,
    change: SessionRouteChange,
    touchesDefault: boolean,
  ): string[] => [
    ...(touchesDefault ? [defaultRouteReason] : []),
    ...(session ? sessionReasons(session, change) : []),
  ];

  /**
   * The routes carrying the session, read beside a change's own reads (one round trip over a
   * relay, not two); in Safe Mode every change goes under the net, so they are not read.
   */
  const sessionRoutesOf = async (ref: TableRef, client: RouterClient) =>
    applies.inSafeMode(ref.siteId)
      ? undefined
      : readSessionRoutes(client, ref.family, sessions.state(ref.siteId)?.seenFrom);

  /**
   * A change's plan for the dialog, where it is a confirmed apply outside Safe Mode; null where it
   * goes straight. Each line reads old → new from the routes it changes, as the router has them.
   */
  const planView = (
    siteId: string,
    { record, reasons, before }: { record: ChangeRecord; reasons: string[]; before: readonly Route[] },
  ): UndoPlanView | null => {
    if (reasons.length === 0 || applies.inSafeMode(siteId) || !isUndoable(record)) return null;
    return { summary: record.summary, steps: changeSteps(record, before), reasons };
  };

  /**
   * A Routes tab change on its way to the router. In Safe Mode it goes under the site's net,
   * whatever it touches; outside it, one with reasons to be (see reasonsFor) is a confirmed
   * apply. Both are plans of the apply service, made of the change and its undo. The rest goes
   * straight (`direct`), and is kept for Ctrl+Z.
   */
  const send = async (
    siteId: string,
    record: ChangeRecord,
    reasons: string[],
    direct: () => Promise<unknown>,
    shown?: string[],
  ): Promise<ApplyResult | null> => {
    const safe = applies.inSafeMode(siteId);
    if ((safe || reasons.length > 0) && isUndoable(record)) {
      const commands = record.forward.map(toCli);
      if (
        shown &&
        (shown.length !== commands.length || shown.some((line, index) => line !== commands[index]))
      ) {
        throw new UplinkError({
          code: 'invalid',
          message:
            'The route changed on the router since this plan was made, so nothing was sent. Look at the plan again: it is made from the router as it is now.',
        });
      }
      return applies.apply({ siteId, origin: 'Routes', plan: () => routeChangePlan(record), undo: record });
    }
    if (safe && !isUndoable(record)) {
      throw new UplinkError({
        code: 'invalid',
        message: `Safe Mode cannot hold “${record.summary}”: ${record.reason} Turn Safe Mode off to make this change.`,
      });
    }
    await direct();
    applies.record(siteId, record);
    return null;
  };

  /**
   * A change to many routes as few commands: RouterOS takes a comma-separated id list. Dynamic
   * routes in a selection are left out (the router would refuse the whole command for one), as
   * are ids no longer in the table.
   */
  const selection = async (
    ref: TableRef,
    ids: string[],
    undo: { summary: string; of(routes: Route[]): ChangeRecord; enables?: boolean },
  ) => {
    const client = writer(ref.siteId);
    const menu = routeMenuOf(ref.family);
    const table = sites.get(tableKey(ref))?.table;
    const chosen = table
      ? ids.filter((id) => {
          const slot = table.slotOf(id);
          return slot >= 0 && !table.hasFlag(slot, 'dynamic');
        })
      : ids;
    // The routes as the router has them, for the undo: read just before the change (a table
    // followed over the CLI may be two seconds behind), and only for a change small enough to undo.
    const [routes, session] = await Promise.all([
      chosen.length > maxUndoRoutes ? undefined : routesById(client, menu, chosen),
      sessionRoutesOf(ref, client),
    ]);
    const record: ChangeRecord = routes ? undo.of(routes) : tooManyToUndo(undo.summary, chosen.length);
    const touchesDefault = routes
      ? routes.some(isDefaultRoute)
      : chosen.some((id) => {
          // The table files its default routes as it loads: no route built per id of a big selection.
          const slot = table?.slotOf(id) ?? -1;
          return table !== undefined && slot >= 0 && table.defaults.has(slot);
        });
    const reasons = reasonsFor(session, { ids: chosen, enables: undo.enables ?? false }, touchesDefault);
    return { client, menu, chosen, record, reasons, before: routes ?? [] };
  };

  const forSelection = async (
    ref: TableRef,
    ids: string[],
    change: (client: RouterClient, menu: string, idList: string) => Promise<unknown>,
    undo: { summary: string; of(routes: Route[]): ChangeRecord; enables?: boolean },
    shown?: string[],
  ) => {
    const { client, menu, chosen, record, reasons } = await selection(ref, ids, undo);
    return send(
      ref.siteId,
      record,
      reasons,
      async () => {
        for (let at = 0; at < chosen.length; at += idsPerCommand)
          await change(client, menu, chosen.slice(at, at + idsPerCommand).join(','));
      },
      shown,
    );
  };

  /** A DHCP client's `default-route-distance`, the distance of the default route it makes, as a change with its undo. */
  const dhcpDistance = async (siteId: string, family: RouteFamily, clientId: string, distance: number) => {
    const client = writer(siteId);
    const [row] = await client.print(dhcpMenuOf(family), { query: [`.id=${clientId}`] });
    if (!row)
      throw new UplinkError({
        code: 'not-found',
        message: 'The DHCP client is no longer on the router.',
      });
    const before = dhcpInfo(row);
    return {
      client,
      record: dhcpDistanceChange(family, before.interfaceName, before.defaultRouteDistance, distance),
      reasons: [defaultRouteReason],
    };
  };

  /** "Renumber the others": the distances each other default route gets, as one change with its undo. */
  const renumbering = async (siteId: string, family: RouteFamily, keepId: string) => {
    const client = writer(siteId);
    const [rows, session] = await Promise.all([
      client.print(routeMenuOf(family), { query: [`dst-address=${defaultDestination[family]}`] }),
      sessionRoutesOf({ siteId, family }, client),
    ]);
    const defaults = rows.map(parseRoute).filter(isDefaultRoute);
    const kept = defaults.find((route) => route.id === keepId);
    if (!kept)
      throw new UplinkError({
        code: 'not-found',
        message: `Route ${keepId} is no longer on the router.`,
      });
    let changes: ReturnType<typeof renumberOthers>;
    try {
      changes = renumberOthers(defaults, kept);
    } catch (error) {
      throw new UplinkError({ code: 'invalid', message: (error as Error).message });
    }
    const made = await Promise.all(
      changes.map(({ route, distance }) => distanceRecord(client, family, route, distance)),
    );
    const reasons = reasonsFor(session, { ids: changes.map(({ route }) => route.id) }, true);
    return {
      client,
      record: combinedChange('Renumber the other default routes', made),
      reasons,
      before: defaults,
      changed: changes.length,
    };
  };

  /** A route added through the dialog, with its undo and why it is a confirmed apply, if it is. */
  const adding = async (ref: TableRef, route: RouteFormValues) => {
    const client = writer(ref.siteId);
    const isDefault = route.dstAddress === defaultDestination[ref.family] && route.routingTable === 'main';
    const becomes = [{ key: routeKeyOfForm(route), outcome: outcomeOf(route) }];
    const reasons = reasonsFor(await sessionRoutesOf(ref, client), { ids: [], becomes }, isDefault);
    return { client, record: addChange(ref.family, route), reasons, before: [] };
  };

  /** The dialog's edit of a static route as the router has it now, with its undo and why it is a confirmed apply, if it is. */
  const editing = async (ref: TableRef, id: string, before: RouteFormValues, after: RouteFormValues) => {
    const client = writer(ref.siteId);
    const [current, session] = await Promise.all([
      fetchRoute(client, ref.family, id),
      sessionRoutesOf(ref, client),
    ]);
    staticOnly(current);
    const becomes = [{ id, key: routeKeyOfForm(after), outcome: outcomeOf(after) }];
    const reasons = reasonsFor(session, { ids: [id], becomes }, isDefaultRoute(current));
    return { client, record: editChange(ref.family, current, before, after), reasons, before: [current] };
  };

  /** Enable, Disable and Remove of a selection, with the record each keeps for its undo and its plan. */
  const selectionChanges = (ref: TableRef, ids: string[]) => ({
    remove: {
      summary: `Remove ${ids.length} routes`,
      of: (routes: Route[]) => removeChange(ref.family, routes),
    },
    disable: {
      summary: `Disable ${ids.length} routes`,
      of: (routes: Route[]) => disabledChange(ref.family, routes, true),
    },
    enable: {
      summary: `Enable ${ids.length} routes`,
      of: (routes: Route[]) => disabledChange(ref.family, routes, false),
      enables: true,
    },
  });

  return {
    /**
     * An online site's routes for its snapshot: from the table the Routes tab shows, loaded or
     * loading (a big table is printed once, not twice), else from a load of its own that the tab
     * joins if it opens meanwhile.
     */
    snapshotRoutes: async (siteId: string, limit: number, family: RouteFamily): Promise<KeptRoutes> => {
      const ref: TableRef = { siteId, family };
      const site = watch(ref, snapshotWatcher);
      try {
        await site.loaded();
        return await keptRoutes(site.table, limit, whenQuiet);
      } finally {
        unwatch(tableKey(ref), snapshotWatcher);
      }
    },
    handlers: {
      'routes.watch': (ref, context) => watch(ref, context.clientId).status(),
      'routes.unwatch': (ref, context) => unwatch(tableKey(ref), context.clientId),
      'routes.cancelLoad': async (ref) => {
        const site = watched(ref);
        await site.cancel();
        return site.status();
      },
      'routes.reload': (ref) => {
        const site = watched(ref);
        startSite(site);
        return site.status();
      },
      'routes.window': ({ query, start, count, ...ref }) => {
        asked();
        const site = watched(ref);
        const expensive = query.sort !== undefined || query.filter !== '' || query.conditions.length > 0;
        const staleMs = site.loading && expensive ? staleWhileLoadingMs : 0;
        const order = site.views.order(query, staleMs);
        const rows: RouteRow[] = [];
        for (let i = start; i < Math.min(order.length, start + count); i++) {
          // A stale order (see staleWhileLoadingMs) may still hold a route removed since.
          if (!site.table.alive[order[i]!]) continue;
          const route: RouteRow = site.table.route(order[i]!);
          const edited = site.edited.get(route.id);
          rows.push(edited ? { ...route, edited } : route);
        }
        return {
          version: site.table.version,
          total: order.length,
          matches: site.views.matches(query, staleMs),
          start,
          rows,
        };
      },
      'routes.indexOf': ({ query, id, ...ref }) => {
        asked();
        const site = watched(ref);
        const slot = site.table.slotOf(id);
        return slot < 0 ? -1 : site.views.order(query).indexOf(slot);
      },
      'routes.ids': ({ query, start, count, ...ref }) => {
        asked();
        const site = watched(ref);
        const order = site.views.order(query);
        const ids: string[] = [];
        for (let i = start; i < Math.min(order.length, start + count); i++) {
          if (site.table.alive[order[i]!]) ids.push(formatItemId(site.table.ids[order[i]!]!));
        }
        return ids;
      },
      'routes.rows': ({ ids, ...ref }) => {
        const { table } = watched(ref);
        return ids
          .map((id) => table.slotOf(id))
          .filter((slot) => slot >= 0)
          .map((slot) => table.route(slot));
      },
      'routes.export': ({ source, format, rows, ...ref }) => {
        const { table, views } = watched(ref);
        const slots =
          rows.kind === 'selection'
            ? rows.ids.map((id) => table.slotOf(id))
            : rows.kind === 'filtered'
              ? views.order(rows.query)
              : views.order(routeQuerySchema.parse({}));
        function* routes() {
          for (const slot of slots) if (slot >= 0 && table.alive[slot]) yield table.route(slot);
        }
        return format === 'rsc' ? routesRsc(routes(), source, ref.family) : routesCsv(routes());
      },
      'routes.get': ({ siteId, family, id }) => fetchRoute(sessions.client(siteId), family, id),
      'routes.add': async ({ siteId, family, route, commands }) => {
        const { client, record, reasons } = await adding({ siteId, family }, route);
        const menu = routeMenuOf(family);
        let id: string | undefined;
        await send(
          siteId,
          record,
          reasons,
          async () => {
            id = (await run(client, `${menu}/add`, addAttrs(route))).ret;
          },
          commands,
        );
        // Applied as a plan, the route is found again as its undo finds it.
        const [undo] = isUndoable(record) ? record.undo : [];
        if (id === undefined && undo?.command.op === 'remove' && 'where' in undo.command.select) {
          const where = Object.entries(undo.command.select.where).map(([name, value]) => `${name}=${value}`);
          const rows = await client.print(menu, { query: where, proplist: ['.id'] });
          id = rows.at(-1)?.['.id'];
        }
        return { id: id ?? '' };
      },
      'routes.planAdd': async ({ siteId, family, route }) => {
        return planView(siteId, await adding({ siteId, family }, route));
      },
      'routes.update': async ({ siteId, family, id, before, route, commands }) => {
        const { client, record, reasons } = await editing({ siteId, family }, id, before, route);
        return send(
          siteId,
          record,
          reasons,
          () => update(client, routeMenuOf(family), id, before, route),
          commands,
        );
      },
      'routes.planUpdate': async ({ siteId, family, id, before, route }) => {
        return planView(siteId, await editing({ siteId, family }, id, before, route));
      },
      'routes.planSelection': async ({ ids, change, ...ref }) => {
        return planView(ref.siteId, await selection(ref, ids, selectionChanges(ref, ids)[change]));
      },
      'routes.remove': ({ ids, commands, ...ref }) =>
        forSelection(
          ref,
          ids,
          (client, menu, idList) => run(client, `${menu}/remove`, { '.id': idList }),
          selectionChanges(ref, ids).remove,
          commands,
        ),
      'routes.setDisabled': ({ ids, disabled, commands, ...ref }) =>
        forSelection(
          ref,
          ids,
          (client, menu, idList) =>
            run(client, `${menu}/${disabled ? 'disable' : 'enable'}`, { '.id': idList }),
          selectionChanges(ref, ids)[disabled ? 'disable' : 'enable'],
          commands,
        ),
      'routes.comment': async ({ ids, comment, ...ref }) => {
        await forSelection(
          ref,
          ids,
          (client, menu, idList) => run(client, `${menu}/set`, { '.id': idList, comment }),
          {
            summary: `Comment “${comment}” on ${ids.length} routes`,
            of: (routes) => commentChange(ref.family, routes, comment),
          },
        );
      },
      'routes.planRenumber': async ({ siteId, family, keepId }) => {
        return planView(siteId, await renumbering(siteId, family, keepId));
      },
      'routes.renumber': async ({ siteId, family, keepId, commands }) => {
        const { client, record, reasons, changed } = await renumbering(siteId, family, keepId);
        await send(
          siteId,
          record,
          reasons,
          () => client.runCommands(isUndoable(record) ? record.forward : []),
          commands,
        );
        return { changed };
      },
      'routes.dhcpClient': async ({ siteId, family, routeId }) => {
        const client = sessions.client(siteId);
        return dhcpClientFor(client, family, await fetchRoute(client, family, routeId));
      },
      'routes.planDhcpDistance': async ({ siteId, family, clientId, distance }) => {
        const { client, record, reasons } = await dhcpDistance(siteId, family, clientId, distance);
        // The client's default route, for its distance as it is now.
        const rows = await client.print(routeMenuOf(family), {
          query: [`dst-address=${defaultDestination[family]}`, 'dhcp=true'],
        });
        return planView(siteId, { record, reasons, before: rows.map(parseRoute) });
      },
      'routes.setDhcpDistance': async ({ siteId, family, clientId, distance, commands }) => {
        const { client, record, reasons } = await dhcpDistance(siteId, family, clientId, distance);
        await send(
          siteId,
          record,
          reasons,
          () =>
            run(client, `${dhcpMenuOf(family)}/set`, { '.id': clientId, 'default-route-distance': distance }),
          commands,
        );
      },
    },
    clientGone: (context: CallContext) => {
      for (const key of [...sites.keys()]) unwatch(key, context.clientId);
    },
    dispose: async () => {
      stopListening();
      stopDrafts?.();
      for (const timer of dropTimers.values()) clearTimeout(timer);
      for (const key of [...sites.keys()]) drop(key);
    },
  };

  async function update(
    client: RouterClient,
    menu: string,
    id: string,
    before: RouteFormValues,
    after: RouteFormValues,
  ) {
    const { attrs, unset } = changedAttrs(before, after);
    if (Object.keys(attrs).length > 0) await run(client, `${menu}/set`, { '.id': id, ...attrs });
    for (const name of unset) await run(client, `${menu}/unset`, { numbers: id, 'value-name': name });
  }
}

/** Why a change to a default route is a confirmed apply. */
const defaultRouteReason = 'It changes a default route: traffic may move to another link.';

/** What decides whether a route from the dialog wins an address. */
const outcomeOf = (route: RouteFormValues) => ({
  dstAddress: route.dstAddress,
  distance: route.distance,
  routingTable: route.routingTable,
  disabled: route.disabled,
});

function dhcpInfo(row: Row): DhcpClientInfo {
  return {
    id: row['.id'] ?? '',
    interfaceName: row.interface ?? '',
    defaultRouteDistance: Number(row['default-route-distance'] ?? 1),
  };
}
