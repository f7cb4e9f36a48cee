import { memo, useId } from 'react';
import { type Site, transportLabels } from '../../../shared/sites/site';
import { Badge, StatusDot } from '../components/Badge';
import { classes } from '../components/Button';
import { Icon } from '../components/Icon';
import { selectSiteHealth, useFleetStore } from '../fleet/fleet-store';
import { siteHealthLabels } from '../fleet/fleet-text';
import { selectActiveWan, useActiveWanStore } from '../stores/active-wan-store';
import { offlineSession, selectSession, useSessionsStore } from '../stores/sessions-store';
import { formatSince, formatUptime, siteAddress, statusLabels, statusTones } from './session-text';

export interface SiteListItemProps {
  site: Site;
  selected: boolean;
  /** The row that takes the list's one tab stop. */
  tabbable: boolean;
  now: number;
  onSelect(siteId: string): void;
  onOpen(siteId: string): void;
  onMenu(site: Site, position: { x: number; y: number }, trigger: HTMLElement): void;
}

/**
 * One router in the sidebar: name and status on the first line, what it is (identity, version,
 * uptime) or when it was last seen on the second. Rows have a fixed height, so nothing jumps
 * when a session comes and goes. Each row reads its own site's session, active link and health,
 * so an update of another site (a hundred sites each refresh every few seconds) leaves it alone.
 */
export const SiteListItem = memo(function SiteListItem({
  site,
  selected,
  tabbable,
  now,
  onSelect,
  onOpen,
  onMenu,
}: SiteListItemProps) {
  const session = useSessionsStore(selectSession(site.id)) ?? offlineSession(site.id);
  const activeWan = useActiveWanStore(selectActiveWan(site.id));
  const id = useId();
  const nameId = `${id}-name`;
  const statusId = `${id}-status`;
  const detailId = `${id}-detail`;
  const healthId = `${id}-health`;
  const { router } = session;
  // Its links' health, as the fleet view colours the site; read here, so a summary of another
  // site does not redraw this row.
  const measured = useFleetStore(selectSiteHealth(site.id));
  const health = session.status === 'online' ? measured : 'unknown';
  const online = session.status === 'online' && router !== undefined;
  const detail = online
    ? [router.identity, `RouterOS ${router.version}`, `up ${formatUptime(router.uptime)}`].join(' · ')
    : session.lastSeen
      ? `Last seen ${formatSince(session.lastSeen, now)}`
      : `${transportLabels[site.transport]} · ${siteAddress(site, session)}`;

  return (
    <li
      className={classes('site-item', selected && 'site-item-selected', `site-health-${health}`)}
      aria-labelledby={nameId}
      data-site-id={site.id}
    >
      <button
        type="button"
        className="site-row"
        tabIndex={tabbable ? 0 : -1}
        aria-labelledby={nameId}
        aria-describedby={`${statusId} ${healthId} ${detailId}`}
        aria-current={selected || undefined}
        onClick={() => onSelect(site.id)}
        onDoubleClick={() => onOpen(site.id)}
        onContextMenu={(event) => {
          event.preventDefault();
          onSelect(site.id);
          onMenu(site, { x: event.clientX, y: event.clientY }, event.currentTarget);
        }}
      >
        <span className="site-row-line">
          <span id={nameId} className="site-name" title={site.name}>
            {site.name}
          </span>
          {site.demo && <Badge tone="info">Demo</Badge>}
          {site.reach === 'transient' && (
            <span
              className="site-transient"
              title={site.readOnly ? 'Transient Access, read-only' : 'Transient Access'}
            >
              <Icon name="clock" size={12} />
              <span className="visually-hidden">
                {site.readOnly ? 'Transient Access, read-only' : 'Transient Access'}
              </span>
            </span>
          )}
          <span className="spacer" />
          <span id={healthId} className="visually-hidden">
            {health === 'unknown' ? '' : `Links ${siteHealthLabels[health].toLowerCase()}`}
          </span>
          <span id={statusId} className="site-status">
            <StatusDot tone={statusTones[session.status]} label={statusLabels[session.status]} />
          </span>
        </span>
        <span className="site-row-line site-row-detail">
          <span id={detailId} className="site-detail" title={detail}>
            {detail}
          </span>
          {activeWan && (
            <span className="site-active-wan" title={activeWan.detail}>
              {activeWan.label}
            </span>
          )}
        </span>
      </button>
    </li>
  );
});
