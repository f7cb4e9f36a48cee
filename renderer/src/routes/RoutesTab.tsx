import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { maxUndoRoutes } from '../../../shared/apply/undo';
import { hasFlag, type Route } from '../../../shared/routes/route';
import { newRouteFormOf, routeToForm } from '../../../shared/routes/route-attrs';
import type { RouteFamily } from '../../../shared/routes/route-family';
import { selectApply, useApplyStore } from '../apply/apply-store';
import { useUndoStore } from '../apply/UndoChange';
import { Banner } from '../components/Banner';
import { Button, IconButton } from '../components/Button';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { Menu, type MenuItem } from '../components/Menu';
import { MenuButton } from '../components/MenuButton';
import { selectSnapshot, useDraftsStore } from '../drafts/drafts-store';
import { invoke } from '../ipc/client';
import { formatDateTime } from '../monitor/monitor-text';
import { selectSession, useSessionsStore } from '../stores/sessions-store';
import { selectSite, useSitesStore } from '../stores/sites-store';
import { ColumnsDialog, columnMenuItems } from './ColumnsDialog';
import { CommentDialog } from './CommentDialog';
import { DhcpClientDialog } from './DhcpClientDialog';
import { FlagsLegend } from './FlagsLegend';
import { LoadProgress } from './LoadProgress';
import { RouteDialog, type RouteEditor } from './RouteDialog';
import { RouteFilter } from './RouteFilter';
import { RouteFind } from './RouteFind';
import { RoutePlanHost } from './RoutePlanHost';
import { RoutesGrid } from './RoutesGrid';
import {
  copyAsCommands,
  draftWrites,
  exportRoutes,
  type RouteExportRows,
  type RouteWrites,
  routeAction,
  routeName,
  routerWrites,
  selectionName,
} from './route-actions';
import { useRouteLayoutStore } from './route-layout-store';
import { createRoutesView, type RouteTableKey, rowAt } from './routes-view-store';
import { SameDistanceWarning } from './SameDistanceWarning';
import './routes.css';
import { count } from '../components/count';

/** What the tab, its grid and its dialog are called in each family, as Winbox's menus name them. */
export const tableNames: Record<RouteFamily, { tab: string; grid: string }> = {
  ip: { tab: 'IP Routes', grid: 'Routes' },
  ipv6: { tab: 'IPv6 Routes', grid: 'IPv6 Routes' },
};

/**
 * IP → Routes or IPv6 → Routes of one site: Winbox's route list, live, for tables of any size.
 * Both families are this one tab over their own table in main.
 */
