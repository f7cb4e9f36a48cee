import { useEffect } from 'react';
import { create } from 'zustand';
import { defaultRouteLayout, type RouteLayout } from '../../../shared/routes/route-layout';
import { invoke, on } from '../ipc/client';

interface RouteLayoutState {
  layout: RouteLayout;
  /** While a border is dragged: the grid follows the pointer, nothing is saved yet. */
  preview(layout: RouteLayout): void;
  /** A finished change: shown at once, then kept in main (which tells every other window). */
  save(layout: RouteLayout): Promise<void>;
  receive(layout: RouteLayout): void;
}

export const useRouteLayoutStore = create<RouteLayoutState>()((set) => ({
  layout: defaultRouteLayout,
  preview: (layout) => set({ layout }),
  save: async (layout) => {
    set({ layout });
    set({ layout: await invoke('routes.setLayout', layout) });
  },
  receive: (layout) => set({ layout }),
}));

/** The columns as kept in main, followed while the table is on screen. */
export function useRouteLayout(): RouteLayout {
  useEffect(() => {
    const { receive } = useRouteLayoutStore.getState();
    const stop = on('routes.layoutChanged', receive);
    invoke('routes.layout').then(receive, () => undefined);
    return stop;
  }, []);
  return useRouteLayoutStore((s) => s.layout);
}
