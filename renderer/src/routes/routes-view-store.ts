import { createStore } from 'zustand/vanilla';
import { maxSelection, type RouteRow, type RouteTableStatus } from '../../../shared/ipc/channels/routes';
import type { RouteFamily } from '../../../shared/routes/route-family';
import { type RouteQueryParsed, routeQuerySchema } from '../../../shared/routes/route-query';
import { invoke, on } from '../ipc/client';

/** Rows per window request: a screenful and a half at 24px rows. */
export const pageSize = 100;
/** Pages kept either side of the visible ones; anything further is dropped (a million rows never pile up). */
const keptPages = 10;

export interface RoutesViewState {
  status: RouteTableStatus | null;
  query: RouteQueryParsed;
  /** Rows matching the query, as main last counted them. */
  total: number;
  /** Per Find condition of the query, the routes it matches on its own, as main last counted them. */
  matches: readonly number[];
  /** Fetched rows by page; a missing page shows placeholders until it arrives. */
  pages: ReadonlyMap<number, RouteRow[]>;
  /** The cursor: the row arrows move from and Enter opens. */
  selected: { index: number; id: string } | null;
  /** Every selected route by id (the cursor's among them): what toolbar, menu and keys act on. */
  marked: ReadonlySet<string>;
  /** Where a Shift-selection starts: the last row clicked or moved to without Shift. */
  anchor: number;
  error: string | null;
  /** Starts watching the site's table in main; returns the cleanup. */
  watch(): () => void;
  setQuery(patch: Partial<RouteQueryParsed>): void;
  /** The grid reports which rows are on screen; missing or stale pages are fetched. */
  setVisible(start: number, end: number): void;
  /** Moves the cursor to one row and selects it alone. */
  select(index: number): void;
  /** Ctrl/Cmd-click: adds the row to the selection, or takes it out. */
  toggle(index: number): void;
  /** Shift-click, Shift+arrows: selects every row from the anchor to `index`, loaded or not. */
  extend(index: number): Promise<void>;
  /** Ctrl+A: every row the query shows. */
  selectAll(): Promise<void>;
}

export type RoutesView = ReturnType<typeof createRoutesView>;

/** One site's IP → Routes or IPv6 → Routes: what every request about a table names. */
export interface RouteTableKey {
  siteId: string;
  family: RouteFamily;
}

