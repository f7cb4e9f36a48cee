import type { UplinkNotification } from '../../shared/notifications/gate';
import { type NotificationSurface, raiseNotifications } from '../../shared/notifications/surface';
import type { EventHub } from '../ipc/event-hub';

/** What Uplink uses of Electron's Notification class, so a fake of it can stand in under Node. */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string }): DesktopNotification;
}

export interface DesktopNotification {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

/**
 * The desktop's surface: one Electron notification each. Shown ones are held until closed, or the
 * garbage collector would take them, and their click handlers, away.
 */
export function electronSurface(Notification: NotificationClass): NotificationSurface {
  const shown = new Set<DesktopNotification>();
  return {
    raise: ({ title, body }, clicked) => {
      const notification = new Notification({ title, body });
      shown.add(notification);
      notification.on('click', clicked);
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
  };
}

/**
 * Main's notifications on the desktop, where it has notifications: a click brings the window
 * forward (`focus`) and opens the site in the renderer, over the contract (`notifications.open`).
 * Returns what stops it.
 */
export function showDesktopNotifications(
  events: Pick<EventHub, 'emit' | 'subscribe'>,
  Notification: NotificationClass,
  focus: () => void,
): () => void {
  if (!Notification.isSupported()) return () => undefined;
  return raiseNotifications(
    (listener) =>
      events.subscribe((event, payload) => {
        if (event === 'notifications.show') listener(payload as UplinkNotification);
      }),
    electronSurface(Notification),
    (siteId) => {
      focus();
      events.emit('notifications.open', { siteId });
    },
  );
}
