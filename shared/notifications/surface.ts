import type { UplinkNotification } from './gate';

/**
 * Where a notification main decided on is raised: the desktop through Electron's Notification, or
 * the page through the browser's. Both paths go through raiseNotifications, so what is raised and
 * what a click does is written once, and a fake surface stands in for either under test.
 */
export interface NotificationSurface {
  /** Shows one notification; `clicked` runs when the technician clicks it. */
  raise(notification: UplinkNotification, clicked: () => void): void;
}

/**
 * Raises every notification `onShow` delivers on `surface`; a click opens its site (`open`).
 * Returns what stops it.
 */
export function raiseNotifications(
  onShow: (listener: (notification: UplinkNotification) => void) => () => void,
  surface: NotificationSurface,
  open: (siteId: string) => void,
): () => void {
  return onShow((notification) => surface.raise(notification, () => open(notification.siteId)));
}
