import { type ReactNode, useState } from 'react';
import type { SiteSnapshot } from '../../../shared/drafts/draft';
import type { Site } from '../../../shared/sites/site';
import { ApplyBanners } from '../apply/ApplyBanners';
import { UndoChange } from '../apply/UndoChange';
import { Banner } from '../components/Banner';
import { count } from '../components/count';
import { EmptyState } from '../components/EmptyState';
import { Tabs } from '../components/Tabs';
import { DraftPanel } from '../drafts/DraftPanel';
import { selectSnapshot, useDraftsStore } from '../drafts/drafts-store';
import { OfflineFailover } from '../drafts/OfflineFailover';
import { useDraft } from '../drafts/use-draft';
import { FailoverTab } from '../failover/FailoverTab';
import { FleetView } from '../fleet/FleetView';
import { MonitorTab } from '../monitor/MonitorTab';
import { formatDateTime } from '../monitor/monitor-text';
import { useMonitorWatch } from '../monitor/use-monitor-watch';
import { RoutesTab } from '../routes/RoutesTab';
import { selectHeld, useHeldTabsStore } from '../stores/held-tabs-store';
import { offlineSession, selectSession, useSessionsStore } from '../stores/sessions-store';
import { selectSelectedSite, useSitesStore } from '../stores/sites-store';
import { SessionBanners } from './SessionBanners';
import { SiteHeader } from './SiteHeader';
import './site.css';

type SiteTab = 'routes' | 'ipv6' | 'failover' | 'monitor';

const tabs = [
  { value: 'routes', label: 'Routes' },
  { value: 'ipv6', label: 'IPv6 Routes' },
  { value: 'failover', label: 'WAN Failover' },
  { value: 'monitor', label: 'Monitor' },
] as const;

const offlinePanels: Partial<
  Record<SiteTab, (props: { siteId: string; snapshot: SiteSnapshot }) => ReactNode>
> = {
  // Routes offline is the Routes tab itself: main shows the snapshot there, and edits go to the draft.
  failover: OfflineFailover,
};

const panels: Record<SiteTab, (props: { siteId: string }) => ReactNode> = {
  routes: RoutesTab,
  ipv6: ({ siteId }) => <RoutesTab siteId={siteId} family="ipv6" />,
  failover: FailoverTab,
  monitor: MonitorTab,
};

/** The selected site: who it is and how its session is doing, then its feature tabs. */
export function SiteWorkspace() {
  const site = useSitesStore(selectSelectedSite);
  const loaded = useSitesStore((s) => s.loaded);
  const sites = useSitesStore((s) => s.sites.length);
  // Shared by all sites: a technician comparing failover across sites stays on that tab.
  const [tab, setTab] = useState<SiteTab>('routes');

  if (!site && sites > 1) {
    return (
      <main className="workspace" aria-label="Sites">
        <FleetView />
      </main>
    );
  }
  if (!site) {
    return (
      <main className="workspace">
        {loaded && (
          <EmptyState icon="router" title="No site selected">
            <p>Choose a site on the left, or add a router with Add site.</p>
          </EmptyState>
        )}
      </main>
    );
  }
  return (
    <main className="workspace" aria-label={site.name}>
      <SiteView key={site.id} site={site} tab={tab} onTab={setTab} />
    </main>
  );
}

/** What a snapshot of a big table holds of it, where it could not hold every route. */
function KeptRoutes({ family, routes, total }: { family: string; routes?: unknown[]; total?: number }) {
  if (!routes || total === undefined || total <= routes.length) return null;
  return (
    <>
      {' '}
      Of the router’s {count.format(total)} {family}routes it holds {count.format(routes.length)}: every
      default route and every route with a comment, then the others in the router’s order.
    </>
  );
}

function SiteView({ site, tab, onTab }: { site: Site; tab: SiteTab; onTab(tab: SiteTab): void }) {
  const session = useSessionsStore(selectSession(site.id)) ?? offlineSession(site.id);
  const snapshot = useDraftsStore(selectSnapshot(site.id));
  // Measured while the site is shown, whichever tab: the graphs have the recent past when opened.
  useMonitorWatch(site.id);
  const online = session.status === 'online';
  useDraft(site.id, online);
  const held = useHeldTabsStore(selectHeld(site.id));
  // Not connected, the site opens from what it was when last connected; edits become the draft. A
  // dialog open when the session dropped keeps its tab (and what was typed) until it is closed.
  const OfflinePanel = !online && snapshot && !held ? offlinePanels[tab] : undefined;
  const Panel = panels[tab];
  return (
    <>
      <SiteHeader site={site} session={session} />
      <UndoChange siteId={site.id} online={online} />
      <SessionBanners site={site} session={session} />
      <div className="site-drafts">
        {/* Whatever the tab and the session: an interrupted change and its restore time stay in sight. */}
        <ApplyBanners siteId={site.id} />
        {!online && snapshot && (
          <Banner tone="info" title={`Offline: the snapshot of ${formatDateTime(snapshot.takenAt)}`}>
            The site is shown as Uplink last read it from {snapshot.identity || 'the router'}. Changes are
            kept in a draft on this computer and applied when you connect.
            <KeptRoutes family="" routes={snapshot.routes} total={snapshot.routeCount} />
            <KeptRoutes family="IPv6 " routes={snapshot.ipv6Routes} total={snapshot.ipv6RouteCount} />
          </Banner>
        )}
        <DraftPanel siteId={site.id} siteName={site.name} online={online} />
      </div>
      <Tabs label={`${site.name} features`} tabs={tabs} selected={tab} onSelect={onTab}>
        {OfflinePanel && snapshot ? (
          <OfflinePanel siteId={site.id} snapshot={snapshot} />
        ) : (
          <Panel siteId={site.id} />
        )}
      </Tabs>
    </>
  );
}
