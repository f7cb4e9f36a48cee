import { z } from 'zod';
import {
  type DraftItem,
  draftProperties,
  routeKeySchema,
  type SiteSnapshot,
  snapshotRouteLimit,
} from '../../drafts/draft';
import type { EntryStatus } from '../../drafts/draft-plan';
import { wanConfigSchema } from '../../failover/wan';
import { routeFamilySchema } from '../../routes/route-family';
import { routeFormSchema, suitsFamily } from '../../routes/route-form';
import { event, request } from '../channel';
import type { ApplyResult } from './apply';

const siteId = z.string().min(1);
/** IP → Routes or IPv6 → Routes: which of the snapshot's tables a route edit is about (IPv4 unless said). */
const family = routeFamilySchema;

export interface PlanEntryView {
  item: DraftItem;
  status: EntryStatus;
  live?: string;
}

/** A site's draft as the technician sees it; with the router online, the plan against it too. */
export interface DraftView {
  siteId: string;
  /** When the snapshot the site opens from offline was taken, and of which router. */
  snapshot?: { takenAt: string; identity: string };
  items: DraftItem[];
  /** When the snapshot the draft was made on was taken (the site's may be newer since). */
  baseTakenAt: string;
  plan?: {
    entries: PlanEntryView[];
    /** The exact RouterOS commands Apply will run, in order. */
    commands: string[];
    /** Items waiting for a decision (a conflict) or that cannot be applied (the route is gone). */
    blocked: number;
    /** Where Apply touches the route carrying the session, or makes another route win its address. */
    sessionReasons?: string[];
  };
  /** Why the plan could not be made (the router could not be read). */
  error?: string;
}

export const draftsRequests = {
  'drafts.get': request(z.object({ siteId })).returns<DraftView>(),
  /** What the site looked like when last connected, or null when it never was. */
  'drafts.snapshot': request(z.object({ siteId })).returns<SiteSnapshot | null>(),
  /**
   * The route dialog's edit made offline, from the values it opened with (`before`) to `after`:
   * recorded in the draft, saved at once.
   */
  'drafts.editRoute': request(
    z
      .object({ siteId, family, route: routeKeySchema, before: routeFormSchema, after: routeFormSchema })
      .superRefine(suitsFamily('after')),
  ).returns<DraftView>(),
  /**
   * One property given to several routes offline (Enable, Disable, Comment on a selection), the
   * routes named by their ids in the snapshot: recorded in the draft, saved at once.
   */
  'drafts.setRoutes': request(
    z.object({
      siteId,
      family,
      ids: z.array(z.string().min(1)).min(1).max(snapshotRouteLimit),
      property: z.enum(draftProperties),
      value: z.string().max(1024),
    }),
  ).returns<DraftView>(),
  /** A route added offline through the route dialog: in the draft, added on the router on Apply. */
  'drafts.addRoute': request(
    z.object({ siteId, family, route: routeFormSchema }).superRefine(suitsFamily('route')),
  ).returns<DraftView>(),
  /** Routes removed offline, by their ids in the table shown (the snapshot's, or one the draft adds). */
  'drafts.removeRoutes': request(
    z.object({ siteId, family, ids: z.array(z.string().min(1)).min(1).max(snapshotRouteLimit) }),
  ).returns<DraftView>(),
  /** A new WAN priority made offline: the WANs' default-route distances, in the draft. */
  'drafts.reorderWans': request(
    z.object({ siteId, order: z.array(z.number().int().min(1).max(4)).min(1).max(4) }),
  ).returns<DraftView>(),
  /**
   * A WAN's gateway or gateway interface changed offline, checked against the snapshot as online
   * against the router: its probe route's gateway, in the draft. The probe host stays.
   */
  'drafts.configureWan': request(z.object({ siteId, wan: wanConfigSchema })).returns<DraftView>(),
  'drafts.resolve': request(
    z.object({ siteId, itemId: z.string().min(1), keep: z.enum(['mine', 'router']) }),
  ).returns<DraftView>(),
  /** Drops one item, or the whole draft without `itemId`. */
  'drafts.discard': request(z.object({ siteId, itemId: z.string().min(1).optional() })).returns<DraftView>(),
  /** Runs the plan as a confirmed apply; only on the technician's say. */
  'drafts.apply': request(z.object({ siteId })).returns<ApplyResult>(),
  /** The plan as a `.rsc` script. */
  'drafts.exportRsc': request(z.object({ siteId })).returns<string>(),
};

export const draftsEvents = {
  'drafts.changed': event<DraftView>(),
};
