import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../electron/ipc/event-hub';
import { createNotificationsService } from '../../electron/notifications/notifications-service';
import type { FleetSite } from '../../shared/ipc/channels/monitor';
import type { LinkHealth } from '../../shared/monitor/health';
import type { UplinkNotification } from '../../shared/notifications/gate';
import type { SessionState } from '../../shared/sessions/session-state';

// The notifications service on the app's event hub: what the monitor and the sessions emit goes in,
// what a desktop should raise comes out. Time is the test's, so the gate's quiet and the grant's
// countdown can be walked through.

const caller = { clientId: 'test' };
let profileDir: string;
let events: EventHub;
let raised: UplinkNotification[];
let service: ReturnType<typeof createNotificationsService>;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-12-03T08:00:00Z') });
  profileDir = mkdtempSync(join(tmpdir(), 'uplink-notify-'));
  events = new EventHub();
  raised = [];
  events.subscribe((event, payload) => {
    if (event === 'notifications.show') raised.push(payload as UplinkNotification);
  });
  service = createNotificationsService({
    events,
    profileDir,
    siteName: (siteId) => ({ a: 'Branch office', b: 'Warehouse' })[siteId],
  });
});

afterEach(async () => {
  await service.dispose?.();
  vi.useRealTimers();
  rmSync(profileDir, { recursive: true, force: true });
});

const fleet = (siteId: string, health: LinkHealth | null): FleetSite => ({
  siteId,
  phase: 'running',
  failovers24h: 0,
  links: [{ wan: 1, kind: 'wan', name: 'ISP1', interface: 'ether1', health, rttMs: 20, lossPct: 0 }],
});
const session = (siteId: string, status: SessionState['status'], expiresAt?: string): SessionState => ({
  siteId,
  status,
  readOnly: false,
  ...(expiresAt && { expiresAt }),
});

describe('the notifications service', () => {
  it('tells a link turning unhealthy and recovering, once its health was known, with the site’s name', () => {
    events.emit('monitor.fleet', [fleet('a', null)]);
    events.emit('monitor.fleet', [fleet('a', 'up')]);
    expect(raised, 'the first sample is no news').toEqual([]);
    events.emit('monitor.fleet', [fleet('a', 'down')]);
    expect(raised.map(({ siteId, kind, title, body }) => [siteId, kind, title, body])).toEqual([
      ['a', 'unhealthy', 'Branch office', 'WAN 1 (ISP1) is down'],
    ]);
    vi.advanceTimersByTime(61_000);
    events.emit('monitor.fleet', [fleet('a', 'up')]);
    expect(raised.at(-1)).toMatchObject({ kind: 'recovered', body: 'WAN 1 (ISP1) is up again' });
  });

  it('tells a fresh failover and a lost session, not an old failover read back from the router', () => {
    const at = new Date().toISOString();
    events.emit('monitor.logEntry', {
      siteId: 'a',
      at,
      kind: 'failover',
      from: 'WAN 1',
      to: 'WAN 2',
      cause: 'WAN 1 down',
    });
    const old = new Date(Date.now() - 3_600_000).toISOString();
    events.emit('monitor.logEntry', {
      siteId: 'b',
      at: old,
      kind: 'failover',
      from: 'WAN 1',
      to: 'WAN 2',
      cause: '',
    });
    events.emit('sessions.state', session('b', 'online'));
    events.emit('sessions.state', session('b', 'reconnecting'));
    // A disconnect the technician asked for is no loss.
    events.emit('sessions.state', session('c', 'online'));
    events.emit('sessions.state', session('c', 'offline'));
    expect(raised.map(({ siteId, kind, body }) => [siteId, kind, body])).toEqual([
      ['a', 'failover', 'Failover WAN 1 → WAN 2: WAN 1 down'],
      ['b', 'session-lost', 'Connection lost; reconnecting'],
    ]);
  });

  it('warns once of a grant ending within five minutes', () => {
    const expiresAt = new Date(Date.now() + 7 * 60_000).toISOString();
    events.emit('sessions.state', session('b', 'online', expiresAt));
    vi.advanceTimersByTime(60_000);
    expect(raised).toEqual([]);
    vi.advanceTimersByTime(120_000);
    expect(raised.map(({ kind, body }) => [kind, body])).toEqual([
      ['grant-expiring', 'Transient Access ends in 5 min'],
    ]);
    vi.advanceTimersByTime(120_000);
    expect(raised).toHaveLength(1);
  });

  it('raises no kind switched off, and keeps the switch in the profile', async () => {
    const settings = await service.handlers['notifications.settings'](undefined, caller);
    await service.handlers['notifications.setSettings'](
      { kinds: { ...settings.kinds, unhealthy: false } },
      caller,
    );
    events.emit('monitor.fleet', [fleet('a', 'up')]);
    events.emit('monitor.fleet', [fleet('a', 'down')]);
    expect(raised).toEqual([]);
    const reopened = createNotificationsService({
      events: new EventHub(),
      profileDir,
      siteName: () => undefined,
    });
    expect((await reopened.handlers['notifications.settings'](undefined, caller)).kinds.unhealthy).toBe(
      false,
    );
    await reopened.dispose?.();
  });
});
