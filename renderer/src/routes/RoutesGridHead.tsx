import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext, useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { MouseEvent, PointerEvent } from 'react';
import type { RouteColumn } from '../../../shared/routes/route-columns';
import {
  maxColumnWidth,
  minColumnWidth,
  moveColumn,
  resizeColumn,
  type shownColumns,
} from '../../../shared/routes/route-layout';
import type { RouteQueryParsed } from '../../../shared/routes/route-query';
import { classes } from '../components/Button';
import { useRouteLayoutStore } from './route-layout-store';

type ShownColumn = ReturnType<typeof shownColumns>[number];

export interface RoutesGridHeadProps {
  columns: ShownColumn[];
  template: string;
  query: RouteQueryParsed;
  onSort(column: RouteColumn): void;
  /** Right-click on a header: the column chooser, at the pointer. */
  onMenu(position: { x: number; y: number }): void;
}

/**
 * The header row: click a header to sort, drag it sideways to move its column, drag its right
 * border to resize it; right-click for the column chooser. Each change is kept as the
 * technician's layout (the Columns dialog does the same from the keyboard).
 */
export function RoutesGridHead({ columns, template, query, onSort, onMenu }: RoutesGridHeadProps) {
  // A press that moves less than this is a click (a sort), not a drag.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const { layout, save } = useRouteLayoutStore.getState();
    void save(moveColumn(layout, active.id as RouteColumn, over.id as RouteColumn));
  };
  const onContextMenu = (event: MouseEvent) => {
    event.preventDefault();
    onMenu({ x: event.clientX, y: event.clientY });
  };

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={columns.map((column) => column.key)} strategy={horizontalListSortingStrategy}>
        <tr
          aria-rowindex={1}
          className="routes-row"
          style={{ gridTemplateColumns: template }}
          onContextMenu={onContextMenu}
        >
          {columns.map((column) => (
            <SortableHeader key={column.key} column={column} query={query} onSort={onSort} />
          ))}
        </tr>
      </SortableContext>
    </DndContext>
  );
}

function SortableHeader({
  column,
  query,
  onSort,
}: {
  column: ShownColumn;
  query: RouteQueryParsed;
  onSort(column: RouteColumn): void;
}) {
  const sortable = useSortable({ id: column.key });
  const sorted = query.sort === column.key;
  return (
    <th
      ref={sortable.setNodeRef}
      scope="col"
      // Named by its label alone: the resizer inside it has a name of its own.
      aria-label={column.label}
      aria-sort={sorted ? (query.descending ? 'descending' : 'ascending') : undefined}
      className={classes(
        'routes-cell',
        'routes-head-cell',
        `routes-col-${column.key}`,
        column.numeric && 'routes-numeric',
        sortable.isDragging && 'routes-head-dragging',
      )}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
    >
      <button
        type="button"
        tabIndex={-1}
        onClick={() => onSort(column.key)}
        // Only the pointer moves a header: dnd-kit's attributes would make each one a tab stop, and
        // the grid keeps one (the Columns dialog moves columns from the keyboard).
        {...sortable.listeners}
      >
        <span className="routes-head-label">{column.label}</span>
        <span className="routes-sort" aria-hidden="true">
          {sorted ? (query.descending ? '▼' : '▲') : ''}
        </span>
      </button>
      <ResizeBorder column={column} />
    </th>
  );
}

/** The header's right border: dragged, it sets the column's width; the grid follows live. */
function ResizeBorder({ column }: { column: ShownColumn }) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    // Not a header drag, not a sort.
    event.stopPropagation();
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const { layout: start, preview, save } = useRouteLayoutStore.getState();
    const widthAt = (x: number) => resizeColumn(start, column.key, column.width + x - startX);
    const onMove = (move: globalThis.PointerEvent) => preview(widthAt(move.clientX));
    const onUp = (up: globalThis.PointerEvent) => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
      handle.removeEventListener('pointercancel', onUp);
      void save(widthAt(up.clientX));
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
    handle.addEventListener('pointercancel', onUp);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a resizer is WAI-ARIA's separator with a value (its width), which an <hr> cannot carry
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${column.label}`}
      aria-valuenow={column.width}
      aria-valuemin={minColumnWidth}
      aria-valuemax={maxColumnWidth}
      className="routes-resize"
      onPointerDown={onPointerDown}
    />
  );
}
