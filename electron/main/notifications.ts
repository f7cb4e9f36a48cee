import { BrowserWindow, Notification } from 'electron';
import type { AppContext } from '../app/app-context';
import { showDesktopNotifications } from '../notifications/desktop-notifications';

/** Electron's part of the notifications, and all of it: its Notification class and its window. */
export function showNotifications(context: AppContext): void {
  showDesktopNotifications(context.events, Notification, () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
}
