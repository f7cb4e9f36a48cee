import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { routeKeyOf, type SiteSnapshot } from '../../../shared/drafts/draft';
import { draftedRoutes } from '../../../shared/drafts/draft-plan';
import { flagLetters, type Route } from '../../../shared/routes/route';
import { invoke } from '../ipc/client';
import { RouteDialog } from '../routes/RouteDialog';
import { selectSite, useSitesStore } from '../stores/sites-store';
import { selectDraft, useDraftsStore } from './drafts-store';
import '../components/data-table.css';
import './drafts.css';

const columns = ['Flags', 'Dst. Address', 'Gateway', 'Distance', 'Routing Table', 'Comment'] as const;

/**
 * IP → Routes offline: the snapshot's routes with the draft's values in, edited ones marked.
 * Double-click or Enter opens a route; what is changed goes into the draft, not to the router.
 */
export function OfflineRoutes({ siteId, snapshot }: { siteId: string; snapshot: SiteSnapshot }) {
  const items = useDraftsStore(selectDraft(siteId))?.items;
  const readOnly = useSitesStore((state) => selectSite(siteId)(state)?.readOnly ?? false);
  const rows = useMemo(
    () => draftedRoutes(snapshot.routes, items && { siteId, baseTakenAt: snapshot.takenAt, items }),
    [snapshot, items, siteId],
  );
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
      <div className="offline-routes">
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA's data grid: a table the keyboard moves through */}
        <table className="data-table" role="grid" aria-label="Routes" onKeyDown={onKeyDown}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
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
                <td className="mono">{flagLetters(route.flags)}</td>
                <td className="mono">{route.dstAddress}</td>
                <td className={edited.includes('gateway') ? 'mono edited' : 'mono'}>{route.gateway}</td>
                <td className={edited.includes('distance') ? 'mono edited' : 'mono'}>{route.distance}</td>
                <td>{route.routingTable}</td>
                <td className={edited.includes('comment') ? 'edited' : undefined}>{route.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <RouteDialog
          siteId={siteId}
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
