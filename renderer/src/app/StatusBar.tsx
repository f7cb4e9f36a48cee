import { useState } from 'react';
import { Button } from '../components/Button';
import { NotificationsDialog } from '../notifications/NotificationsDialog';
import { useAppStore } from '../stores/app-store';
import { type ThemePreference, useThemeStore } from '../stores/theme-store';

const themes: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function StatusBar() {
  const info = useAppStore((s) => s.info);
  const error = useAppStore((s) => s.error);
  const preference = useThemeStore((s) => s.preference);
  const setPreference = useThemeStore((s) => s.setPreference);
  const [notifications, setNotifications] = useState(false);

  return (
    <footer className="status-bar">
      <span role="status" aria-label="App version">
        {info ? `${info.name} ${info.version}` : error ? `App info unavailable: ${error}` : 'Uplink'}
      </span>
      {info && (
        <span role="status" aria-label="App mode" className="muted">
          {info.mode === 'web' ? 'Web mode' : 'Desktop'} · {info.platform}/{info.arch}
        </span>
      )}
      <span className="spacer" />
      <Button size="small" onClick={() => setNotifications(true)}>
        Notifications
      </Button>
      <label className="theme-picker">
        Theme
        <select value={preference} onChange={(event) => setPreference(event.target.value as ThemePreference)}>
          {themes.map((theme) => (
            <option key={theme.value} value={theme.value}>
              {theme.label}
            </option>
          ))}
        </select>
      </label>
      {notifications && <NotificationsDialog onClose={() => setNotifications(false)} />}
    </footer>
  );
}
