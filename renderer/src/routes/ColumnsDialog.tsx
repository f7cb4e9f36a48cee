import type { RouteColumn } from '../../../shared/routes/route-columns';
import {
  columnLabel,
  defaultRouteLayout,
  maxColumnWidth,
  minColumnWidth,
  moveColumn,
  neighbourColumn,
  type RouteLayout,
  resizeColumn,
  setColumnHidden,
} from '../../../shared/routes/route-layout';
import { Button, IconButton } from '../components/Button';
import { Dialog } from '../components/Dialog';
import type { MenuItem } from '../components/Menu';
import { useRouteLayoutStore } from './route-layout-store';

const save = (change: (layout: RouteLayout) => RouteLayout) => {
  const { layout, save } = useRouteLayoutStore.getState();
  void save(change(layout));
};

/**
 * The column chooser as a menu (the header's context menu, the toolbar's Columns button): every
 * field RouterOS prints, ticked when shown, and the way to the Columns dialog.
 */
export function columnMenuItems(layout: RouteLayout, arrange: () => void): MenuItem[] {
  return [
    ...layout.columns.map((column) => ({
      label: columnLabel(column.key),
      checked: !column.hidden,
      onSelect: () => save((current) => setColumnHidden(current, column.key, !column.hidden)),
    })),
    { label: 'Arrange columns…', icon: 'gear', onSelect: arrange },
    { label: 'Reset columns', icon: 'refresh', onSelect: () => save(() => defaultRouteLayout) },
  ];
}

/**
 * Everything the header does with the pointer, from the keyboard: show or hide a column, set its
 * width, move it. Each change shows in the table at once and is kept.
 */
export function ColumnsDialog({ onClose }: { onClose(): void }) {
  const layout = useRouteLayoutStore((s) => s.layout);
  const move = (key: RouteColumn, side: -1 | 1) =>
    save((current) => {
      const to = neighbourColumn(current, key, side);
      return to ? moveColumn(current, key, to) : current;
    });

  return (
    <Dialog
      open
      title="Columns"
      width="small"
      onClose={onClose}
      footer={
        <>
          <Button onClick={() => save(() => defaultRouteLayout)}>Reset</Button>
          <Button variant="primary" onClick={onClose}>
            OK
          </Button>
        </>
      }
    >
      <p className="route-form-note">From top to bottom: the table's columns from left to right.</p>
      <ul className="routes-columns-list" aria-label="Columns">
        {layout.columns.map((column) => {
          const label = columnLabel(column.key);
          return (
            <li key={column.key} aria-label={label} className="routes-columns-item">
              <label className="routes-columns-shown">
                <input
                  type="checkbox"
                  checked={!column.hidden}
                  onChange={(event) =>
                    save((current) => setColumnHidden(current, column.key, !event.target.checked))
                  }
                />
                {label}
              </label>
              <input
                className="input routes-columns-width"
                type="number"
                aria-label={`Width of ${label}`}
                min={minColumnWidth}
                max={maxColumnWidth}
                step={10}
                value={column.width}
                disabled={column.hidden}
                onChange={(event) => {
                  const width = event.target.valueAsNumber;
                  // Half-typed numbers wait: 1 on the way to 120 would clamp the column to 40.
                  if (width >= minColumnWidth && width <= maxColumnWidth)
                    save((current) => resizeColumn(current, column.key, width));
                }}
              />
              <IconButton
                icon="arrow-up"
                size="small"
                label={`Move ${label} left`}
                disabled={column.hidden || !neighbourColumn(layout, column.key, -1)}
                onClick={() => move(column.key, -1)}
              />
              <IconButton
                icon="arrow-down"
                size="small"
                label={`Move ${label} right`}
                disabled={column.hidden || !neighbourColumn(layout, column.key, 1)}
                onClick={() => move(column.key, 1)}
              />
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
