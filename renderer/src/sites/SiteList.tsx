import { type KeyboardEvent, useCallback, useState } from 'react';
import type { Site } from '../../../shared/sites/site';
import { EmptyState } from '../components/EmptyState';
import { Menu } from '../components/Menu';
import { useNow } from '../components/use-now';
import { useSiteDialogsStore } from '../stores/site-dialogs-store';
import { useSitesStore } from '../stores/sites-store';
import { SiteListItem } from './SiteListItem';
import { focusSiteRow, openSite, siteMenuItems } from './site-actions';

interface OpenMenu {
  site: Site;
  position: { x: number; y: number };
  trigger: HTMLElement;
}

/**
 * The sites list. One tab stop; arrows move the selection, Enter opens (connects), Delete asks to
 * remove, the context-menu key or Shift+F10 opens the site's menu.
 */
export function SiteList() {
  const sites = useSitesStore((s) => s.sites);
  const loaded = useSitesStore((s) => s.loaded);
  const selectedId = useSitesStore((s) => s.selectedId);
  const select = useSitesStore((s) => s.select);
  const askRemove = useSiteDialogsStore((s) => s.askRemove);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const now = useNow(15_000);
  const openMenu = useCallback(
    (site: Site, position: OpenMenu['position'], trigger: HTMLElement) =>
      setMenu({ site, position, trigger }),
    [],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-site-id]');
    const index = sites.findIndex((site) => site.id === item?.dataset.siteId);
    const site = sites[index];
    if (!site || !(event.target as HTMLElement).classList.contains('site-row')) return;
    const moveTo = (target: Site | undefined) => {
      if (!target) return;
      select(target.id);
      focusSiteRow(target.id);
    };
    switch (event.key) {
      case 'ArrowDown':
        moveTo(sites[index + 1]);
        break;
      case 'ArrowUp':
        moveTo(sites[index - 1]);
        break;
      case 'Home':
        moveTo(sites[0]);
        break;
      case 'End':
        moveTo(sites[sites.length - 1]);
        break;
      case 'Enter':
        openSite(site.id);
        break;
      case 'Delete':
        askRemove(site.id);
        break;
      case 'ContextMenu':
      case 'F10': {
        if (event.key === 'F10' && !event.shiftKey) return;
        const box = (event.target as HTMLElement).getBoundingClientRect();
        setMenu({
          site,
          position: { x: box.left + 16, y: box.bottom - 4 },
          trigger: event.target as HTMLElement,
        });
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  if (loaded && sites.length === 0) {
    return (
      <EmptyState compact icon="router" title="No sites yet">
        <p>Add a router by its address with Add site, or make one of a neighbor found on your network.</p>
      </EmptyState>
    );
  }

  const tabbableId = sites.some((site) => site.id === selectedId) ? selectedId : sites[0]?.id;
  return (
    <>
      <ul className="site-list" aria-label="Sites" onKeyDown={onKeyDown}>
        {sites.map((site) => (
          <SiteListItem
            key={site.id}
            site={site}
            selected={site.id === selectedId}
            tabbable={site.id === tabbableId}
            now={now}
            onSelect={select}
            onOpen={openSite}
            onMenu={openMenu}
          />
        ))}
      </ul>
      {menu && (
        <Menu
          label={`Actions for ${menu.site.name}`}
          items={siteMenuItems(menu.site)}
          position={menu.position}
          returnFocus={menu.trigger}
          onClose={() => setMenu(null)}
        />
      )}
    </>
  );
}
