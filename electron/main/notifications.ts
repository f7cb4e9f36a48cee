import { BrowserWindow, Notification } from 'electron';
import type { UplinkNotification } from '../../shared/notifications/gate';
import type { AppContext } from '../app/app-context';

/**
 * The desktop raises main's notifications through Electron's Notification; a click brings the
 * window forward and opens the site. Shown ones are held until closed, or the garbage collector
 * would take them, and their click handlers, away.
 */
export function showNotifications(context: AppContext): void {
  if (!Notification.isSupported()) return;
  const shown = new Set<Notification>();
  context.events.subscribe((event, payload) => {
    if (event !== 'notifications.show') return;
    const { siteId, title, body } = payload as UplinkNotification;
    const notification = new Notification({ title, body });
    shown.add(notification);
    notification.on('click', () => {
      const [window] = BrowserWindow.getAllWindows();
      if (window?.isMinimized()) window.restore();
      window?.focus();
      context.events.emit('notifications.open', { siteId });
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  });
}