/** A site's route table as one Routes tab shows it: one store per tab, so two sites or families never mix. */
export function createRoutesView(table: RouteTableKey) {
  const { siteId, family } = table;
  /** Which query the pages belong to: answers to an older one are dropped. */
  let generation = 0;
  let visible = { start: 0, end: pageSize };
  const pageVersions = new Map<number, number>();
  const inFlight = new Map<number, number>();

  return createStore<RoutesViewState>()((set, get) => {
    const fetchPage = async (page: number) => {
      const version = get().status?.version ?? 0;
      if ((pageVersions.get(page) ?? -1) >= version && get().pages.has(page)) return;
      if ((inFlight.get(page) ?? -1) >= version) return;
      inFlight.set(page, version);
      const asked = generation;
      try {
        const window = await invoke('routes.window', {
          ...table,
          query: get().query,
          start: page * pageSize,
          count: pageSize,
        });
        if (asked !== generation) return;
        pageVersions.set(page, window.version);
        const pages = new Map(get().pages);
        pages.set(page, window.rows);
        set({ pages, total: window.total, matches: window.matches, error: null });
        syncSelection();
      } catch (error) {
        if (asked === generation) set({ error: error instanceof Error ? error.message : String(error) });
      } finally {
        if (inFlight.get(page) === version) inFlight.delete(page);
      }
    };

    const refresh = () => {
      const first = Math.floor(visible.start / pageSize);
      const last = Math.floor(Math.max(visible.start, visible.end - 1) / pageSize);
      for (let page = first; page <= last; page++) void fetchPage(page);
      const pages = get().pages;
      if ([...pages.keys()].some((page) => page < first - keptPages || page > last + keptPages)) {
        set({
          pages: new Map(
            [...pages].filter(([page]) => page >= first - keptPages && page <= last + keptPages),
          ),
        });
      }
    };

    /** After a change the selected route may sit elsewhere (or be gone): follow it by id. */
    const syncSelection = () => {
      const { selected, marked } = get();
      if (!selected) return;
      const row = rowAt(get(), selected.index);
      if (!row || row.id === selected.id) return;
      // The cursor landed on a row whose page had not come yet: now it has, and it is selected.
      if (selected.id === '')
        set({
          selected: { index: selected.index, id: row.id },
          marked: marked.size === 0 ? new Set([row.id]) : marked,
        });
      else void locate(selected.id);
    };

    /** The ids of rows start..end of the current query, from main (pages need not be loaded). */
    const idsBetween = async (start: number, end: number) => {
      const asked = generation;
      const count = Math.min(maxSelection, end - start + 1);
      const ids = await invoke('routes.ids', { ...table, query: get().query, start, count });
      return asked === generation ? ids : undefined;
    };

    const clamp = (index: number) => Math.max(0, Math.min(get().total - 1, index));

    const locate = async (id: string) => {
      if (id === '') return;
      const asked = generation;
      const index = await invoke('routes.indexOf', { ...table, query: get().query, id }).catch(() => -1);
      if (asked !== generation || get().selected?.id !== id) return;
      set({ selected: index >= 0 ? { index, id } : null });
    };

    const restart = () => {
      generation += 1;
      pageVersions.clear();
      inFlight.clear();
      set({ pages: new Map() });
      refresh();
      const { selected } = get();
      if (selected) void locate(selected.id);
    };

    return {
      status: null,
      query: routeQuerySchema.parse({}),
      total: 0,
      matches: [],
      pages: new Map(),
      selected: null,
      marked: new Set(),
      anchor: 0,
      error: null,
      watch: () => {
        const receive = (status: RouteTableStatus) => {
          if (status.siteId !== siteId || status.family !== family) return;
          const previous = get().status;
          set({ status });
          // A table main made anew (dropped while nobody watched it) counts its versions from the start again.
          if (previous && status.version < previous.version) restart();
          else if (status.version !== previous?.version) refresh();
        };
        const stop = on('routes.status', receive);
        invoke('routes.watch', table).then(receive, (error: unknown) =>
          set({ error: error instanceof Error ? error.message : String(error) }),
        );
        return () => {
          stop();
          void invoke('routes.unwatch', table).catch(() => undefined);
        };
      },
      setQuery: (patch) => {
        // Rows a new filter hides must not stay selected, out of sight, for a Remove.
        set({
          query: { ...get().query, ...patch },
          marked: new Set(),
          selected: null,
          // Counts of other conditions would sit on the new chips until main answers.
          ...(patch.conditions && { matches: [] }),
        });
        restart();
      },
      setVisible: (start, end) => {
        if (start === visible.start && end === visible.end) return;
        visible = { start, end };
        refresh();
      },
      select: (index) => {
        const { total, pages } = get();
        if (total === 0) return set({ selected: null, marked: new Set() });
        const clamped = clamp(index);
        const id = rowAt({ pages }, clamped)?.id ?? '';
        set({ selected: { index: clamped, id }, marked: new Set(id ? [id] : []), anchor: clamped });
      },
      toggle: (index) => {
        const id = rowAt(get(), index)?.id;
        if (!id) return;
        const marked = new Set(get().marked);
        if (!marked.delete(id)) marked.add(id);
        set({ selected: { index, id }, marked, anchor: index });
      },
      extend: async (index) => {
        if (get().total === 0) return;
        const clamped = clamp(index);
        const { anchor } = get();
        set({ selected: { index: clamped, id: rowAt(get(), clamped)?.id ?? '' } });
        const ids = await idsBetween(Math.min(anchor, clamped), Math.max(anchor, clamped));
        if (ids) set({ marked: new Set(ids) });
      },
      selectAll: async () => {
        const { total } = get();
        if (total === 0) return;
        const ids = await idsBetween(0, total - 1);
        if (ids) set({ marked: new Set(ids) });
      },
    };
  });
}

/** The route at a position of the view, if its page is here. */
export function rowAt(state: Pick<RoutesViewState, 'pages'>, index: number): RouteRow | undefined {
  return state.pages.get(Math.floor(index / pageSize))?.[index % pageSize];
}
