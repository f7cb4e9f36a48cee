import { create } from 'zustand';
import type { AppInfo } from '../../../shared/ipc/channels/app';
import { invoke } from '../ipc/client';

interface AppState {
  info: AppInfo | null;
  error: string | null;
  load(): Promise<void>;
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  error: null,
  load: async () => {
    try {
      set({ info: await invoke('app.info'), error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
