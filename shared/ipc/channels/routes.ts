import { z } from 'zod';
import type { DraftItemProperty } from '../../drafts/draft';
import type { Route } from '../../routes/route';
import { routeExportFormats } from '../../routes/route-export';
import { type RouteFamily, routeFamilySchema } from '../../routes/route-family';
import { routeFormSchema, suitsFamily } from '../../routes/route-form';
import { type RouteLayout, routeLayoutSchema } from '../../routes/route-layout';
import { routeQuerySchema } from '../../routes/route-query';
import { event, request } from '../channel';
import type { ApplyResult, UndoPlanView } from './apply';

const siteId = z.string().min(1);
/** IP → Routes or IPv6 → Routes: every request of this contract is about one family's table. */
const family = routeFamilySchema;
const routeId = z.string().regex(/^\*[0-9A-Fa-f]{1,8}$/, 'A RouterOS item id, like *1A');
/** A selection may be a whole filtered table; main sends it to the router a few hundred ids a command. */
export const maxSelection = 200_000;
const routeIds = z.array(routeId).min(1).max(maxSelection);

/** The route a change sends must suit its table: no IPv4 gateway on an IPv6 route, and so on. */
const routeOfFamily = suitsFamily('route');

/**
 * The plan's commands as the technician saw them, for a change that is a confirmed apply (one to a
 * default route): refused, with nothing sent, if the plan differs now.
 */
const shownCommands = z.array(z.string().max(4096)).max(1000).optional();

/** Rows a renderer may ask for at once: a screenful or two, never the table. */
export const maxWindowRows = 500;

export type RouteLoadPhase = 'idle' | 'loading' | 'ready' | 'cancelled' | 'offline' | 'failed';

/** The state of a site's route table in main, pushed as it changes. */
export interface RouteTableStatus {
  siteId: string;
  family: RouteFamily;
  phase: RouteLoadPhase;
  /** Routes in the table now. */
  loaded: number;
  /** While loading: how many the router said it has, when it said. */
  expected?: number;
  /** Bumped by every change; a view whose version differs refetches its rows. */
  version: number;
  /** Why loading failed or stopped. */
  error?: string;
  /** The site is open read-only: nothing may be changed. */
  readOnly: boolean;
  /** Default routes (0.0.0.0/0, ::/0) of the main table: few, and what the same-distance warning is about. */
  defaults: Route[];
  /**
   * Offline, the table is the site's snapshot with its draft's values in: changes go to the draft.
   * When the snapshot was taken; `lacksFamily` where it holds none of this family's routes (taken
   * before Uplink kept IPv6 routes), so the empty table says nothing of the router.
   */
  snapshot?: { takenAt: string; lacksFamily?: true };
}

/** A row of a window; offline, with the properties the draft changed on it. */
export type RouteRow = Route & { edited?: DraftItemProperty[] };

export interface RouteWindow {
  version: number;
  /** Rows matching the query. */
  total: number;
  /** Per Find condition of the query, the routes it matches on its own. */
  matches: number[];
  start: number;
  rows: RouteRow[];
}

/** The DHCP client whose default-route-distance a dynamic DHCP route really has. */
export interface DhcpClientInfo {
  id: string;
  interfaceName: string;
  defaultRouteDistance: number;
}

