import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { type DraftProperty, routeKeyOf, type SiteSnapshot } from '../../../shared/drafts/draft';
import { draftedRoutes } from '../../../shared/drafts/draft-plan';
import { flagLetters, type Route } from '../../../shared/routes/route';
import { classes } from '../components/Button';
import { invoke } from '../ipc/client';
import { RouteDialog } from '../routes/RouteDialog';
import { RouteFilter } from '../routes/RouteFilter';
import { selectSite, useSitesStore } from '../stores/sites-store';
import { selectDraft, useDraftsStore } from './drafts-store';
import '../components/data-table.css';
import '../routes/routes.css';
import './drafts.css';
import { count } from '../components/count';

interface Column {
  title: string;
  value(route: Route): string;
  /** The draft property it shows, marked when the draft changed it. */
  property?: DraftProperty;
  mono?: boolean;
}

const columns: Column[] = [
  { title: 'Flags', value: (route) => flagLetters(route.flags), mono: true },
  { title: 'Dst. Address', value: (route) => route.dstAddress, mono: true },
  { title: 'Gateway', value: (route) => route.gateway, property: 'gateway', mono: true },
  { title: 'Distance', value: (route) => String(route.distance), property: 'distance', mono: true },
  { title: 'Routing Table', value: (route) => route.routingTable },
  { title: 'Comment', value: (route) => route.comment, property: 'comment' },
];
/** Rows drawn at once: a snapshot may hold a full table; the filter finds the rest. */
const shownLimit = 500;

/**
 * IP → Routes offline: the snapshot's routes with the draft's values in, edited ones marked.
 * Double-click or Enter opens a route; what is changed goes into the draft, not to the router.
 */
export function OfflineRoutes({ siteId, snapshot }: { siteId: string; snapshot: SiteSnapshot }) {
  const items = useDraftsStore(selectDraft(siteId))?.items;
  const readOnly = useSitesStore((state) => selectSite(siteId)(state)?.readOnly ?? false);
  const drafted = useMemo(
    () => draftedRoutes(snapshot.routes, items && { siteId, baseTakenAt: snapshot.takenAt, items }),
    [snapshot, items, siteId],
  );
  const [filter, setFilter] = useState('');
  const matching = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    if (!needle) return drafted;
    return drafted.filter(({ route }) =>
      columns.some((column) => column.value(route).toLowerCase().includes(needle)),
    );
  }, [drafted, filter]);
  const rows = matching.slice(0, shownLimit);
  const [selected, setSelected] = useState(0);
  const [editing, setEditing] = useState<Route | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);

  const select = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setSelected(next);
    body.current?.querySelectorAll<HTMLElement>('tr')[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    if (event.key in moves) select(selected + (moves[event.key] ?? 0));
    else if (event.key === 'Home') select(0);
    else if (event.key === 'End') select(rows.length - 1);
    else if (event.key === 'Enter' && rows[selected]) setEditing(rows[selected].route);
    else return;
    event.preventDefault();
  };

  return (
    <div className="site-tab-page">
      <div className="routes-filters">
        <RouteFilter
          value={filter}
          onChange={(next) => {
            setFilter(next);
            setSelected(0);
          }}
        />
        <span className="routes-count" aria-live="polite">
          {rows.length < matching.length
            ? `Showing ${count.format(rows.length)} of ${count.format(matching.length)} routes: filter to find others`
            : `${count.format(matching.length)} of ${count.format(drafted.length)} routes`}
        </span>
      </div>
      <div className="offline-routes">
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA's data grid: a table the keyboard moves through */}
        <table className="data-table" role="grid" aria-label="Routes" onKeyDown={onKeyDown}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.title} scope="col">
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={body}>
            {rows.map(({ route, edited }, index) => (
              <tr
                key={route.id}
                tabIndex={index === selected ? 0 : -1}
                aria-selected={index === selected}
                onClick={() => setSelected(index)}
                onDoubleClick={() => setEditing(route)}
              >
                {columns.map((column) => (
                  <td
                    key={column.title}
                    className={classes(
                      column.mono && 'mono',
                      column.property && edited.includes(column.property) && 'edited',
                    )}
                  >
                    {column.value(route)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <RouteDialog
          table={{ siteId, family: 'ip' }}
          editor={{ mode: 'edit', route: editing }}
          readOnly={readOnly}
          onClose={() => setEditing(null)}
          commit={async (before, after) => {
            // The draft finds its route by the snapshot's values, not by what the draft made them.
            const original = snapshot.routes.find((each) => each.id === editing.id) ?? editing;
            await invoke('drafts.editRoute', { siteId, route: routeKeyOf(original), before, after });
          }}
        />
      )}
    </div>
  );
}
