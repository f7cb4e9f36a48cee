import { describe, expect, it } from 'vitest';
import {
  defaultNotificationSettings,
  type NotificationEvent,
  NotificationGate,
} from '../../shared/notifications/gate';

const event = (siteId: string, kind: NotificationEvent['kind'] = 'failover'): NotificationEvent => ({
  siteId,
  kind,
  title: siteId,
  body: `${kind} on ${siteId}`,
});
const on = defaultNotificationSettings;

describe('the notification gate', () => {
  it('lets the kinds switched on through, one per site and then quiet, and says what it held back', () => {
    const gate = new NotificationGate({ siteQuietMs: 60_000, burst: 3, windowMs: 10_000 });
    expect(gate.offer(event('a'), 0, on)?.body).toBe('failover on a');
    // The same outage's unhealthy link, seconds later: folded into the one notification.
    expect(gate.offer(event('a', 'unhealthy'), 4000, on)).toBeUndefined();
    expect(gate.offer(event('b'), 5000, on)?.title).toBe('b');
    const off = { kinds: { ...on.kinds, recovered: false } };
    expect(gate.offer(event('c', 'recovered'), 6000, off), 'switched off').toBeUndefined();
    expect(gate.offer(event('a', 'recovered'), 61_000, on)?.body).toBe(
      'recovered on a (+1 earlier event here)',
    );
  });

  it("lets a heavier event through a site's quiet: the failover after the thresholds' unhealthy link", () => {
    const gate = new NotificationGate({ siteQuietMs: 60_000, burst: 3, windowMs: 10_000 });
    expect(gate.offer(event('a', 'unhealthy'), 0, on)?.body).toBe('unhealthy on a');
    expect(gate.offer(event('a', 'recovered'), 1000, on), 'lighter: held').toBeUndefined();
    expect(gate.offer(event('a', 'failover'), 2000, on)?.body).toBe('failover on a (+1 earlier event here)');
    expect(gate.offer(event('a', 'session-lost'), 3000, on), 'as heavy: held').toBeUndefined();
    expect(gate.offer(event('a', 'failover'), 62_000, on)?.body).toBe(
      'failover on a (+1 earlier event here)',
    );
  });

  it('shows a few at a time across sites and counts the rest into the next', () => {
    const gate = new NotificationGate({ siteQuietMs: 60_000, burst: 2, windowMs: 10_000 });
    expect(gate.offer(event('a'), 0, on)).toBeDefined();
    expect(gate.offer(event('b'), 100, on)).toBeDefined();
    expect(gate.offer(event('c'), 200, on)).toBeUndefined();
    expect(gate.offer(event('d'), 300, on)).toBeUndefined();
    expect(gate.offer(event('e'), 10_500, on)?.body).toBe('failover on e (+2 more on other sites)');
  });
});
