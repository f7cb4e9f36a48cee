import { z } from 'zod';
import { type RouteColumn, routeColumnKeys, routeColumns } from './route-columns';

/** Narrower than this a header shows nothing useful; wider than this no route field needs. */
export const minColumnWidth = 40;
export const maxColumnWidth = 800;

/**
 * How the technician arranged IP → Routes: the columns in their order, each with its width and
 * whether it is shown. Kept in main per profile, so it survives a restart, in Electron and web mode.
 */
export const routeLayoutSchema = z.object({
  columns: z
    .array(
      z.object({
        key: z.enum(routeColumnKeys),
        width: z.number().int().min(minColumnWidth).max(maxColumnWidth),
        hidden: z.boolean(),
      }),
    )
    .max(routeColumns.length * 2),
});

export type RouteLayout = z.output<typeof routeLayoutSchema>;
export type LayoutColumn = RouteLayout['columns'][number];

export const defaultRouteLayout: RouteLayout = {
  columns: routeColumns.map((column) => ({ key: column.key, width: column.width, hidden: false })),
};

/**
 * A stored layout made whole: columns it does not know (a newer version's) dropped, duplicates
 * dropped, and columns it lacks (added since it was saved) appended where the default has them last.
 */
export function completeLayout(layout: RouteLayout): RouteLayout {
  const seen = new Set<RouteColumn>();
  const columns = layout.columns.filter((column) => !seen.has(column.key) && seen.add(column.key));
  for (const column of defaultRouteLayout.columns) if (!seen.has(column.key)) columns.push(column);
  // A table with no column left cannot be right-clicked to bring one back.
  if (columns.every((column) => column.hidden)) columns[0] = { ...columns[0]!, hidden: false };
  return { columns };
}

const clampWidth = (width: number) => Math.round(Math.max(minColumnWidth, Math.min(maxColumnWidth, width)));

export function resizeColumn(layout: RouteLayout, key: RouteColumn, width: number): RouteLayout {
  return {
    columns: layout.columns.map((column) =>
      column.key === key ? { ...column, width: clampWidth(width) } : column,
    ),
  };
}

/** Moves a column to another's place, as a dropped header lands where the one under it was. */
export function moveColumn(layout: RouteLayout, key: RouteColumn, to: RouteColumn): RouteLayout {
  const from = layout.columns.findIndex((column) => column.key === key);
  const at = layout.columns.findIndex((column) => column.key === to);
  if (from < 0 || at < 0 || from === at) return layout;
  const columns = [...layout.columns];
  const [moved] = columns.splice(from, 1);
  columns.splice(at, 0, moved!);
  return { columns };
}

/** The shown column next to `key` on one side, skipping hidden ones: where a keyboard move goes. */
export function neighbourColumn(
  layout: RouteLayout,
  key: RouteColumn,
  side: -1 | 1,
): RouteColumn | undefined {
  const shown = layout.columns.filter((column) => !column.hidden);
  return shown[shown.findIndex((column) => column.key === key) + side]?.key;
}

/** Shows or hides a column; the last shown one stays. */
export function setColumnHidden(layout: RouteLayout, key: RouteColumn, hidden: boolean): RouteLayout {
  const columns = layout.columns.map((column) => (column.key === key ? { ...column, hidden } : column));
  return columns.every((column) => column.hidden) ? layout : { columns };
}

const columnInfo = new Map(routeColumns.map((column) => [column.key, column]));

/** The shown columns in order, with their labels and widths: what the grid draws. */
export function shownColumns(layout: RouteLayout) {
  return layout.columns
    .filter((column) => !column.hidden)
    .map((column) => {
      const info = columnInfo.get(column.key)!;
      return { key: column.key, label: info.label, width: column.width, numeric: 'numeric' in info };
    });
}

export const columnLabel = (key: RouteColumn) => columnInfo.get(key)!.label;
