import { z } from 'zod';

/**
 * What Uplink raises a desktop notification for; each can be switched off. `weight` orders them
 * for a site's quiet: a heavier event still goes out after a lighter one (see NotificationGate).
 */
export const notificationKinds = [
  {
    kind: 'failover',
    label: 'Failover',
    hint: 'The router moved traffic to another link.',
    weight: 3,
  },
  {
    kind: 'unhealthy',
    label: 'Link unhealthy',
    hint: 'A link turned degraded or down by the thresholds.',
    weight: 2,
  },
  { kind: 'recovered', label: 'Link recovered', hint: 'A degraded or down link is up again.', weight: 1 },
  {
    kind: 'session-lost',
    label: 'Session lost',
    hint: 'The connection to a router dropped.',
    weight: 3,
  },
  {
    kind: 'grant-expiring',
    label: 'Grant about to expire',
    hint: 'A Transient Access grant ends within five minutes.',
    weight: 2,
  },
] as const;

const weightOf = Object.fromEntries(notificationKinds.map(({ kind, weight }) => [kind, weight])) as Record<
  NotificationKind,
  number
>;

export type NotificationKind = (typeof notificationKinds)[number]['kind'];

export const notificationSettingsSchema = z.object({
  kinds: z.object(
    Object.fromEntries(notificationKinds.map(({ kind }) => [kind, z.boolean()])) as Record<
      NotificationKind,
      z.ZodBoolean
    >,
  ),
});

export type NotificationSettings = z.output<typeof notificationSettingsSchema>;

export const defaultNotificationSettings: NotificationSettings = {
  kinds: Object.fromEntries(notificationKinds.map(({ kind }) => [kind, true])) as Record<
    NotificationKind,
    boolean
  >,
};

/** Something worth telling the technician about, before the gate decides whether to. */
export interface NotificationEvent {
  siteId: string;
  kind: NotificationKind;
  /** The site's name. */
  title: string;
  body: string;
}

/** A notification to show: clicking it opens `siteId`. */
export interface UplinkNotification extends NotificationEvent {
  id: string;
  /** ms since the epoch. */
  at: number;
}

export interface GateLimits {
  /**
   * After a notification for a site, the site's next events of no greater weight wait this long
   * (they are counted, not lost).
   */
  siteQuietMs: number;
  /** At most `burst` notifications in any `windowMs`, all sites together. */
  burst: number;
  windowMs: number;
}

export const defaultGateLimits: GateLimits = { siteQuietMs: 60_000, burst: 3, windowMs: 10_000 };

/**
 * Decides which events become notifications: only the kinds switched on; per site, one and then
 * quiet for a while (a link going down brings a failover and an unhealthy link within seconds: one
 * notification says it), except that a heavier event still goes out (the thresholds often call a
 * link unhealthy before the router moves traffic off it, and that move is what the technician must
 * hear of); across sites, a few at a time. What is held back is counted and said in
 * the next notification that goes out, so nothing is silently lost; the app shows it all anyway.
 */
export class NotificationGate {
  private readonly lastBySite = new Map<string, { at: number; weight: number }>();
  private readonly heldBySite = new Map<string, number>();
  private shown: number[] = [];
  private heldElsewhere = 0;
  private sequence = 0;

  constructor(private readonly limits: GateLimits = defaultGateLimits) {}

  offer(
    event: NotificationEvent,
    now: number,
    settings: NotificationSettings,
  ): UplinkNotification | undefined {
    if (!settings.kinds[event.kind]) return undefined;
    const last = this.lastBySite.get(event.siteId);
    const weight = weightOf[event.kind];
    if (last !== undefined && now - last.at < this.limits.siteQuietMs && weight <= last.weight) {
      this.heldBySite.set(event.siteId, (this.heldBySite.get(event.siteId) ?? 0) + 1);
      return undefined;
    }
    this.shown = this.shown.filter((at) => now - at < this.limits.windowMs);
    if (this.shown.length >= this.limits.burst) {
      this.heldElsewhere += 1;
      return undefined;
    }
    this.shown.push(now);
    this.lastBySite.set(event.siteId, { at: now, weight });
    const earlier = this.heldBySite.get(event.siteId) ?? 0;
    this.heldBySite.delete(event.siteId);
    const elsewhere = this.heldElsewhere;
    this.heldElsewhere = 0;
    const more = [
      earlier > 0 && `${earlier} earlier event${earlier === 1 ? '' : 's'} here`,
      elsewhere > 0 && `${elsewhere} more on other sites`,
    ].filter(Boolean);
    this.sequence += 1;
    return {
      ...event,
      body: more.length > 0 ? `${event.body} (+${more.join(', ')})` : event.body,
      id: `${now}-${this.sequence}`,
      at: now,
    };
  }
}
