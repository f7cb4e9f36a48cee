import { useEffect, useState } from 'react';
import { type NotificationSettings, notificationKinds } from '../../../shared/notifications/gate';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox } from '../components/Choice';
import { Dialog } from '../components/Dialog';
import { invoke } from '../ipc/client';
import { useAppStore } from '../stores/app-store';

/** In web mode the browser asks once; its answer is the page's to keep. */
function useBrowserPermission(): [NotificationPermission | 'unsupported', () => void] {
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(
    supported ? Notification.permission : 'unsupported',
  );
  const ask = () => {
    if (supported) void Notification.requestPermission().then(setPermission);
  };
  return [permission, ask];
}

/** Which events raise a desktop notification: each kind on or off, saved at once. */
export function NotificationsDialog({ onClose }: { onClose(): void }) {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [failure, setFailure] = useState<string>();
  const web = useAppStore((s) => s.info?.mode === 'web');
  const [permission, ask] = useBrowserPermission();

  useEffect(() => {
    invoke('notifications.settings').then(setSettings, (error: Error) => setFailure(error.message));
  }, []);

  const toggle = (kind: keyof NotificationSettings['kinds'], on: boolean) => {
    if (!settings) return;
    const next = { kinds: { ...settings.kinds, [kind]: on } };
    setSettings(next);
    invoke('notifications.setSettings', next).then(setSettings, (error: Error) => setFailure(error.message));
  };

  return (
    <Dialog
      open
      title="Notifications"
      onClose={onClose}
      width="small"
      footer={
        <>
          <span className="spacer" />
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </>
      }
    >
      {failure && (
        <Banner tone="error" title="The notification settings were not saved">
          {failure}
        </Banner>
      )}
      {web && permission === 'default' && (
        <Banner tone="info" title="This browser has not been allowed to notify">
          <Button onClick={ask}>Allow desktop notifications</Button>
        </Banner>
      )}
      {web && permission === 'denied' && (
        <Banner tone="warning" title="This browser refuses notifications">
          Allow them for this page in the browser’s site settings.
        </Banner>
      )}
      <p className="muted">
        One notification per site at a time, a few at once across sites; clicking one opens its site.
      </p>
      {notificationKinds.map(({ kind, label, hint }) => (
        <Checkbox
          key={kind}
          label={label}
          hint={hint}
          disabled={!settings}
          checked={settings?.kinds[kind] ?? false}
          onChange={(event) => toggle(kind, event.target.checked)}
        />
      ))}
    </Dialog>
  );
}