export const routesRequests = {
  /** Keep this site's table loaded and live for the caller; answers the current status. */
  'routes.watch': request(z.object({ siteId, family })).returns<RouteTableStatus>(),
  'routes.unwatch': request(z.object({ siteId, family })).returns<void>(),
  /** Stop a long load; what has arrived stays. */
  'routes.cancelLoad': request(z.object({ siteId, family })).returns<RouteTableStatus>(),
  'routes.reload': request(z.object({ siteId, family })).returns<RouteTableStatus>(),
  /** A window of rows of the filtered, sorted table. */
  'routes.window': request(
    z.object({
      siteId,
      family,
      query: routeQuerySchema,
      start: z.number().int().min(0),
      count: z.number().int().min(0).max(maxWindowRows),
    }),
  ).returns<RouteWindow>(),
  /** Where a route is in a query's order (to keep the selection in view), or -1. */
  'routes.indexOf': request(
    z.object({ siteId, family, query: routeQuerySchema, id: routeId }),
  ).returns<number>(),
  /** The ids of a range of a query's rows: what a Shift-click or Ctrl+A selects, loaded or not. */
  'routes.ids': request(
    z.object({
      siteId,
      family,
      query: routeQuerySchema,
      start: z.number().int().min(0),
      count: z.number().int().min(0).max(maxSelection),
    }),
  ).returns<string[]>(),
  /** Selected routes as main's table has them (a copy or a confirmation lists them). */
  'routes.rows': request(z.object({ siteId, family, ids: routeIds })).returns<Route[]>(),
  /**
   * The table, the rows a query shows, or a selection, as a `.rsc` script or CSV. Built in main,
   * beside the table, so a full table never crosses IPC as objects.
   */
  'routes.export': request(
    z.object({
      siteId,
      family,
      /** What the `.rsc` header names as the routes' origin: the site's name. */
      source: z.string().max(200),
      format: z.enum(routeExportFormats),
      rows: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('table') }),
        z.object({ kind: z.literal('filtered'), query: routeQuerySchema }),
        z.object({ kind: z.literal('selection'), ids: routeIds }),
      ]),
    }),
  ).returns<string>(),
  /** One route, fresh from the router (the dialog opens on this, not on a possibly stale row). */
  'routes.get': request(z.object({ siteId, family, id: routeId })).returns<Route>(),
  'routes.add': request(
    z.object({ siteId, family, route: routeFormSchema, commands: shownCommands }).superRefine(routeOfFamily),
  ).returns<{ id: string }>(),
  /**
   * A new route planned before it is sent, where it is a confirmed apply outside Safe Mode (a
   * default route, or one that would carry the session itself); null where it goes straight.
   */
  'routes.planAdd': request(
    z.object({ siteId, family, route: routeFormSchema }).superRefine(routeOfFamily),
  ).returns<UndoPlanView | null>(),
  /** Changes only what differs from `before`, the values the dialog opened with. */
  'routes.update': request(
    z
      .object({
        siteId,
        family,
        id: routeId,
        before: routeFormSchema,
        route: routeFormSchema,
        /**
         * The plan's commands as the technician saw them, for a change that is a confirmed apply
         * (a default route's): refused, with nothing sent, if the plan differs now.
         */
        commands: shownCommands,
      })
      .superRefine(routeOfFamily),
  ).returns<ApplyResult | null>(),
  /** The dialog's edit planned before it is sent, where it is a confirmed apply outside Safe Mode; null where it goes straight. */
  'routes.planUpdate': request(
    z
      .object({ siteId, family, id: routeId, before: routeFormSchema, route: routeFormSchema })
      .superRefine(routeOfFamily),
  ).returns<UndoPlanView | null>(),
  /**
   * Enable, Disable or Remove of a selection planned before it is sent, where it touches a default
   * route or the route carrying the session, outside Safe Mode (a confirmed apply); null where it
   * goes straight to the router.
   */
  'routes.planSelection': request(
    z.object({ siteId, family, ids: routeIds, change: z.enum(['enable', 'disable', 'remove']) }),
  ).returns<UndoPlanView | null>(),
  'routes.remove': request(
    z.object({ siteId, family, ids: routeIds, commands: shownCommands }),
  ).returns<ApplyResult | null>(),
  'routes.setDisabled': request(
    z.object({ siteId, family, ids: routeIds, disabled: z.boolean(), commands: shownCommands }),
  ).returns<ApplyResult | null>(),
  'routes.comment': request(
    z.object({ siteId, family, ids: routeIds, comment: z.string().max(1024) }),
  ).returns<void>(),
  /** "Renumber the others": keep `keepId`'s distance, give the other default routes their own. */
  /** Renumber the others planned before it is sent (default routes: a confirmed apply); null in Safe Mode. */
  'routes.planRenumber': request(
    z.object({ siteId, family, keepId: routeId }),
  ).returns<UndoPlanView | null>(),
  'routes.renumber': request(z.object({ siteId, family, keepId: routeId, commands: shownCommands })).returns<{
    changed: number;
  }>(),
  'routes.dhcpClient': request(z.object({ siteId, family, routeId })).returns<DhcpClientInfo>(),
  /** A DHCP client's default route distance planned before it is sent; null in Safe Mode. */
  'routes.planDhcpDistance': request(
    z.object({ siteId, family, clientId: routeId, distance: routeFormSchema.shape.distance }),
  ).returns<UndoPlanView | null>(),
  'routes.setDhcpDistance': request(
    z.object({
      siteId,
      family,
      clientId: routeId,
      distance: routeFormSchema.shape.distance,
      commands: shownCommands,
    }),
  ).returns<void>(),
  /** The technician's columns (order, widths, hidden ones), kept in the profile. */
  'routes.layout': request(z.undefined()).returns<RouteLayout>(),
  /** Saves the columns; answers them as kept (made whole), and every window hears of it. */
  'routes.setLayout': request(routeLayoutSchema).returns<RouteLayout>(),
};

export const routesEvents = {
  'routes.status': event<RouteTableStatus>(),
  'routes.layoutChanged': event<RouteLayout>(),
};
