import type { Site } from '../../../shared/sites/site';
import type { MenuItem } from '../components/Menu';
import { useNoticesStore } from '../stores/notices-store';
import { useSessionsStore } from '../stores/sessions-store';
import { useSiteDialogsStore } from '../stores/site-dialogs-store';
import { useSitesStore } from '../stores/sites-store';
import { isSessionActive } from './session-text';

/** Opens a site: selects it and connects, unless it already is (or is getting) connected. */
export function openSite(siteId: string): void {
  useSitesStore.getState().select(siteId);
  const { bySite, pending, open } = useSessionsStore.getState();
  const status = bySite[siteId]?.status ?? 'offline';
  if (!isSessionActive(status) && pending[siteId] === undefined) void open(siteId);
}

/** Puts focus on a site's row, e.g. on the one that took the selection after a removal. */
export function focusSiteRow(siteId: string): void {
  document.querySelector<HTMLElement>(`[data-site-id="${CSS.escape(siteId)}"] .site-row`)?.focus();
}

/** What a site's context menu offers, in the order Winbox users expect. */
export function siteMenuItems(site: Site): MenuItem[] {
  const sessions = useSessionsStore.getState();
  const active = isSessionActive(sessions.bySite[site.id]?.status ?? 'offline');
  const dialogs = useSiteDialogsStore.getState();
  return [
    active
      ? {
          label: 'Open',
          icon: 'router',
          shortcut: 'Enter',
          onSelect: () => useSitesStore.getState().select(site.id),
        }
      : { label: 'Connect', icon: 'plug', shortcut: 'Enter', onSelect: () => openSite(site.id) },
    {
      label: 'Disconnect',
      icon: 'unplug',
      disabled: !active,
      onSelect: () => void sessions.close(site.id),
    },
    { label: 'Edit', icon: 'edit', onSelect: () => dialogs.openEdit(site.id) },
    {
      label: 'Duplicate',
      icon: 'copy',
      onSelect: () => void useSitesStore.getState().duplicate(site.id).catch(reportFailure('duplicate')),
    },
    {
      label: 'Remove',
      icon: 'trash',
      danger: true,
      shortcut: 'Del',
      onSelect: () => dialogs.askRemove(site.id),
    },
  ];
}

function reportFailure(what: string) {
  return (error: unknown) => {
    useNoticesStore.getState().push({
      level: 'error',
      message: `Could not ${what} the site: ${error instanceof Error ? error.message : String(error)}`,
    });
  };
}
