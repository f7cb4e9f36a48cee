import { type ReactNode, useState } from 'react';
import type { Site } from '../../../shared/sites/site';
import { EmptyState } from '../components/EmptyState';
import { Tabs } from '../components/Tabs';
import { FailoverTab } from '../failover/FailoverTab';
import { MonitorTab } from '../monitor/MonitorTab';
import { useMonitorWatch } from '../monitor/use-monitor-watch';
import { RoutesTab } from '../routes/RoutesTab';
import { offlineSession, selectSession, useSessionsStore } from '../stores/sessions-store';
import { selectSelectedSite, useSitesStore } from '../stores/sites-store';
import { SessionBanners } from './SessionBanners';
import { SiteHeader } from './SiteHeader';
import './site.css';

type SiteTab = 'routes' | 'failover' | 'monitor';

const tabs = [
  { value: 'routes', label: 'Routes' },
  { value: 'failover', label: 'WAN Failover' },
  { value: 'monitor', label: 'Monitor' },
] as const;

const panels: Record<SiteTab, (props: { siteId: string }) => ReactNode> = {
  routes: RoutesTab,
  failover: FailoverTab,
  monitor: MonitorTab,
};

/** The selected site: who it is and how its session is doing, then its feature tabs. */
export function SiteWorkspace() {
  const site = useSitesStore(selectSelectedSite);
  const loaded = useSitesStore((s) => s.loaded);
  // Shared by all sites: a technician comparing failover across sites stays on that tab.
  const [tab, setTab] = useState<SiteTab>('routes');

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

function SiteView({ site, tab, onTab }: { site: Site; tab: SiteTab; onTab(tab: SiteTab): void }) {
  const session = useSessionsStore(selectSession(site.id)) ?? offlineSession(site.id);
  // Measured while the site is shown, whichever tab: the graphs have the recent past when opened.
  useMonitorWatch(site.id);
  const Panel = panels[tab];
  return (
    <>
      <SiteHeader site={site} session={session} />
      <SessionBanners site={site} session={session} />
      <Tabs label={`${site.name} features`} tabs={tabs} selected={tab} onSelect={onTab}>
        <Panel siteId={site.id} />
      </Tabs>
    </>
  );
}