export function RoutesTab({ siteId, family = 'ip' }: { siteId: string; family?: RouteFamily }) {
  const [table] = useState<RouteTableKey>(() => ({ siteId, family }));
  const [view] = useState(() => createRoutesView(table));
  const status = useStore(view, (s) => s.status);
  const query = useStore(view, (s) => s.query);
  const total = useStore(view, (s) => s.total);
  const error = useStore(view, (s) => s.error);
  const selectedRoute = useStore(view, (s) => (s.selected ? rowAt(s, s.selected.index) : undefined));
  const marked = useStore(view, (s) => s.marked);
  const sessionReadOnly = useSessionsStore((s) => selectSession(siteId)(s)?.readOnly ?? false);
  // Offline on a snapshot without this family's routes: nothing to show or to draft on.
  const lacking = status?.snapshot?.lacksFamily ? status.snapshot : undefined;
  const readOnly = sessionReadOnly || (status?.readOnly ?? false) || lacking !== undefined;
  const gridRef = useRef<HTMLDivElement>(null);
  const lastChange = useApplyStore((s) => selectApply(siteId)(s)?.lastChange);
  // Offline, main shows the site's snapshot with its draft: the same table, its changes to the draft.
  const drafting = status?.snapshot !== undefined;
  const snapshot = useDraftsStore(selectSnapshot(siteId)) ?? undefined;
  const writes = drafting ? draftWrites(table, snapshot) : routerWrites(table);

  // Where the dialog's OK goes is settled when it opens: one opened online stays the router's if
  // the session drops (it waits, or keeps the edit as an offline one), one opened offline the draft's.
  const [editing, setEditing] = useState<{ editor: RouteEditor; commit: RouteWrites['commit'] } | null>(null);
  const setEditor = (editor: RouteEditor | null) => setEditing(editor && { editor, commit: writes.commit });
  const editor = editing?.editor;
  const [dhcpRoute, setDhcpRoute] = useState<Route | null>(null);
  const [removing, setRemoving] = useState<Route[] | null>(null);
  const [commenting, setCommenting] = useState<{ ids: string[]; initial: string } | null>(null);
  const [menu, setMenu] = useState<{ position: { x: number; y: number } } | null>(null);
  const [columnsMenu, setColumnsMenu] = useState<{ x: number; y: number } | null>(null);
  const [arranging, setArranging] = useState(false);
  const layout = useRouteLayoutStore((s) => s.layout);
  const columnItems = () => columnMenuItems(layout, () => setArranging(true));
  const siteName = useSitesStore((s) => selectSite(siteId)(s)?.name ?? 'site');

  useEffect(() => view.getState().watch(), [view]);

  const staticRoute = (route: Route | undefined) => !!route && !hasFlag(route, 'dynamic') && !readOnly;
  // One route selected: it is the cursor's, and what it allows is known. Several: the router
  // decides per route (main leaves dynamic ones out), so the changes are offered while writable.
  const single =
    marked.size === 1 && selectedRoute && marked.has(selectedRoute.id) ? selectedRoute : undefined;
  const several = marked.size > 1;
  // Safe Mode holds a change only with its whole undo, and an undo keeps up to maxUndoRoutes
  // routes: a bigger selection's change would be refused, so it is said here, before anything is sent.
  const inSafeMode = useApplyStore((s) => selectApply(siteId)(s)?.safeMode !== undefined);
  const beyondNet = inSafeMode && !drafting && marked.size > maxUndoRoutes;
  const ids = () => [...marked];
  const selectedRows = () => invoke('routes.rows', { ...table, ids: ids() });
  const name = single ? routeName(single) : selectionName([], marked.size);
  const changeable = several ? !readOnly : staticRoute(single);
  const askRemove = () =>
    void routeAction(`Remove ${name}`, async () => {
      const routes = (await selectedRows()).filter((route) => !hasFlag(route, 'dynamic'));
      if (routes.length > 0) setRemoving(routes);
    });
  const actions: MenuItem[] = [
    {
      label: 'Open',
      icon: 'edit',
      shortcut: 'Enter',
      disabled: !single,
      onSelect: () => single && setEditor({ mode: 'edit', route: single }),
    },
    {
      label: 'Add',
      icon: 'plus',
      disabled: readOnly,
      onSelect: () => setEditor({ mode: 'new', initial: newRouteFormOf(family) }),
    },
    {
      label: 'Copy',
      icon: 'copy',
      disabled: !single || readOnly,
      onSelect: () => single && setEditor({ mode: 'new', initial: routeToForm(single) }),
    },
    {
      label: 'Copy as RouterOS commands',
      icon: 'copy',
      disabled: marked.size === 0,
      onSelect: () =>
        void routeAction('Copy as RouterOS commands', async () =>
          copyAsCommands(await selectedRows(), family),
        ),
    },
    {
      label: 'Enable',
      icon: 'check',
      disabled: !changeable || beyondNet || (!several && !hasFlag(single!, 'disabled')),
      onSelect: () => void writes.setDisabled(ids(), false, name),
    },
    {
      label: 'Disable',
      icon: 'close',
      disabled: !changeable || beyondNet || (!several && hasFlag(single!, 'disabled')),
      onSelect: () => void writes.setDisabled(ids(), true, name),
    },
    {
      label: 'Comment',
      icon: 'edit',
      disabled: !changeable || beyondNet,
      onSelect: () => setCommenting({ ids: ids(), initial: single?.comment ?? '' }),
    },
    {
      label: 'Remove',
      icon: 'trash',
      danger: true,
      shortcut: 'Del',
      disabled: !changeable || beyondNet,
      onSelect: askRemove,
    },
  ];
  const toolbar = actions.filter((item) => item.label !== 'Open');
  const exports: MenuItem[] = (['rsc', 'csv'] as const).flatMap((format) => {
    const as = format === 'rsc' ? '.rsc' : 'CSV';
    const run = (rows: RouteExportRows) => () => void exportRoutes(table, siteName, format, rows);
    return [
      { label: `Table as ${as}`, icon: 'download', onSelect: run({ kind: 'table' }) },
      { label: `Filtered rows as ${as}`, icon: 'download', onSelect: run({ kind: 'filtered', query }) },
      {
        label: `Selection as ${as}`,
        icon: 'download',
        disabled: marked.size === 0,
        onSelect: run({ kind: 'selection', ids: [...marked] }),
      },
    ];
  });

  return (
    <section
      className="routes-tab"
      aria-label={tableNames[family].tab}
      // Ctrl+F anywhere in the tab goes to Find, as in Winbox.
      onKeyDown={(event) => {
        if (event.key.toLowerCase() !== 'f' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
        const find = event.currentTarget.querySelector<HTMLElement>('.routes-find-value');
        if (!find) return;
        event.preventDefault();
        find.focus();
      }}
    >
      <div className="routes-toolbar" role="toolbar" aria-label="Route actions">
        {toolbar.map((item) => (
          <Button
            key={item.label}
            size="small"
            icon={item.icon}
            disabled={item.disabled}
            onClick={item.onSelect}
          >
            {item.label}
          </Button>
        ))}
        {/* An icon, so the toolbar keeps to one row at 1280 px; what it would undo is its tooltip. */}
        <IconButton
          label="Undo"
          icon="undo"
          size="small"
          variant="secondary"
          disabled={!lastChange || lastChange.reason !== undefined || readOnly || drafting}
          title={
            lastChange
              ? `Undo “${lastChange.summary}” (Ctrl+Z)${lastChange.reason ? `: cannot be undone. ${lastChange.reason}` : ''}`
              : 'Nothing to undo (Ctrl+Z)'
          }
          aria-keyshortcuts="Control+Z"
          onClick={() => useUndoStore.getState().open(siteId)}
        />
        <MenuButton label="Export" icon="download" menuLabel="Export routes" items={() => exports} />
        <MenuButton label="Columns" icon="gear" menuLabel="Columns" items={columnItems} />
      </div>
      <div className="routes-filters">
        <RouteFilter value={query.filter} onChange={(filter) => view.getState().setQuery({ filter })} />
        <Button
          size="small"
          aria-pressed={query.defaultOnly}
          className="routes-quick"
          onClick={() => view.getState().setQuery({ defaultOnly: !query.defaultOnly })}
        >
          Default routes
        </Button>
        <Button
          size="small"
          aria-pressed={query.staticOnly}
          className="routes-quick"
          onClick={() => view.getState().setQuery({ staticOnly: !query.staticOnly })}
        >
          Static only
        </Button>
        <span className="routes-count" aria-live="polite">
          {status ? `${count.format(total)} of ${count.format(status.loaded)} routes` : ''}
          {marked.size > 1 ? ` · ${count.format(marked.size)} selected` : ''}
        </span>
      </div>
      <RouteFind view={view} family={family} />
      {status?.phase === 'loading' && (
        <LoadProgress status={status} onCancel={() => void invoke('routes.cancelLoad', table)} />
      )}
      {status?.phase === 'cancelled' && (
        <Banner
          tone="info"
          title="Loading was cancelled"
          actions={
            <Button size="small" icon="refresh" onClick={() => void invoke('routes.reload', table)}>
              Load all
            </Button>
          }
        >
          Showing the {count.format(status.loaded)} routes that had arrived; changes still appear live.
        </Banner>
      )}
      {status?.phase === 'failed' && (
        <Banner
          tone="error"
          title="The route table could not be read"
          actions={
            <Button size="small" icon="refresh" onClick={() => void invoke('routes.reload', table)}>
              Reload
            </Button>
          }
        >
          {status.error}
        </Banner>
      )}
      {status?.phase === 'offline' && !drafting && (
        <Banner tone="info" title="Not connected">
          {status.loaded > 0
            ? `Showing the ${count.format(status.loaded)} routes read before the session closed; they update again once it is back.`
            : 'Connect the site to see its routes.'}
        </Banner>
      )}
      {error && <Banner tone="error">{error}</Banner>}
      {beyondNet && (
        <Banner
          tone="warning"
          title={`Safe Mode cannot hold a change to ${count.format(marked.size)} routes`}
        >
          Safe Mode puts a change back only with its whole undo: a line per route in the script the router
          runs if the session is lost, kept to {maxUndoRoutes} routes a change. Enable, Disable, Comment and
          Remove wait for a selection of {maxUndoRoutes} routes or fewer; or turn Safe Mode off to change
          these at once, with no net.
        </Banner>
      )}
      {status && !drafting && (
        <SameDistanceWarning
          table={table}
          defaults={status.defaults}
          selectedId={selectedRoute?.id}
          readOnly={readOnly}
        />
      )}
      {lacking ? (
        <EmptyState
          icon="router"
          title={`No ${family === 'ip' ? 'IPv4' : 'IPv6'} routes in the snapshot taken at ${formatDateTime(lacking.takenAt)}`}
        >
          <p>
            Uplink did not keep this table when that snapshot was taken, so what the router has here is not
            known offline. Connect to the site once, and its next snapshot holds them for working offline.
          </p>
        </EmptyState>
      ) : (
        <div ref={gridRef} className="routes-grid-frame">
          <RoutesGrid
            view={view}
            label={tableNames[family].grid}
            onOpen={(route) => setEditor({ mode: 'edit', route })}
            onRemove={() => changeable && !beyondNet && askRemove()}
            onMenu={(position) => setMenu({ position })}
            onColumnsMenu={setColumnsMenu}
          />
        </div>
      )}
      <FlagsLegend />
      {menu && (
        <Menu
          label={`Actions for ${name}`}
          items={actions}
          position={menu.position}
          returnFocus={gridRef.current?.querySelector<HTMLElement>('[role="grid"]')}
          onClose={() => setMenu(null)}
        />
      )}
      {columnsMenu && (
        <Menu
          label="Columns"
          items={columnItems()}
          position={columnsMenu}
          returnFocus={gridRef.current?.querySelector<HTMLElement>('[role="grid"]')}
          onClose={() => setColumnsMenu(null)}
        />
      )}
      {arranging && <ColumnsDialog onClose={() => setArranging(false)} />}
      {editor && (
        <RouteDialog
          key={editor.mode === 'edit' ? editor.route.id : 'new'}
          table={table}
          editor={editor}
          readOnly={readOnly}
          onClose={() => setEditor(null)}
          {...(editing?.commit && {
            commit: (before, after) =>
              editing.commit!(editor.mode === 'edit' ? editor.route : undefined, before, after),
          })}
          onCopy={(initial) => setEditor({ mode: 'new', initial })}
          onComment={(route) => setCommenting({ ids: [route.id], initial: route.comment })}
          onRemove={(route) => {
            setEditor(null);
            setRemoving([route]);
          }}
          onEditDhcpClient={(route) => {
            setEditor(null);
            setDhcpRoute(route);
          }}
        />
      )}
      {dhcpRoute && <DhcpClientDialog table={table} route={dhcpRoute} onClose={() => setDhcpRoute(null)} />}
      {commenting && (
        <CommentDialog
          initial={commenting.initial}
          onSave={(comment) => writes.comment(commenting.ids, comment)}
          onClose={() => setCommenting(null)}
        />
      )}
      <RoutePlanHost />
      <ConfirmDialog
        open={removing !== null}
        title={
          removing && removing.length > 1
            ? `Remove ${count.format(removing.length)} routes?`
            : 'Remove route?'
        }
        confirmLabel="Remove"
        tone="danger"
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) void writes.remove(removing);
          setRemoving(null);
        }}
      >
        {removing && <RemovalList routes={removing} drafting={drafting} />}
      </ConfirmDialog>
    </section>
  );
}

/** Shown in the one confirmation: the routes by name, the first few of a long list. */
const listedRemovals = 12;

function RemovalList({ routes, drafting }: { routes: readonly Route[]; drafting: boolean }) {
  const after = drafting
    ? 'It is kept in the draft and happens on the router when the draft is applied.'
    : routes.length <= maxUndoRoutes
      ? 'Undo (Ctrl+Z) adds them back.'
      : `This cannot be undone: Undo keeps changes of up to ${maxUndoRoutes} routes.`;
  if (routes.length === 1)
    return (
      <p>
        Remove {routeName(routes[0]!)} {drafting ? 'in the draft' : 'from the router'}? {after}
      </p>
    );
  const rest = routes.length - listedRemovals;
  return (
    <>
      <p>
        Remove these routes {drafting ? 'in the draft' : 'from the router'}? {after}
      </p>
      <ul className="routes-removal-list" aria-label="Routes to remove">
        {routes.slice(0, listedRemovals).map((route) => (
          <li key={route.id}>{routeName(route)}</li>
        ))}
      </ul>
      {rest > 0 && <p>and {count.format(rest)} more.</p>}
    </>
  );
}
