import { create } from 'zustand';
import type { LinkStatus } from '../ipc/web-socket-bridge';

interface ConnectionState {
  /** The renderer's link to main: always open in Electron, a WebSocket in web mode. */
  status: LinkStatus;
  /** Set when main says it is going away, so the UI explains the silence. */
  closingReason: string | null;
  setStatus(status: LinkStatus): void;
  setClosing(reason: string): void;
}

export const useConnectionStore = create<ConnectionState>()((set) => ({
  status: 'open',
  closingReason: null,
  setStatus: (status) => set(status === 'open' ? { status, closingReason: null } : { status }),
  setClosing: (closingReason) => set({ closingReason }),
}));
