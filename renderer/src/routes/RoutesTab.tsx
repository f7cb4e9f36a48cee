import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { hasFlag, type Route } from '../../../shared/routes/route';
import { newRouteForm, routeToForm } from '../../../shared/routes/route-attrs';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Menu, type MenuItem } from '../components/Menu';
import { invoke } from '../ipc/client';
import { selectSession, useSessionsStore } from '../stores/sessions-store';
import { CommentDialog } from './CommentDialog';
import { DhcpClientDialog } from './DhcpClientDialog';
import { FlagsLegend } from './FlagsLegend';
import { LoadProgress } from './LoadProgress';
import { RouteDialog, type RouteEditor } from './RouteDialog';
import { RouteFilter } from './RouteFilter';
import { RoutesGrid } from './RoutesGrid';
import { copyAsCommand, removeRoute, routeName, setDisabled } from './route-actions';
import { createRoutesView, rowAt } from './routes-view-store';
import { SameDistanceWarning } from './SameDistanceWarning';
import './routes.css';
import { count } from '../components/count';

/** IP → Routes of one site: Winbox's route list, live, for tables of any size. */
export function RoutesTab({ siteId }: { siteId: string }) {
  const [view] = useState(() => createRoutesView(siteId));
  const status = useStore(view, (s) => s.status);
  const query = useStore(view, (s) => s.query);
  const total = useStore(view, (s) => s.total);
  const error = useStore(view, (s) => s.error);
  const selectedRoute = useStore(view, (s) => (s.selected ? rowAt(s, s.selected.index) : undefined));
  const sessionReadOnly = useSessionsStore((s) => selectSession(siteId)(s)?.readOnly ?? false);
  const readOnly = sessionReadOnly || (status?.readOnly ?? false);
  const gridRef = useRef<HTMLDivElement>(null);

  const [editor, setEditor] = useState<RouteEditor | null>(null);
  const [dhcpRoute, setDhcpRoute] = useState<Route | null>(null);
  const [removing, setRemoving] = useState<Route | null>(null);
  const [commenting, setCommenting] = useState<Route | null>(null);
  const [menu, setMenu] = useState<{ route: Route; position: { x: number; y: number } } | null>(null);

  useEffect(() => view.getState().watch(), [view]);

  const staticRoute = (route: Route | undefined) => !!route && !hasFlag(route, 'dynamic') && !readOnly;
  const actions = (route: Route | undefined): MenuItem[] => [
    {
      label: 'Open',
      icon: 'edit',
      shortcut: 'Enter',
      disabled: !route,
      onSelect: () => route && setEditor({ mode: 'edit', route }),
    },
    {
      label: 'Add',
      icon: 'plus',
      disabled: readOnly,
      onSelect: () => setEditor({ mode: 'new', initial: newRouteForm }),
    },
    {
      label: 'Copy',
      icon: 'copy',
      disabled: !route || readOnly,
      onSelect: () => route && setEditor({ mode: 'new', initial: routeToForm(route) }),
    },
    {
      label: 'Copy as RouterOS command',
      icon: 'copy',
      disabled: !route,
      onSelect: () => route && void copyAsCommand(route),
    },
    {
      label: 'Enable',
      icon: 'check',
      disabled: !staticRoute(route) || !hasFlag(route!, 'disabled'),
      onSelect: () => route && void setDisabled(siteId, route, false),
    },
    {
      label: 'Disable',
      icon: 'close',
      disabled: !staticRoute(route) || hasFlag(route!, 'disabled'),
      onSelect: () => route && void setDisabled(siteId, route, true),
    },
    {
      label: 'Comment',
      icon: 'edit',
      disabled: !staticRoute(route),
      onSelect: () => route && setCommenting(route),
    },
    {
      label: 'Remove',
      icon: 'trash',
      danger: true,
      shortcut: 'Del',
      disabled: !staticRoute(route),
      onSelect: () => route && setRemoving(route),
    },
  ];
  const toolbar = actions(selectedRoute).filter((item) => item.label !== 'Open');

  return (
    <section className="routes-tab" aria-label="IP Routes">
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
        </span>
      </div>
      {status?.phase === 'loading' && (
        <LoadProgress status={status} onCancel={() => void invoke('routes.cancelLoad', { siteId })} />
      )}
      {status?.phase === 'cancelled' && (
        <Banner
          tone="info"
          title="Loading was cancelled"
          actions={
            <Button size="small" icon="refresh" onClick={() => void invoke('routes.reload', { siteId })}>
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
            <Button size="small" icon="refresh" onClick={() => void invoke('routes.reload', { siteId })}>
              Reload
            </Button>
          }
        >
          {status.error}
        </Banner>
      )}
      {status?.phase === 'offline' && (
        <Banner tone="info" title="Not connected">
          {status.loaded > 0
            ? `Showing the ${count.format(status.loaded)} routes read before the session closed; they update again once it is back.`
            : 'Connect the site to see its routes.'}
        </Banner>
      )}
      {error && <Banner tone="error">{error}</Banner>}
      {status && (
        <SameDistanceWarning
          siteId={siteId}
          defaults={status.defaults}
          selectedId={selectedRoute?.id}
          readOnly={readOnly}
        />
      )}
      <div ref={gridRef} className="routes-grid-frame">
        <RoutesGrid
          view={view}
          onOpen={(route) => setEditor({ mode: 'edit', route })}
          onRemove={(route) => staticRoute(route) && setRemoving(route)}
          onMenu={(route, position) => setMenu({ route, position })}
        />
      </div>
      <FlagsLegend />
      {menu && (
        <Menu
          label={`Actions for ${routeName(menu.route)}`}
          items={actions(menu.route)}
          position={menu.position}
          returnFocus={gridRef.current?.querySelector<HTMLElement>('[role="grid"]')}
          onClose={() => setMenu(null)}
        />
      )}
      {editor && (
        <RouteDialog
          key={editor.mode === 'edit' ? editor.route.id : 'new'}
          siteId={siteId}
          editor={editor}
          readOnly={readOnly}
          onClose={() => setEditor(null)}
          onEditDhcpClient={(route) => {
            setEditor(null);
            setDhcpRoute(route);
          }}
        />
      )}
      {dhcpRoute && <DhcpClientDialog siteId={siteId} route={dhcpRoute} onClose={() => setDhcpRoute(null)} />}
      {commenting && (
        <CommentDialog
          initial={commenting.comment}
          onSave={(comment) => invoke('routes.comment', { siteId, ids: [commenting.id], comment })}
          onClose={() => setCommenting(null)}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title="Remove route?"
        confirmLabel="Remove"
        tone="danger"
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) void removeRoute(siteId, removing);
          setRemoving(null);
        }}
      >
        {removing && <p>Remove {routeName(removing)} from the router? This cannot be undone.</p>}
      </ConfirmDialog>
    </section>
  );
}
