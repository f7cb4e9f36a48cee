import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import {
  type DesktopNotification,
  showDesktopNotifications,
} from '../../electron/notifications/desktop-notifications';
import type { ServerMessage } from '../../shared/ipc/bridge';
import type { FleetSite } from '../../shared/ipc/channels/monitor';
import type { FailoverLogEntry } from '../../shared/monitor/failover-log';
import type { NotificationSettings } from '../../shared/notifications/gate';
import type { Site } from '../../shared/sites/site';
import { openIpc, startTestWebServer } from '../web/test-server';

// The desktop's notifications as the Electron app raises them, under Node: the whole app in web
// mode (its services, its event hub, its contract over a socket) with a fake of Electron's
// Notification class given to the same notifier the app gives the real one. Main decides (kinds
// switched off, one per site, a few across sites); the desktop shows; a click opens the site in the
// renderer over the contract. test/electron/smoke.spec.ts does the same with a real Electron binary.

/** Electron's Notification as far as Uplink uses it; each one made is kept for the test to click. */
class FakeNotification implements DesktopNotification {
  static supported = true;
  static made: FakeNotification[] = [];
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  private readonly listeners = new Map<string, () => void>();
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    FakeNotification.made.push(this);
  }
  on(event: 'click' | 'close', listener: () => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  show(): void {
    this.shown = true;
  }
  /** What the OS does when the technician clicks it. */
  click(): void {
    this.listeners.get('click')?.();
  }
}

let server: Awaited<ReturnType<typeof startTestWebServer>>;
let ws: WebSocket;
let received: ServerMessage[];
let focused: number;
let stop: () => void;

beforeEach(async () => {
  FakeNotification.made = [];
  FakeNotification.supported = true;
  focused = 0;
  server = await startTestWebServer();
  stop = showDesktopNotifications(server.context.events, FakeNotification, () => {
    focused += 1;
  });
  ws = await openIpc(server);
  received = [];
  ws.on('message', (data) => received.push(JSON.parse(data.toString()) as ServerMessage));
});

afterEach(async () => {
  stop();
  ws.close();
  await server.close();
});

const failover = (siteId: string): FailoverLogEntry => ({
  siteId,
  at: new Date().toISOString(),
  kind: 'failover',
  from: 'WAN 1',
  to: 'WAN 2',
  cause: 'WAN 1 down',
});
const fleet = (siteId: string, health: 'up' | 'down'): FleetSite => ({
  siteId,
  phase: 'running',
  failovers24h: 0,
  links: [{ wan: 1, kind: 'wan', name: 'ISP1', interface: 'ether1', health, rttMs: 20, lossPct: 0 }],
});
let nextId = 1;
/** A request over the socket, answered by its own reply whatever events come between. */
async function request<T>(channel: string, arg?: unknown): Promise<T> {
  const id = nextId++;
  ws.send(JSON.stringify({ id, channel, arg }));
  for (;;) {
    const reply = received.find((message) => 'id' in message && message.id === id);
    if (reply && 'result' in reply) {
      if (!reply.result.ok) throw new Error(reply.result.error.message);
      return reply.result.value as T;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const shown = () => FakeNotification.made.filter((each) => each.shown).map((each) => each.options);

describe('desktop notifications through Electron’s Notification class', () => {
  it('shows a failover with the site’s name; a click brings the window forward and opens the site over the contract', async () => {
    const [demo] = await request<Site[]>('sites.list');
    const siteId = demo?.id ?? '';
    server.context.events.emit('monitor.logEntry', failover(siteId));
    expect(shown()).toEqual([{ title: 'Demo router', body: 'Failover WAN 1 → WAN 2: WAN 1 down' }]);

    FakeNotification.made[0]?.click();
    expect(focused).toBe(1);
    await expect
      .poll(() => received.filter((message) => 'event' in message && message.event === 'notifications.open'))
      .toEqual([{ event: 'notifications.open', payload: { siteId } }]);
  });

  it('shows at most three in ten seconds across sites, and one per site', () => {
    for (const siteId of ['a', 'b', 'c', 'd', 'e'])
      server.context.events.emit('monitor.logEntry', failover(siteId));
    server.context.events.emit('monitor.logEntry', failover('a'));
    expect(shown()).toHaveLength(3);
  });

  it('shows no kind switched off over the contract, and the others still', async () => {
    const { kinds } = await request<NotificationSettings>('notifications.settings');
    await request('notifications.setSettings', { kinds: { ...kinds, failover: false } });
    server.context.events.emit('monitor.logEntry', failover('a'));
    expect(shown()).toEqual([]);
    server.context.events.emit('monitor.fleet', [fleet('b', 'up')]);
    server.context.events.emit('monitor.fleet', [fleet('b', 'down')]);
    expect(shown()).toEqual([{ title: 'Uplink', body: 'WAN 1 (ISP1) is down' }]);
  });

  it('raises nothing where the desktop has no notifications', () => {
    stop();
    FakeNotification.supported = false;
    stop = showDesktopNotifications(server.context.events, FakeNotification, () => undefined);
    server.context.events.emit('monitor.logEntry', failover('a'));
    expect(FakeNotification.made).toEqual([]);
  });
});
