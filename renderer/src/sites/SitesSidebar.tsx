import { Button } from '../components/Button';
import { Icon } from '../components/Icon';
import { useSiteDialogsStore } from '../stores/site-dialogs-store';
import { useSitesStore } from '../stores/sites-store';
import { NeighborsSection } from './NeighborsSection';
import { SiteList } from './SiteList';
import './sites.css';

/** The left pane: the technician's routers, and the ones heard on the network. */
export function SitesSidebar() {
  const openAdd = useSiteDialogsStore((s) => s.openAdd);
  const count = useSitesStore((s) => s.sites.length);
  const error = useSitesStore((s) => s.error);
  const selectedId = useSitesStore((s) => s.selectedId);
  const select = useSitesStore((s) => s.select);
  return (
    <aside className="sidebar" aria-label="Routers">
      <div className="sidebar-header">
        <h2 className="sidebar-heading">
          Sites <span className="sidebar-count">{count}</span>
        </h2>
        <span className="spacer" />
        <Button size="small" icon="plus" onClick={() => openAdd()}>
          Add site
        </Button>
      </div>
      {count > 1 && (
        <button
          type="button"
          className="sidebar-overview"
          aria-current={selectedId === null || undefined}
          onClick={() => select(null)}
        >
          <Icon name="radar" size={14} />
          All sites
        </button>
      )}
      <div className="sidebar-sites">
        {error && (
          <p className="sidebar-error" role="alert">
            Could not load the sites: {error}
          </p>
        )}
        <SiteList />
      </div>
      <NeighborsSection />
    </aside>
  );
}
