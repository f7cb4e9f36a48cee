import { create } from 'zustand';
import type { Neighbor } from '../../../shared/ipc/channels/sites';
import { invoke } from '../ipc/client';

interface NeighborsState {
  /** Routers heard over MNDP, most recently heard first. */
  neighbors: Neighbor[];
  loaded: boolean;
  load(): Promise<void>;
  receive(neighbors: Neighbor[]): void;
}

export const useNeighborsStore = create<NeighborsState>()((set) => ({
  neighbors: [],
  loaded: false,
  load: async () => set({ neighbors: sorted(await invoke('neighbors.list')), loaded: true }),
  receive: (neighbors) => set({ neighbors: sorted(neighbors), loaded: true }),
}));

function sorted(neighbors: Neighbor[]): Neighbor[] {
  return [...neighbors].sort(
    (a, b) =>
      a.identity.localeCompare(b.identity, undefined, { numeric: true }) ||
      a.macAddress.localeCompare(b.macAddress),
  );
}
