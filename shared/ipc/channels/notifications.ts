import { z } from 'zod';
import {
  type NotificationSettings,
  notificationSettingsSchema,
  type UplinkNotification,
} from '../../notifications/gate';
import { event, request } from '../channel';

export const notificationsRequests = {
  'notifications.settings': request(z.undefined()).returns<NotificationSettings>(),
  /** Which kinds raise a desktop notification; kept in the profile. */
  'notifications.setSettings': request(notificationSettingsSchema).returns<NotificationSettings>(),
};

export const notificationsEvents = {
  /** A notification to raise: the Electron shell shows it itself; in web mode the page does. */
  'notifications.show': event<UplinkNotification>(),
  /** The technician clicked a notification the shell showed: open its site. */
  'notifications.open': event<{ siteId: string }>(),
  'notifications.settingsChanged': event<NotificationSettings>(),
};
