import { create } from 'zustand';
import { maxWans } from '../../../shared/failover/wan';

interface PriorityDraftState {
  /**
   * WANs on screen but not on the router yet: the two that Enable shows, and those Add WAN adds.
   * They exist only here until they are configured.
   */
  slots: Record<string, number[]>;
  /** The priority order being arranged (configured WANs, first = primary), until Apply or Cancel. */
  orders: Record<string, number[]>;
  enable(siteId: string): void;
  addWan(siteId: string, configured: number[]): void;
  removeSlot(siteId: string, wan: number): void;
  setOrder(siteId: string, order: number[]): void;
  /** Drops the pending order: the list shows the router's again. */
  discardOrder(siteId: string): void;
  /** Turns the tab back off (after Deactivate). */
  reset(siteId: string): void;
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _, ...rest } = record;
  return rest;
}

export const usePriorityDraftStore = create<PriorityDraftState>()((set) => ({
  slots: {},
  orders: {},
  enable: (siteId) => set((state) => ({ slots: { ...state.slots, [siteId]: [1, 2] } })),
  addWan: (siteId, configured) =>
    set((state) => {
      const shown = new Set([...configured, ...(state.slots[siteId] ?? [])]);
      const next = Array.from({ length: maxWans }, (_, index) => index + 1).find((wan) => !shown.has(wan));
      if (next === undefined) return state;
      return { slots: { ...state.slots, [siteId]: [...(state.slots[siteId] ?? []), next] } };
    }),
  removeSlot: (siteId, wan) =>
    set((state) => ({
      slots: { ...state.slots, [siteId]: (state.slots[siteId] ?? []).filter((slot) => slot !== wan) },
    })),
  setOrder: (siteId, order) => set((state) => ({ orders: { ...state.orders, [siteId]: order } })),
  discardOrder: (siteId) => set((state) => ({ orders: without(state.orders, siteId) })),
  reset: (siteId) =>
    set((state) => ({ slots: without(state.slots, siteId), orders: without(state.orders, siteId) })),
}));

const noSlots: number[] = [];

export const selectSlots =
  (siteId: string) =>
  (state: PriorityDraftState): number[] =>
    state.slots[siteId] ?? noSlots;

export const selectDraftOrder =
  (siteId: string) =>
  (state: PriorityDraftState): number[] | undefined =>
    state.orders[siteId];
