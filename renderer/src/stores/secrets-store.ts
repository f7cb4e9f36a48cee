import { create } from 'zustand';
import type { SecretStoreInfo } from '../../../shared/ipc/channels/sites';
import { invoke } from '../ipc/client';

interface SecretsState {
  /** Null until main answered; the site dialog says nothing rather than guess. */
  info: SecretStoreInfo | null;
  load(): Promise<void>;
}

export const useSecretsStore = create<SecretsState>()((set) => ({
  info: null,
  load: async () => set({ info: await invoke('secrets.info') }),
}));
