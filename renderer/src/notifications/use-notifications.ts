import { useEffect } from 'react';
import { type NotificationSurface, raiseNotifications } from '../../../shared/notifications/surface';
import { on } from '../ipc/client';
import { useAppStore } from '../stores/app-store';
import { useSitesStore } from '../stores/sites-store';

const openSite = (siteId: string) => {
  window.focus();
  useSitesStore.getState().select(siteId);
};

/**
 * Main decides what to notify. In Electron the shell raises it and says when it was clicked; in
 * web mode this page raises it with the browser's Notification API, when the technician allowed it.
 */
export function useNotifications(): void {
  const web = useAppStore((s) => s.info?.mode === 'web');
  useEffect(() => on('notifications.open', ({ siteId }) => openSite(siteId)), []);
  useEffect(() => {
    if (!web || !('Notification' in window)) return;
    return raiseNotifications((listener) => on('notifications.show', listener), browserSurface, openSite);
  }, [web]);
}

/** The page's surface: the browser's Notification API, once the technician allowed it. */
const browserSurface: NotificationSurface = {
  raise: ({ id, title, body }, clicked) => {
    if (Notification.permission !== 'granted') return;
    const shown = new Notification(title, { body, tag: id });
    shown.onclick = () => {
      clicked();
      shown.close();
    };
  },
};
