import { create } from 'zustand';

export type ThemePreference = 'system' | 'light' | 'dark';

const storageKey = 'uplink.theme';

interface ThemeState {
  preference: ThemePreference;
  setPreference(preference: ThemePreference): void;
}

function stored(): ThemePreference {
  const value = localStorage.getItem(storageKey);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The chosen theme is applied as `data-theme` on <html>; "system" leaves it to prefers-color-scheme. */
function apply(preference: ThemePreference): void {
  if (preference === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = preference;
}

export const useThemeStore = create<ThemeState>()((set) => {
  const preference = stored();
  apply(preference);
  return {
    preference,
    setPreference: (next) => {
      localStorage.setItem(storageKey, next);
      apply(next);
      set({ preference: next });
    },
  };
});
