import { z } from 'zod';
import type { FailoverLogEntry } from '../../monitor/failover-log';
import { type HealthThresholds, healthThresholdsSchema, type LinkHealth } from '../../monitor/health';
import { type MonitorWindow, monitorWindows } from '../../monitor/series';
import { event, request } from '../channel';

const siteId = z.string().min(1);
const windowId = z.enum(monitorWindows.map((w) => w.id) as [MonitorWindow, ...MonitorWindow[]]);

/** One probe host of a WAN at one second, judged on its own. */
export interface HostSample {
  /** Round-trip time of this second's probe, ms. */
  rttMs: number | null;
  /** Over the health period (pfSense's "time period"), ms. */
  jitterMs: number | null;
  lossPct: number | null;
  /** Over the health period, against the thresholds. */
  health: LinkHealth;
}

/**
 * One WAN at one second: NaN-free for JSON, `null` where there is no value (a lost probe, no
 * counter yet). Its round trip, jitter and loss are its first probe host's; its health is all of
 * its hosts' as the router's verdict combines them (`MonitoredWan.downWhen`).
 */
export interface WanSample extends HostSample {
  wan: number;
  rxBps: number | null;
  txBps: number | null;
  /** With more than one probe host: each host's figures, in `measuredHosts` order (the first's are the WAN's). */
  hosts?: HostSample[];
}

/** Every monitored WAN of a site at one time (ms since the epoch). */
export interface MonitorTick {
  siteId: string;
  at: number;
  wans: WanSample[];
}

/**
 * What is measured for a link: a configured WAN's probe host, or the gateway of a default route
 * failover does not manage, through its interface.
 */
export interface MonitoredWan {
  /** The WAN's number, or for a plain default route the number Enable would give it. */
  wan: number;
  interface: string;
  /** The host pinged: the WAN's probe host, or the route's gateway. */
  probe: string;
  kind: 'wan' | 'gateway';
  /** What the technician calls the link: its default route's comment. */
  name?: string;
  /** A quality-watched WAN's further probe hosts, each measured on its own. */
  moreProbes?: string[];
  /** How the router's verdict combines the hosts: down when `all` of them fail, or `any`. */
  downWhen?: 'all' | 'any';
}

/** Every host measured for a link: its probe (or gateway) first. */
export const measuredHosts = (link: Pick<MonitoredWan, 'probe' | 'moreProbes'>): string[] => [
  link.probe,
  ...(link.moreProbes ?? []),
];

/**
 * `running`: streams on the router; `paused`: the session is not online; `idle`: no link to measure;
 * `capped`: online, but as many sites as the cap allows are measured already.
 */
export type MonitorPhase = 'running' | 'paused' | 'idle' | 'capped';

export interface MonitorStatus {
  siteId: string;
  phase: MonitorPhase;
  wans: MonitoredWan[];
  /** Why a stream stopped, worded for a person. */
  error?: string;
}

/** One probe host's columns in a window, on its WAN's times. */
export interface HostColumns {
  rttMs: (number | null)[];
  jitterMs: (number | null)[];
  lossPct: (number | null)[];
}

/**
 * One WAN's history in a window, column by column; `null` is a gap. Round trip, jitter and loss
 * are the first probe host's; `hosts` has every host's when there are several.
 */
export interface WanHistory extends HostColumns {
  wan: number;
  times: number[];
  rxBps: (number | null)[];
  txBps: (number | null)[];
  hosts?: HostColumns[];
}

export interface MonitorHistory {
  siteId: string;
  window: MonitorWindow;
  wans: WanHistory[];
}

/** Sites monitored at once: the cap, and how many are measured and want to be. */
export interface MonitorCapacity {
  maxSites: number;
  /** Sites whose links are measured now. */
  monitored: number;
  /** Online sites with a link to measure: monitored, or waiting for a place under the cap. */
  wanting: number;
}

export const maxSitesLimit = 500;

/** The fleet view's sparkline: the last 10 minutes of round-trip times, one point per 10 s. */
export const sparkSeconds = 600;
export const sparkPoints = 60;

/** One link of a site as the fleet view shows it: its health and figures now, and its recent past. */
export interface FleetLink {
  wan: number;
  kind: MonitoredWan['kind'];
  name?: string;
  interface: string;
  /** From the thresholds, or down when failover found the WAN down; null before the first sample. */
  health: LinkHealth | null;
  /** The last probe's round trip, ms (null: it got no answer). */
  rttMs: number | null;
  /** Over the health period. */
  lossPct: number | null;
  /**
   * Mean round-trip times, oldest first, `sparkPoints` of them (null: no answer, or not measured).
   * Sent when a point was added; an update without it keeps the one before.
   */
  spark?: (number | null)[];
}

/** A site's summary for the fleet view: compact, pushed at most once a second for all sites that changed. */
export interface FleetSite {
  siteId: string;
  phase: MonitorPhase;
  links: FleetLink[];
  /** Failovers logged in the last 24 hours. */
  failovers24h: number;
}

export const monitorRequests = {
  /**
   * The caller shows this site: its raw samples are sent to the caller, and it is measured ahead of
   * the sites in the background when the cap is reached. Answers what is measured.
   */
  'monitor.watch': request(z.object({ siteId })).returns<MonitorStatus>(),
  'monitor.unwatch': request(z.object({ siteId })).returns<void>(),
  /** What a graph window shows: every sample up to an hour, minute averages for the day. */
  'monitor.history': request(z.object({ siteId, window: windowId })).returns<MonitorHistory>(),
  /** The site's failover event log, oldest first. */
  'monitor.log': request(z.object({ siteId })).returns<FailoverLogEntry[]>(),
  /** The log as CSV (RFC 4180), for the technician to save. */
  'monitor.exportLog': request(z.object({ siteId })).returns<string>(),
  'monitor.thresholds': request(z.undefined()).returns<HealthThresholds>(),
  'monitor.capacity': request(z.undefined()).returns<MonitorCapacity>(),
  /** Every known site's summary, sparklines included: the fleet view's start; `monitor.fleet` events follow. */
  'monitor.fleet': request(z.undefined()).returns<FleetSite[]>(),
  /** How many online sites are measured at once (each costs a few streams on its router and in main). */
  'monitor.setMaxSites': request(
    z.object({ maxSites: z.number().int().min(1).max(maxSitesLimit) }),
  ).returns<MonitorCapacity>(),
  'monitor.setThresholds': request(healthThresholdsSchema).returns<HealthThresholds>(),
};

export const monitorEvents = {
  'monitor.tick': event<MonitorTick>(),
  'monitor.status': event<MonitorStatus>(),
  'monitor.capacity': event<MonitorCapacity>(),
  /** The summaries of the sites that changed in the last second; never raw samples. */
  'monitor.fleet': event<FleetSite[]>(),
  'monitor.logEntry': event<FailoverLogEntry>(),
  'monitor.thresholdsChanged': event<HealthThresholds>(),
};
