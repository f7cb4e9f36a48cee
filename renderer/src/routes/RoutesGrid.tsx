import { type KeyboardEvent, type MouseEvent, useEffect, useId, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { DraftItemProperty } from '../../../shared/drafts/draft';
import { type Route, routeFlags } from '../../../shared/routes/route';
import { columnText, type RouteColumn } from '../../../shared/routes/route-columns';
import { shownColumns } from '../../../shared/routes/route-layout';
import { classes } from '../components/Button';
import { RoutesGridHead } from './RoutesGridHead';
import { useRouteLayout } from './route-layout-store';
import { type RoutesView, rowAt } from './routes-view-store';
import { useRowWindow } from './use-row-window';

export const rowHeight = 24;
const headerHeight = 28;

export interface RoutesGridProps {
  view: RoutesView;
  /** The grid's accessible name: "Routes", or "IPv6 Routes". */
  label: string;
  onOpen(route: Route): void;
  /** Delete: the selection is to be removed (after a confirm). */
  onRemove(): void;
  /** The context menu, for the selection, at a point. */
  onMenu(position: { x: number; y: number }): void;
  /** The column chooser, from a right-click on the header row. */
  onColumnsMenu(position: { x: number; y: number }): void;
}

/** Offline, which draft property a column shows: its cells are marked where the draft changed it. */
const draftedBy: Partial<Record<RouteColumn, DraftItemProperty>> = {
  flags: 'disabled',
  gateway: 'gateway',
  distance: 'distance',
  comment: 'comment',
  scope: 'scope',
  targetScope: 'target-scope',
  checkGateway: 'check-gateway',
};

const flagTitle = (route: Route) =>
  routeFlags
    .filter((flag) => route.flags.includes(flag.key))
    .map((flag) => flag.label)
    .join(', ');

/**
 * The route table as a WAI-ARIA grid, virtualized: only the rows on screen exist in the DOM, and
 * only their pages are fetched from main. One tab stop; arrows, Page Up/Down and Home/End move the
 * cursor (with Shift they extend the selection), Ctrl/Cmd-click adds a row, Shift-click a range,
 * Ctrl+A takes every row; Enter opens the cursor's route, Delete removes the selection (after a
 * confirm), the context-menu key opens actions on it.
 */
export function RoutesGrid({ view, label, onOpen, onRemove, onMenu, onColumnsMenu }: RoutesGridProps) {
  const layout = useRouteLayout();
  const columns = useMemo(() => shownColumns(layout), [layout]);
  const template = columns.map((column) => `${column.width}px`).join(' ');
  const total = useStore(view, (s) => s.total);
  const pages = useStore(view, (s) => s.pages);
  const selected = useStore(view, (s) => s.selected);
  const marked = useStore(view, (s) => s.marked);
  const query = useStore(view, (s) => s.query);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowId = useId();

  const { first, last, height, scrollToRow } = useRowWindow(scrollRef, {
    count: total,
    rowHeight,
    headerHeight,
    overscan: 12,
  });
  const indices = Array.from({ length: last - first }, (_, i) => first + i);

  useEffect(() => {
    view.getState().setVisible(first, last);
  }, [view, first, last]);

  useEffect(() => {
    if (selected) scrollToRow(selected.index);
  }, [selected, scrollToRow]);

  const selectedRoute = selected ? rowAt({ pages }, selected.index) : undefined;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const { select, extend, selectAll } = view.getState();
    const index = selected?.index ?? -1;
    const screenful = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / rowHeight) - 2);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: Math.max(0, index - 1),
      PageDown: index + screenful,
      PageUp: Math.max(0, index - screenful),
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      if (event.shiftKey) void extend(target);
      else select(target);
    } else if (event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey)) void selectAll();
    else if (event.key === 'Enter' && selectedRoute) onOpen(selectedRoute);
    else if (event.key === 'Delete' && marked.size > 0) onRemove();
    else if ((event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) && marked.size > 0) {
      const box = document.getElementById(`${rowId}-${selected?.index}`)?.getBoundingClientRect();
      onMenu({ x: (box?.left ?? 0) + 40, y: box?.bottom ?? 0 });
    } else return;
    event.preventDefault();
  };

  const onRowMouse = (index: number, route: Route | undefined) => (event: MouseEvent) => {
    const { select, toggle, extend } = view.getState();
    const inSelection = route !== undefined && marked.has(route.id);
    if (event.type === 'contextmenu') {
      event.preventDefault();
      // Right-click inside the selection acts on all of it, as in Winbox; elsewhere on that row.
      if (!inSelection) select(index);
      if (route) onMenu({ x: event.clientX, y: event.clientY });
      return;
    }
    if (event.type === 'click' && event.shiftKey) void extend(index);
    else if (event.type === 'click' && (event.ctrlKey || event.metaKey)) toggle(index);
    else select(index);
    if (route && event.type === 'dblclick') onOpen(route);
  };

  const sortBy = (column: RouteColumn) => {
    const { setQuery } = view.getState();
    if (query.sort !== column) setQuery({ sort: column, descending: false });
    else if (!query.descending) setQuery({ descending: true });
    else setQuery({ sort: undefined, descending: false });
  };

  return (
    <div ref={scrollRef} className="routes-scroll">
      <table
        className="routes-grid"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: rows are selected and opened from the keyboard, a WAI-ARIA grid
        role="grid"
        aria-label={label}
        aria-multiselectable
        aria-rowcount={total + 1}
        // Rows on screen still waiting for their page: the grid is updating (after a sort, a filter, a scroll).
        aria-busy={indices.some((index) => !rowAt({ pages }, index))}
        aria-colcount={columns.length}
        aria-activedescendant={
          selected && selected.index >= first && selected.index < last
            ? `${rowId}-${selected.index}`
            : undefined
        }
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <thead className="routes-grid-head">
          <RoutesGridHead
            columns={columns}
            template={template}
            query={query}
            onSort={sortBy}
            onMenu={onColumnsMenu}
          />
        </thead>
        <tbody className="routes-grid-body" style={{ height }}>
          {indices.map((index) => {
            const route = rowAt({ pages }, index);
            const isSelected = route !== undefined && marked.has(route.id);
            return (
              <tr
                key={index}
                id={`${rowId}-${index}`}
                aria-rowindex={index + 2}
                aria-selected={isSelected}
                className={classes(
                  'routes-row',
                  index % 2 === 1 && 'routes-row-striped',
                  isSelected && 'routes-row-selected',
                  selected?.index === index && 'routes-row-cursor',
                  route?.flags.includes('disabled') && 'routes-row-disabled',
                  route?.flags.includes('inactive') && 'routes-row-inactive',
                  route?.flags.includes('dynamic') && 'routes-row-dynamic',
                  route?.edited?.includes('route') && 'routes-row-drafted',
                )}
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${index * rowHeight}px)`,
                }}
                onClick={onRowMouse(index, route)}
                onDoubleClick={onRowMouse(index, route)}
                onContextMenu={onRowMouse(index, route)}
              >
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={classes(
                      'routes-cell',
                      `routes-col-${column.key}`,
                      column.numeric && 'routes-numeric',
                      route?.edited?.some((property) => property === draftedBy[column.key]) &&
                        'routes-cell-edited',
                    )}
                    title={route && column.key === 'flags' ? flagTitle(route) : undefined}
                  >
                    {route ? columnText(route, column.key) : column.key === 'dstAddress' ? '…' : ''}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
